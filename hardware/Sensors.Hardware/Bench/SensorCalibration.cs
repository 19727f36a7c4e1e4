using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Bench;

/// <summary>
/// Linear calibration of one triaxial sensor: <c>measured = Matrix·true + Bias</c>, so <c>true = Matrix⁻¹·(measured − Bias)</c>.
/// <see cref="Matrix"/> = cross-axis (unit diagonal) × diag(scale): <see cref="Scale"/> is its diagonal and
/// <see cref="CrossAxis"/> its columns divided by their diagonal element.
/// </summary>
public sealed record SensorCalibration(Vec3 Bias, Mat3 Matrix)
{
    /// <summary>Scale factor per axis (1 = nominal sensitivity).</summary>
    public Vec3 Scale => new(Matrix.M11, Matrix.M22, Matrix.M33);

    /// <summary>Cross-axis / misalignment matrix with unit diagonal.</summary>
    public Mat3 CrossAxis => Mat3.FromFunction((r, c) => Matrix[r, c] / Matrix[c, c]);

    /// <summary>Applies the calibration to one reading.</summary>
    public Vec3 Correct(Vec3 measured) => Matrix.Inverse() * (measured - Bias);

    /// <summary>The identity calibration (a perfect sensor).</summary>
    public static SensorCalibration Identity { get; } = new(Vec3.Zero, Mat3.Identity);
}

/// <summary>Bench calibration of one IMU (what a technician writes into the band's flash).</summary>
public sealed record ImuCalibration(SensorCalibration Accelerometer, SensorCalibration Gyroscope);
