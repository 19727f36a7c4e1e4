namespace Sensors.Band.Imu
{
    /// <summary>Configuration of <see cref="Mpu6500Driver"/>. Every default is the band's configuration.</summary>
    public sealed class Mpu6500Settings
    {
        /// <summary>Gyro full scale. Default ±500 °/s (a fast knee swing is ≈ 600 °/s peak at most in rehab; 500 keeps resolution).</summary>
        public Mpu6500GyroRange GyroRange { get; set; } = Mpu6500GyroRange.Dps500;

        /// <summary>Accelerometer full scale. Default ±4 g.</summary>
        public Mpu6500AccelRange AccelRange { get; set; } = Mpu6500AccelRange.G4;

        /// <summary>CONFIG.DLPF_CFG (1…6; the sample-rate divider only works with the DLPF on). Default 3 = 41 Hz gyro bandwidth.</summary>
        public byte GyroDlpf { get; set; } = 3;

        /// <summary>ACCEL_CONFIG2.A_DLPF_CFG (0…7). Default 3 = 41 Hz accelerometer bandwidth. Ignored on an MPU-6050.</summary>
        public byte AccelDlpf { get; set; } = 3;

        /// <summary>Output data rate, Hz (4…1000; SMPLRT_DIV = round(1000 / rate) − 1). Default 100 Hz.</summary>
        public int SampleRateHz { get; set; } = 100;

        /// <summary>Retries after a failed transaction (so 1 + Retries attempts). Default 3.</summary>
        public int Retries { get; set; } = 3;

        /// <summary>Back-off before retry k (k = 1 … Retries) is RetryBackoffMs · 2^(k−1) ms. Default 1 ms (1, 2, 4 ms: 7 ms in all, inside one 10 ms sample period).</summary>
        public int RetryBackoffMs { get; set; } = 1;

        /// <summary>Wait after H_RESET, ms. Default 100 ms (datasheet start-up time for register read/write).</summary>
        public int ResetDelayMs { get; set; } = 100;

        /// <summary>Wait after waking with the PLL clock, ms. Default 35 ms (datasheet gyro start-up time).</summary>
        public int WakeDelayMs { get; set; } = 35;

        /// <summary>Accept an MPU-6050 (WHO_AM_I 0x68, register-compatible subset) and flag it. Default true.</summary>
        public bool AcceptMpu6050 { get; set; } = true;

        /// <summary>Read the configuration registers back after writing them. Default true.</summary>
        public bool VerifyConfiguration { get; set; } = true;
    }
}
