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

    /// <summary>
    /// A hint within this of vertical at the reference pose means a turn about the earth's vertical (supine abduction): the
    /// axis is "up" itself, gyro only. Default 40° (the nominal thigh pod's abduction axis lies ≈ 20° off vertical).
    /// </summary>
    public double VerticalAxisMaxTiltRad { get; init; } = 40 * System.Math.PI / 180;

    /// <summary>Rest detector low-pass time constant (vertical-axis mode), s. Default 0.3.</summary>
    public double RestFilterTauS { get; init; } = 0.3;

    /// <summary>Rest: gyro deviation from its low-pass under this, °/s. Default 2 (the band core's).</summary>
    public double RestThresholdGyrDegPerS { get; init; } = 4.0;

    /// <summary>Rest: accelerometer deviation from its low-pass under this, m/s². Default 0.5 (the band core's).</summary>
    public double RestThresholdAccMPerS2 { get; init; } = 1.5;

    /// <summary>Rest must last this long before the angle is held and the axis bias learnt, s. Default 0.5 (rests between reps last ≈ 1–2 s).</summary>
    public double RestMinTimeS { get; init; } = 0.5;

    /// <summary>Rest also needs the low-passed, bias-corrected rate about the axis under this, °/s (a slow slide is no rest). Default 1.</summary>
    public double RestMaxAxisRateDegPerS { get; init; } = 1.0;

    /// <summary>Time constant of the residual axis bias learnt at rest, s. Default 1.</summary>
    public double AxisBiasTauS { get; init; } = 1.0;
}
