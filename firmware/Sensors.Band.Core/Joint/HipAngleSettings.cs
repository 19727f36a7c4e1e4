namespace Sensors.Band.Joint
{
    /// <summary>
    /// Tuning of <see cref="HipAngleEstimator"/>. Angles in degrees because people read them; converted to SI where used.
    /// The defaults are the set scored in the gateway's rep-accuracy study (gateway/README.md, "Rep accuracy").
    /// </summary>
    public sealed class HipAngleSettings
    {
        /// <summary>Gyro bias the thigh filter believes at rest, °/s. Default 8 (MPU-6500 ±5 °/s plus temperature drift, as the knee core).</summary>
        public double BiasClipDegPerS { get; set; } = 8.0;

        /// <summary>Span over which the thigh's rotation teaches the movement axis, s (longer than soft-tissue wobble). Default 0.5.</summary>
        public double AxisSpanS { get; set; } = 0.5;

        /// <summary>Rotations over <see cref="AxisSpanS"/> smaller than this do not teach the axis, °. Default 4.</summary>
        public double AxisLearnMinDeg { get; set; } = 4.0;

        /// <summary>Learned-axis evidence (sum of rotations, rad) needed before it replaces the hint. Default 3.</summary>
        public double AxisEvidenceRad { get; set; } = 3.0;

        /// <summary>Time constant pulling the gyro-integrated angle to the gravity angle, s. Default 0.3.</summary>
        public double GravityTauS { get; set; } = 0.3;

        /// <summary>Gravity is used while |up × axis| is at least this (a horizontal axis); a vertical axis is gyro only. Default 0.3.</summary>
        public double MinGravityWeight { get; set; } = 0.3;

        /// <summary>
        /// A hint within this of vertical at the reference pose means a turn about the earth's vertical (supine abduction): the
        /// axis is "up" itself, gyro only, °. Default 40 (the nominal thigh pod's abduction axis lies ≈ 20° off vertical).
        /// </summary>
        public double VerticalAxisMaxTiltDeg { get; set; } = 40.0;

        /// <summary>Rest detector low-pass time constant (vertical-axis mode), s. Default 0.3.</summary>
        public double RestFilterTauS { get; set; } = 0.3;

        /// <summary>Rest: gyro deviation from its low-pass under this, °/s. Default 4.</summary>
        public double RestThresholdGyrDegPerS { get; set; } = 4.0;

        /// <summary>Rest: accelerometer deviation from its low-pass under this, m/s². Default 1.5.</summary>
        public double RestThresholdAccMPerS2 { get; set; } = 1.5;

        /// <summary>Rest must last this long before the angle is held and the axis bias learnt, s. Default 0.5 (rests between reps last ≈ 1–2 s).</summary>
        public double RestMinTimeS { get; set; } = 0.5;

        /// <summary>Rest also needs the low-passed, bias-corrected rate about the axis under this, °/s (a slow slide is no rest). Default 1.</summary>
        public double RestMaxAxisRateDegPerS { get; set; } = 1.0;

        /// <summary>Time constant of the residual axis bias learnt at rest, s. Default 1.</summary>
        public double AxisBiasTauS { get; set; } = 1.0;

        /// <summary>Vertical axis: hold the angle on a repeated start pose (every rep returns the leg). Default true.</summary>
        public bool RangeHold { get; set; } = true;

        /// <summary>Hysteresis of the start-pose returns, ° (under the smallest rep, over fidgeting). Default 4.</summary>
        public double RangeHysteresisDeg { get; set; } = 4.0;

        /// <summary>Fraction of a return's offset from the first return removed at each return. Default 0.5.</summary>
        public double RangeOffsetGain { get; set; } = 0.5;

        /// <summary>Fraction of the returns' drift rate moved into the axis bias per return. Default 0.3.</summary>
        public double RangeBiasGain { get; set; } = 0.3;

        /// <summary>A return further than this from the first one is not taken as the start pose, °. Default 30 (6 ignored the
        /// corrections a live session with a large initial gyro offset needed: LiveHipSessionTests, seed 21).</summary>
        public double RangeMaxOffsetDeg { get; set; } = 30.0;

        /// <summary>Rate at which a range-hold correction is applied (a ramp, not a step), °/s. Default 2.</summary>
        public double RangeShiftRateDegPerS { get; set; } = 2.0;
    }
}
