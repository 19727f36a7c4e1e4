namespace Sensors.Band.Imu
{
    /// <summary>Gyroscope full scale, GYRO_CONFIG.GYRO_FS_SEL (bits 4:3); the value is the register field.</summary>
    public enum Mpu6500GyroRange : byte
    {
        /// <summary>±250 °/s, 131 LSB/(°/s).</summary>
        Dps250 = 0,

        /// <summary>±500 °/s, 65.5 LSB/(°/s) (band default).</summary>
        Dps500 = 1,

        /// <summary>±1000 °/s, 32.8 LSB/(°/s).</summary>
        Dps1000 = 2,

        /// <summary>±2000 °/s, 16.4 LSB/(°/s).</summary>
        Dps2000 = 3,
    }

    /// <summary>Accelerometer full scale, ACCEL_CONFIG.ACCEL_FS_SEL (bits 4:3); the value is the register field.</summary>
    public enum Mpu6500AccelRange : byte
    {
        /// <summary>±2 g, 16384 LSB/g.</summary>
        G2 = 0,

        /// <summary>±4 g, 8192 LSB/g (band default).</summary>
        G4 = 1,

        /// <summary>±8 g, 4096 LSB/g.</summary>
        G8 = 2,

        /// <summary>±16 g, 2048 LSB/g.</summary>
        G16 = 3,
    }
}
