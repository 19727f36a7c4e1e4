namespace Sensors.Band.Joint
{
    /// <summary>
    /// Tuning of <see cref="JointAngleEstimator"/>. Angles in degrees because people read them; converted to SI when
    /// the estimator is built. The defaults are the one parameter set scored on every hinge trial (Joint/README.md).
    /// </summary>
    public sealed class JointAngleSettings
    {
        /// <summary>Nominal sample period, s (rest-detection filters). Default 0.01.</summary>
        public double SamplePeriodS { get; set; } = 0.01;

        /// <summary>Hinge-axis identification settings.</summary>
        public HingeAxisSettings Axis { get; set; } = new HingeAxisSettings();

        /// <summary>
        /// Time constant of each of the two low-pass stages the gyro rates pass before the hinge-axis identification, s
        /// (0 = off). Soft-tissue wobble (1.5–4 Hz, 1–3°) outweighs the rate of a slow rep; 0.1 s keeps 98 % at 0.3 Hz and
        /// 22 % at 3 Hz. The joint angle itself integrates the unfiltered rates. Default 0.1.
        /// </summary>
        public double AxisLowPassTauS { get; set; } = 0.1;

        /// <summary>Time constant of each segment's gravity tracker (gyro propagated, accelerometer corrected), s. Default 0.2.</summary>
        public double GravityTrackTauS { get; set; } = 0.2;

        /// <summary>The accelerometer corrects a gravity tracker only while ‖a‖ is within this of g, m/s². Default 2.</summary>
        public double AccGateMPerS2 { get; set; } = 1.0;

        /// <summary>True: the accelerometer's weight falls linearly from 1 at ‖a‖ = g to 0 at the gate. Default false.</summary>
        public bool AccSoftGate { get; set; }

        /// <summary>Time constant with which the joint angle follows the gravity angle (axis horizontal), s. Default 0.1.</summary>
        public double GravityAngleTauS { get; set; } = 0.1;

        /// <summary>Time constant of the relative-rate bias learned from the gravity angle, s. Default 20.</summary>
        public double GravityBiasTauS { get; set; } = 20.0;

        /// <summary>
        /// Smallest gravity component perpendicular to the hinge axis (both segments, fraction of g) for the gravity
        /// angle to be used; below it the axis counts as vertical and the range hold runs. Default 0.15 (the axis must be tilted
        /// at least 8.6° from vertical).
        /// </summary>
        public double MinGravityWeight { get; set; } = 0.15;

        /// <summary>Turning-point hysteresis of the range hold, deg. Default 20.</summary>
        public double RangeHysteresisDeg { get; set; } = 20.0;

        /// <summary>Fraction of the extension-end offset removed at each extension end (range hold). Default 0.5.</summary>
        public double RangeOffsetGain { get; set; } = 0.5;

        /// <summary>Fraction of the extension-end drift rate moved into the relative-rate bias per extension end. Default 0.3.</summary>
        public double RangeBiasGain { get; set; } = 0.3;

        /// <summary>Rest detection: low-pass time constant, s. Default 0.5.</summary>
        public double RestFilterTauS { get; set; } = 0.5;

        /// <summary>Rest detection: largest gyro deviation, °/s. Default 2.</summary>
        public double RestThresholdGyrDegPerS { get; set; } = 2.0;

        /// <summary>Rest detection: largest acc deviation, m/s². Default 0.5.</summary>
        public double RestThresholdAccMPerS2 { get; set; } = 0.5;

        /// <summary>Rest detection: minimum still time, s. Default 1.5.</summary>
        public double RestMinTimeS { get; set; } = 1.5;

        /// <summary>Largest gyro bias believed, °/s (MPU-6500: ±5 °/s initial, ±0.24 °/s/°C over a 10 °C warm-up). Default 8.</summary>
        public double BiasClipDegPerS { get; set; } = 8.0;

        /// <summary>An axis change (against the mounting record) larger than this is reported as a strap slip, deg. Default 10.</summary>
        public double SlipAxisJumpDeg { get; set; } = 10.0;

        /// <summary>
        /// Hinge-constraint residual (short-term RMS over the long-term RMS) above which the mounting is suspected to
        /// have changed and the axis window restarts from the new movement. Default 3.
        /// </summary>
        public double SlipResidualRatio { get; set; } = 3.0;

        /// <summary>
        /// Gravity decides the relative sign of the two axes (g1·j1 = g2·j2) only while the RMS of g·j is at least this
        /// (fraction of g), when no sign hints are set. Default 0.05.
        /// </summary>
        public double RelativeSignMinTilt { get; set; } = 0.05;

        /// <summary>
        /// The same threshold when sign hints (the band's nominal mounting) are set, fraction of g. A knee axis is nearly
        /// horizontal in every exercise, where g·j is dominated by the error of an early axis estimate (30° off gives
        /// 0.5); the hints (misalignment ±20°, slip ≤ 15°) are safer, so gravity overrules them only with the axis
        /// clearly tilted. Default 0.6 (37° from horizontal).
        /// </summary>
        public double RelativeSignMinTiltWithHints { get; set; } = 0.6;

        /// <summary>
        /// Re-anchor the zero at repeated rest poses after a strap slip (JointAngleEstimator.WatchRestPose). Default false:
        /// on the simulated home sessions it fixes slips seen lying on the bed but misfires seated (Joint/README.md).
        /// </summary>
        public bool RestPoseReanchor { get; set; }

        /// <summary>
        /// Postures (bit 1 &lt;&lt; (int)<see cref="BodyPosture"/>) in which the rest-pose re-anchoring runs once the gateway
        /// tells the posture (JointAngleEstimator.SetPostureContext), rest poses matched only within one posture.
        /// Default: supine only (bit 2).
        /// </summary>
        public int RestPoseReanchorPostures { get; set; } = 1 << (int)BodyPosture.Supine;

        /// <summary>A segment counts as still for rest poses while its low-passed rate is below this, °/s. Default 3.</summary>
        public double RestPoseStillDegPerS { get; set; } = 3.0;

        /// <summary>Both segments still this long before a rest pose is compared/stored, s. Default 1.</summary>
        public double RestPoseSettleS { get; set; } = 1.0;

        /// <summary>A sensor rests "as before" when its gravity direction is within this of the stored one, deg. Default 2.</summary>
        public double RestPoseMatchDeg { get; set; } = 2.0;

        /// <summary>Smallest zero shift a rest-pose match acts on, deg (below: within the rest pose's own repeatability). Default 2.</summary>
        public double RestPoseMinShiftDeg { get; set; } = 2.0;

        /// <summary>Largest zero shift a rest-pose match acts on, deg (a strap slip is ≤ 15°; more is another pose). Default 20.</summary>
        public double RestPoseMaxShiftDeg { get; set; } = 20.0;

        /// <summary>Two still periods must imply the same shift within this before the zero moves, deg. Default 1.5.</summary>
        public double RestPoseAgreeDeg { get; set; } = 1.5;

        /// <summary>A thigh-only match counts only for rest poses within this of extension (shank supported), deg. Default 30.</summary>
        public double RestPoseExtendedDeg { get; set; } = 30.0;

        /// <summary>
        /// Detect a strap slip as a burst of off-hinge relative rotation (<see cref="SlipBurstDetector"/>) and bridge the
        /// joint angle across it. Default true.
        /// </summary>
        public bool SlipBurstDetect { get; set; } = true;

        /// <summary>Move the angle and the zero by the bridged correction at a detected burst (false: detect only). Default true.</summary>
        public bool SlipBridge { get; set; } = true;

        /// <summary>
        /// Report the angle extrapolated from just before a fast off-hinge rate spike (joint nearly still) until the burst
        /// is confirmed and bridged or dismissed: the step detector needs ~1 s, in which the slip's part about the hinge
        /// would show (a false hyperextension at a quad-set hold). Default true.
        /// </summary>
        public bool SlipHold { get; set; } = true;

        /// <summary>Off-hinge relative rate that starts a hold, °/s (at least; see <see cref="SlipHoldNoiseFactor"/>). Default 15.</summary>
        public double SlipHoldMinRateDegPerS { get; set; } = 15.0;

        /// <summary>A hold also needs the off-hinge rate above this multiple of its recent mean (wobble). Default 4.</summary>
        public double SlipHoldNoiseFactor { get; set; } = 4.0;

        /// <summary>Time constant of the recent mean off-hinge rate, s. Default 1.</summary>
        public double SlipHoldNoiseTauS { get; set; } = 1.0;

        /// <summary>A hold starts only while the joint turns slower than this, °/s (extrapolation stays close). Default 10.</summary>
        public double SlipHoldMaxJointRateDegPerS { get; set; } = 10.0;

        /// <summary>A hold needs one pod still (its rate, low-passed with <see cref="SlipHoldRateTauS"/>, below this), °/s. Default 3.</summary>
        public double SlipHoldStillDegPerS { get; set; } = 3.0;

        /// <summary>Low-pass time constant of the pod rates for <see cref="SlipHoldStillDegPerS"/>, s. Default 0.1.</summary>
        public double SlipHoldRateTauS { get; set; } = 0.1;

        /// <summary>A hold needs the off-hinge relative rate at least this fraction of the faster pod's rate. Default 0.4.</summary>
        public double SlipHoldOffHingeFraction { get; set; } = 0.4;

        /// <summary>A hold not confirmed by the step detector within this is dismissed, s. Default 0.5.</summary>
        public double SlipHoldConfirmS { get; set; } = 0.5;

        /// <summary>Turn the slipped pod's hinge axis by the burst's off-hinge rotation at a detected burst. Default true.</summary>
        public bool SlipBurstTurnsAxis { get; set; } = true;

        /// <summary>Restart the hinge-axis window at a detected burst (the re-fit sees only the new mounting). Default true.</summary>
        public bool SlipBurstRestartsWindow { get; set; } = true;

        /// <summary>Burst detection runs only while the gravity weight is at least this (axis far from vertical). Default 0.5.</summary>
        public double SlipBurstMinGravityWeight { get; set; } = 0.5;

        /// <summary>Leak of the off-hinge rotation integral (against gyro bias), s. Default 3.</summary>
        public double SlipBurstLeakTauS { get; set; } = 3.0;

        /// <summary>Each of two low-pass stages on the off-hinge rotation (against soft-tissue wobble), s. Default 0.1.</summary>
        public double SlipBurstLowPassTauS { get; set; } = 0.1;

        /// <summary>Window over which the off-hinge rotation step is measured, s. Default 0.6.</summary>
        public double SlipBurstLagS { get; set; } = 0.6;

        /// <summary>Off-hinge rotation step that counts as a burst, deg (plus <see cref="SlipBurstRotationFraction"/>). Default 2.5.</summary>
        public double SlipBurstThresholdDeg { get; set; } = 2.5;

        /// <summary>Fraction of the segments' rotation about the hinge in the window added to the threshold (axis-error leak). Default 0.05.</summary>
        public double SlipBurstRotationFraction { get; set; } = 0.05;

        /// <summary>
        /// The axis-error leak (off-hinge step per rotation about the hinge) is learned from windows whose segment rotation
        /// exceeds this, deg; windows rotating more are judged only once a leak is known. Default 5.
        /// </summary>
        public double SlipLeakMinRotationDeg { get; set; } = 5.0;

        /// <summary>Decay time of the learned leak (peak-hold), s. Default 30.</summary>
        public double SlipLeakDecayS { get; set; } = 30.0;

        /// <summary>A window's leak is learned this long after it (if no burst started since), s. Default 1.</summary>
        public double SlipLeakDelayS { get; set; } = 1.0;

        /// <summary>The rotation fraction of the threshold is at least this multiple of the learned leak. Default 1.25.</summary>
        public double SlipLeakMargin { get; set; } = 1.25;

        /// <summary>Half-width of the bridged interval around the burst centre, s (a slip takes ~0.3 s). Default 0.2.</summary>
        public double SlipBridgeHalfS { get; set; } = 0.2;

        /// <summary>Span before and after the bridged interval from which the joint rates are taken, s. Default 0.3.</summary>
        public double SlipBridgeRateS { get; set; } = 0.3;

        /// <summary>After a reference pose, the first excursion beyond this decides the flexion sign, deg. Default 30.</summary>
        public double FlexionSignThresholdDeg { get; set; } = 30.0;
    }
}
