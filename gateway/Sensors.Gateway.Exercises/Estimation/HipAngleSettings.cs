namespace Sensors.Gateway.Exercises.Estimation;

/// <summary>Settings of <see cref="HipAngleEstimator"/>; defaults documented in gateway/README.md ("Rep accuracy").</summary>
public sealed record HipAngleSettings
{
    /// <summary>Gyro bias the thigh filter believes at rest, °/s. Default 8 (MPU-6500 ±5 °/s plus temperature drift, as the knee core).</summary>
    public double BiasClipDegPerS { get; init; } = 8.0;

    /// <summary>Span over which the thigh's rotation teaches the movement axis, s (longer than soft-tissue wobble). Default 0.5.</summary>
    public double AxisSpanS { get; init; } = 0.5;

    /// <summary>Rotations over <see cref="AxisSpanS"/> smaller than this do not teach the axis, rad. Default 4°.</summary>
    public double AxisLearnMinRad { get; init; } = 4 * System.Math.PI / 180;

    /// <summary>Learned-axis evidence (sum of rotations, rad) needed before it replaces the hint. Default 3.</summary>
    public double AxisEvidenceRad { get; init; } = 3.0;

    /// <summary>Time constant pulling the gyro-integrated angle to the gravity angle, s. Default 0.3.</summary>
    public double GravityTauS { get; init; } = 0.3;

    /// <summary>Gravity is used while |up × axis| is at least this (a horizontal axis); a vertical axis is gyro only. Default 0.3.</summary>
    public double MinGravityWeight { get; init; } = 0.3;
}
