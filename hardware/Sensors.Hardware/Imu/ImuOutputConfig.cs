namespace Sensors.Hardware.Imu;

/// <summary>
/// How the chip is configured: full-scale ranges (saturation and int16 quantisation step) and the digital low-pass
/// filter bandwidths that set the white-noise level (σ = density·√bandwidth).
/// </summary>
/// <param name="Gyro">Gyro full scale (GYRO_CONFIG.GYRO_FS_SEL).</param>
/// <param name="Accel">Accelerometer full scale (ACCEL_CONFIG.ACCEL_FS_SEL).</param>
/// <param name="GyroBandwidthHz">Gyro DLPF bandwidth, Hz, used as the noise bandwidth.</param>
/// <param name="AccelBandwidthHz">Accelerometer DLPF bandwidth, Hz, used as the noise bandwidth.</param>
public readonly record struct ImuOutputConfig(GyroFullScale Gyro, AccelFullScale Accel, double GyroBandwidthHz, double AccelBandwidthHz)
{
    /// <summary>The band's configuration: ±500 °/s, ±4 g, DLPF_CFG = 3 and A_DLPF_CFG = 3 (41 Hz).</summary>
    public static ImuOutputConfig Band { get; } = new(GyroFullScale.Dps500, AccelFullScale.G4, 41, 41);

    /// <summary>Gyro quantisation step, rad/s per LSB.</summary>
    public double GyroStepRadPerS => 1 / Gyro.LsbPerRadPerS();

    /// <summary>Accelerometer quantisation step, m/s² per LSB.</summary>
    public double AccelStepMPerS2 => 1 / Accel.LsbPerMPerS2();
}
