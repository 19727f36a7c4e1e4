using System.Collections.Generic;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Bench;

/// <summary>One face of the six-position cube: which sensor axis points up, and where its samples are.</summary>
/// <param name="Name">"+x up", "-x up", …</param>
/// <param name="UpInSensor">Unit vector (sensor axes) that points up on this face.</param>
/// <param name="Segment">Segment index of its samples.</param>
public sealed record BenchFace(string Name, Vec3 UpInSensor, int Segment);

/// <summary>One rate-table step: the table turns about the vertical axis, which is sensor axis <see cref="Axis"/>.</summary>
/// <param name="Axis">Sensor axis on the table axis (0 = x, 1 = y, 2 = z).</param>
/// <param name="RateRadPerS">Table rate, rad/s (right-hand about the sensor axis; 0 = static hold).</param>
/// <param name="Segment">Segment index of its samples (the constant-rate part).</param>
public sealed record RateTableStep(int Axis, double RateRadPerS, int Segment)
{
    /// <summary>True angular velocity in sensor axes, rad/s.</summary>
    public Vec3 RateVectorRadPerS => Axis switch { 0 => Vec3.UnitX, 1 => Vec3.UnitY, _ => Vec3.UnitZ } * RateRadPerS;
}

/// <summary>A six-position static capture of one IMU, the part's true errors and the calibration a correct solver must find.</summary>
public sealed record SixPositionCapture(
    IReadOnlyList<BenchFace> Faces,
    IReadOnlyList<BenchSample> Samples,
    ImuErrorParameters TrueParameters,
    double LocalGravityMPerS2,
    double TemperatureC,
    SensorCalibration ExpectedAccelerometer,
    Vec3 ExpectedGyroBiasRadPerS);

/// <summary>A rate-table capture of one IMU, the part's true errors and the gyro calibration a correct solver must find.</summary>
public sealed record RateTableCapture(
    IReadOnlyList<RateTableStep> Steps,
    IReadOnlyList<BenchSample> Samples,
    ImuErrorParameters TrueParameters,
    double TemperatureC,
    SensorCalibration ExpectedGyroscope);

/// <summary>One instant of the goniometer jig: both IMUs and the true hinge angle.</summary>
/// <param name="TimeS">Jig time, s.</param>
/// <param name="Proximal">IMU on the fixed (thigh) arm, address 0x68.</param>
/// <param name="Distal">IMU on the moving (shank) arm, address 0x69.</param>
/// <param name="TrueAngleRad">Hinge angle (flexion positive), rad.</param>
/// <param name="Segment">Hold index, −1 while moving.</param>
public readonly record struct GoniometerSample(double TimeS, BenchSample Proximal, BenchSample Distal, double TrueAngleRad, int Segment);

/// <summary>A goniometer-jig sweep of a two-IMU hinge with the hold angles and each IMU's true errors and expected calibration.</summary>
public sealed record GoniometerSweep(
    IReadOnlyList<GoniometerSample> Samples,
    IReadOnlyList<double> HoldAnglesRad,
    ImuErrorParameters ProximalParameters,
    ImuErrorParameters DistalParameters,
    ImuCalibration ExpectedProximal,
    ImuCalibration ExpectedDistal);
