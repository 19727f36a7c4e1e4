using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Bench;

/// <summary>
/// One bench sample of one IMU: what the chip reported (SI, uncalibrated) and the truth the fixture applied.
/// Columns for a recording: t_s, acc_x/y/z, gyr_x/y/z, temp_c, true_acc_x/y/z, true_gyr_x/y/z, segment.
/// </summary>
/// <param name="TimeS">Host timestamp, s.</param>
/// <param name="AccelerationMPerS2">Measured accelerometer, m/s².</param>
/// <param name="AngularVelocityRadPerS">Measured gyroscope, rad/s.</param>
/// <param name="TemperatureC">Measured die temperature, °C.</param>
/// <param name="TrueSpecificForceMPerS2">True specific force in sensor axes, m/s².</param>
/// <param name="TrueAngularVelocityRadPerS">True angular velocity in sensor axes, rad/s.</param>
/// <param name="Segment">Index of the face / step / hold the sample belongs to; −1 while the fixture moves between them.</param>
public readonly record struct BenchSample(
    double TimeS,
    Vec3 AccelerationMPerS2,
    Vec3 AngularVelocityRadPerS,
    double TemperatureC,
    Vec3 TrueSpecificForceMPerS2,
    Vec3 TrueAngularVelocityRadPerS,
    int Segment)
{
    internal static BenchSample From(ImuSample measured, in ImuKinematics truth, int segment) => new(
        measured.TimeS, measured.AccelerationMPerS2, measured.AngularVelocityRadPerS, measured.TemperatureC,
        truth.SpecificForceMPerS2, truth.AngularVelocityRadPerS, segment);
}
