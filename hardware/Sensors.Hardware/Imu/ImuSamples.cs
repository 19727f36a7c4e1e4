using Sensors.Hardware.Math;

namespace Sensors.Hardware.Imu;

/// <summary>Three int16 output counts (x, y, z) as the chip's data registers hold them.</summary>
public readonly record struct Counts3(short X, short Y, short Z)
{
    public Vec3 ToVec3(double unitsPerLsb) => new(X * unitsPerLsb, Y * unitsPerLsb, Z * unitsPerLsb);
}

/// <summary>
/// One sample as the chip reports it: int16 counts at the configured full scales, plus the host timestamp.
/// </summary>
/// <param name="TimeS">Host timestamp (true sample instant + jitter), s.</param>
/// <param name="Accel">ACCEL_XOUT..ACCEL_ZOUT counts.</param>
/// <param name="Gyro">GYRO_XOUT..GYRO_ZOUT counts.</param>
/// <param name="Temperature">TEMP_OUT counts.</param>
/// <param name="Config">Range configuration the counts were produced with.</param>
public readonly record struct ImuRawSample(double TimeS, Counts3 Accel, Counts3 Gyro, short Temperature, ImuOutputConfig Config)
{
    /// <summary>Converts the counts to SI with the nominal datasheet sensitivities (what an uncalibrated driver reports).</summary>
    public ImuSample ToSi() => new(
        TimeS,
        Accel.ToVec3(Config.AccelStepMPerS2),
        Gyro.ToVec3(Config.GyroStepRadPerS),
        Temperature / ImuErrorSettings.TemperatureLsbPerC + ImuErrorSettings.TemperatureOffsetC);
}

/// <summary>One measured IMU sample in SI units, as an uncalibrated driver reports it.</summary>
/// <param name="TimeS">Host timestamp, s.</param>
/// <param name="AccelerationMPerS2">Accelerometer (specific force, +g up at rest), m/s².</param>
/// <param name="AngularVelocityRadPerS">Gyroscope, rad/s.</param>
/// <param name="TemperatureC">Die temperature from TEMP_OUT, °C.</param>
public readonly record struct ImuSample(double TimeS, Vec3 AccelerationMPerS2, Vec3 AngularVelocityRadPerS, double TemperatureC);
