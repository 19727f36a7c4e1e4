using System;
using Sensors.Band.Fusion;
using Sensors.Band.Maths;

namespace Sensors.Band.Joint
{
    /// <summary>
    /// Signed hinge-joint angle (knee: flexion +, hyperextension −) from two 6-axis IMUs, sensor 1 on the proximal
    /// segment (thigh), sensor 2 on the distal one (shank). Streaming, one <see cref="Update"/> per sample pair,
    /// no allocation after construction. Pipeline:
    /// <list type="number">
    /// <item>rest detection and rest-based gyro bias per sensor (<see cref="RestDetector"/>);</item>
    /// <item>hinge axis j1, j2 from the gyros (<see cref="HingeAxisEstimator"/>), refined continuously;</item>
    /// <item>per sensor a gravity tracker (the "up" direction in the sensor frame: gyro propagated, accelerometer
    /// corrected) — inclination only, so heading drift between the two sensors cannot enter the angle;</item>
    /// <item>joint angle θ integrated from the relative rate ω2·j2 − ω1·j1 − b, corrected towards the gravity angle
    /// α1 − α2 + c (αᵢ = direction of gravity in sensor i's plane ⟂ jᵢ; both planes are the same plane of the joint,
    /// so α1 − α2 is the hinge angle up to the mounting constant c) with a PI loop that also learns the relative-rate
    /// bias b, weighted by how far gravity is from the axis;</item>
    /// <item>vertical axis (no gravity information): range hold — the joint range is bounded and the extension end
    /// returns to the same angle, so the drift of successive extension ends corrects θ and b;</item>
    /// <item>zero and sign from the <see cref="MountingRecord"/>; axis changes are adopted with c re-chosen so the
    /// angle is continuous, which keeps the zero through refinements and strap-slip re-fits.</item>
    /// </list>
    /// </summary>
    public sealed class JointAngleEstimator
    {
        private const double G = 9.80665;

        private readonly JointAngleSettings _settings;
        private readonly HingeAxisEstimator _axis;
        private readonly RestDetector _rest1;
        private readonly RestDetector _rest2;
        private readonly RangeHoldTracker _ends;
        private readonly MountingRecord _mounting = new MountingRecord();
        private readonly double[] _bias1 = new double[3];
        private readonly double[] _bias2 = new double[3];
        private readonly double[] _g1 = new double[3];
        private readonly double[] _g2 = new double[3];
        private readonly double[] _j1 = new double[3];
        private readonly double[] _j2 = new double[3];
        private readonly double[] _u1 = new double[3];
        private readonly double[] _v1 = new double[3];
        private readonly double[] _u2 = new double[3];
        private readonly double[] _v2 = new double[3];

        private double _kGravity;
        private double _kGravityBias;
        private double _accGate;
        private bool _softGate;
        private double _hysteresisRad;
        private double _slipJumpRad;
        private double _signThresholdRad;
        private double _thetaRad;
        private double _biasRelRadPerS;
        private double _zeroRad;
        private double _timeS;
        private bool _gravityStarted;
        private bool _thetaStarted;
        private int _usedVersion = -1;
        private double _resShort;
        private double _resLong;
        private double _slipHoldS;
        private readonly double[] _lpA = new double[6];
        private readonly double[] _lpB = new double[6];
        private readonly double[] _refG1 = new double[3];
        private readonly double[] _refG2 = new double[3];
        private double _refAngleRad;
        private bool _refValid;
        private readonly RestPoseMemory _restPoses = new RestPoseMemory(8);
        private double _bothRestS;
        private bool _restHandled;
        private int _pendingSlot = -1;
        private double _pendingShiftRad;
        private double _stillRate1;
        private double _stillRate2;
        private BodyPosture _posture;
        private readonly SlipBurstDetector _burst = new SlipBurstDetector(320);
        private readonly double[] _turn1 = new double[3];
        private readonly double[] _turn2 = new double[3];

        /// <summary>Creates the estimator (allocates once).</summary>
        public JointAngleEstimator(JointAngleSettings settings)
        {
            _settings = settings ?? new JointAngleSettings();
            _axis = new HingeAxisEstimator(_settings.Axis);
            double dt = _settings.SamplePeriodS;
            double clip = _settings.BiasClipDegPerS * Angles.DegToRad;
            _rest1 = new RestDetector(_settings.RestFilterTauS, dt, _settings.RestThresholdGyrDegPerS * Angles.DegToRad,
                _settings.RestThresholdAccMPerS2, _settings.RestMinTimeS, clip);
            _rest2 = new RestDetector(_settings.RestFilterTauS, dt, _settings.RestThresholdGyrDegPerS * Angles.DegToRad,
                _settings.RestThresholdAccMPerS2, _settings.RestMinTimeS, clip);
            _ends = new RangeHoldTracker(_settings.RangeHysteresisDeg * Angles.DegToRad);
            Configure();
            Reset();
        }

        /// <summary>The hinge-axis identification (axes, quality, degenerate-case flags).</summary>
        public HingeAxisEstimator Axis => _axis;

        /// <summary>The live mounting record (axes, zero, sign); copy it to the calibration store.</summary>
        public MountingRecord Mounting => _mounting;

        /// <summary>True once the axes are known and an angle is produced.</summary>
        public bool IsValid { get; private set; }

        /// <summary>Signed joint angle, rad: flexion positive, hyperextension negative (0 when not <see cref="IsValid"/>).</summary>
        public double FlexionRad { get; private set; }

        /// <summary>Relative angular rate about the hinge, rad/s (same sign convention as <see cref="FlexionRad"/>).</summary>
        public double FlexionRateRadPerS { get; private set; }

        /// <summary>Weight of the gravity information (0 = axis vertical, 1 = gravity ⟂ axis in both sensors).</summary>
        public double GravityWeight { get; private set; }

        /// <summary>True while the gravity angle corrects the joint angle; false while the range hold runs.</summary>
        public bool UsingGravity { get; private set; }

        /// <summary>Learned bias of the relative rate about the hinge, rad/s.</summary>
        public double RelativeBiasRadPerS => _biasRelRadPerS;

        /// <summary>Rest-based gyro bias of sensor 1, z component (x, y via <see cref="GetBias"/>), rad/s.</summary>
        public double Bias1ZRadPerS => _bias1[2];

        /// <summary>True while sensor 1 rests.</summary>
        public bool Rest1 => _rest1.IsRest;

        /// <summary>True while sensor 2 rests.</summary>
        public bool Rest2 => _rest2.IsRest;

        /// <summary>Strap slips detected (axis jump against the mounting record) since the last reset.</summary>
        public int SlipCount { get; private set; }

        /// <summary>Times the axis window was restarted because the hinge residual rose (suspected mounting change).</summary>
        public int WindowRestarts { get; private set; }

        /// <summary>Short-term over long-term hinge-constraint residual (≈1 normally; rises when the mounting changes).</summary>
        public double ResidualRatio => _resLong > 0.0 ? _resShort / _resLong : 0.0;

        /// <summary>Times axis 2 was reversed because gravity showed the axes pointing to opposite sides.</summary>
        public int RelativeSignFlips { get; private set; }

        /// <summary>Times the zero was re-anchored at a repeated rest pose (strap slip seen against an earlier rest pose).</summary>
        public int RestPoseReanchors { get; private set; }

        /// <summary>Strap-slip bursts detected (off-hinge relative rotation) since the last reset.</summary>
        public int SlipBursts => _burst.Bursts;

        /// <summary>Times the output was held at a possible slip (fast off-hinge rate spike) since the last reset.</summary>
        public int SlipHolds => _burst.Holds;

        /// <summary>The strap-slip burst detector (diagnostics: step, threshold, last burst and its bridge).</summary>
        public SlipBurstDetector SlipDetector => _burst;

        /// <summary>The rest poses remembered in this session (diagnostics).</summary>
        public RestPoseMemory RestPoses => _restPoses;

        /// <summary>Sum of the times given to <see cref="Update"/>, s.</summary>
        public double TimeS => _timeS;

        /// <summary>Re-reads the settings (gains, thresholds); keeps the state.</summary>
        public void Configure()
        {
            _kGravity = 1.0 / _settings.GravityAngleTauS;
            _kGravityBias = 1.0 / (_settings.GravityAngleTauS * _settings.GravityBiasTauS);
            _accGate = _settings.AccGateMPerS2;
            _softGate = _settings.AccSoftGate;
            _hysteresisRad = _settings.RangeHysteresisDeg * Angles.DegToRad;
            _ends.Configure(_hysteresisRad);
            _slipJumpRad = _settings.SlipAxisJumpDeg * Angles.DegToRad;
            _signThresholdRad = _settings.FlexionSignThresholdDeg * Angles.DegToRad;
        }

        /// <summary>Forgets everything learned in this session, including the mounting record.</summary>
        public void Reset()
        {
            _axis.Reset();
            _rest1.Reset();
            _rest2.Reset();
            _ends.Reset();
            for (int i = 0; i < 3; i++) { _bias1[i] = 0.0; _bias2[i] = 0.0; }
            _thetaRad = 0.0;
            _biasRelRadPerS = 0.0;
            _zeroRad = 0.0;
            _timeS = 0.0;
            _gravityStarted = false;
            _thetaStarted = false;
            _usedVersion = -1;
            _resShort = _resLong = 0.0;
            _slipHoldS = 0.0;
            _refValid = false;
            _refAngleRad = 0.0;
            _restPoses.Clear();
            _bothRestS = 0.0;
            _restHandled = false;
            _pendingSlot = -1;
            _pendingShiftRad = 0.0;
            _stillRate1 = _stillRate2 = 0.0;
            _posture = BodyPosture.Unknown;
            _burst.Clear();
            RestPoseReanchors = 0;
            for (int i = 0; i < 6; i++) { _lpA[i] = 0.0; _lpB[i] = 0.0; }
            IsValid = false;
            FlexionRad = 0.0;
            FlexionRateRadPerS = 0.0;
            SlipCount = 0;
            WindowRestarts = 0;
            RelativeSignFlips = 0;
            _signCorr = _signPower = 0.0;
            _mounting.CopyFrom(new MountingRecord());
        }

        /// <summary>Gyro bias of sensor 1 or 2 (rad/s), as learned at rest.</summary>
        public void GetBias(int sensor, out double x, out double y, out double z)
        {
            double[] b = sensor == 1 ? _bias1 : _bias2;
            x = b[0]; y = b[1]; z = b[2];
        }

        /// <summary>
        /// Starts a session from a stored mounting record (first fitting or an earlier session): axes, zero and sign
        /// are taken over; the axes keep being refined from movement.
        /// </summary>
        public void LoadMounting(MountingRecord record)
        {
            _mounting.CopyFrom(record);
            _zeroRad = record.ZeroOffsetRad;
            if (record.HasAxes)
            {
                _axis.SetAxes(record.Axis1X, record.Axis1Y, record.Axis1Z, record.Axis2X, record.Axis2Y, record.Axis2Z);
                _j1[0] = record.Axis1X; _j1[1] = record.Axis1Y; _j1[2] = record.Axis1Z;
                _j2[0] = record.Axis2X; _j2[1] = record.Axis2Y; _j2[2] = record.Axis2Z;
                Bases(_j1, _u1, _v1);
                Bases(_j2, _u2, _v2);
                _usedVersion = _axis.Version;
            }
            _thetaStarted = false;
        }

        /// <summary>
        /// Reference pose: the joint is straight now (knee extended, held still). Same as
        /// <see cref="CaptureReferencePose(double)"/> with 0, but (as before) false until the axes are known, so a caller
        /// that retries until true takes the pose once an angle is produced.
        /// </summary>
        public bool CaptureReferencePose()
        {
            if (!IsValid) return false;
            return CaptureReferencePose(0.0);
        }

        /// <summary>
        /// Reference pose with a known joint angle (rad, e.g. the therapist's goniometer reading of an extension lag),
        /// the joint held still now. Stores both sensors' gravity directions of this moment: the zero is computed from them
        /// with the axes as soon as the axes are known and recomputed whenever the axes are refined (until a strap slip
        /// is suspected, after which the zero is carried by continuity). The first excursion beyond
        /// <see cref="JointAngleSettings.FlexionSignThresholdDeg"/> from the reference angle then fixes the flexion sign.
        /// May be called before the axes are known (e.g. lying still at the session start). False before any sample.
        /// </summary>
        public bool CaptureReferencePose(double knownFlexionRad)
        {
            if (!_gravityStarted) return false;
            for (int i = 0; i < 3; i++) { _refG1[i] = _g1[i]; _refG2[i] = _g2[i]; }
            _refAngleRad = knownFlexionRad;
            _refValid = true;
            _mounting.HasReferencePose = true;
            _mounting.FlexionSignResolved = false;
            _mounting.FlexionSign = 1f;
            if (IsValid)
            {
                double shift = knownFlexionRad - _thetaRad;
                _zeroRad += shift;
                _ends.ShiftAll(shift);
                _thetaRad = knownFlexionRad;
                FlexionRad = knownFlexionRad;
                _mounting.ZeroOffsetRad = (float)_zeroRad;
            }
            return true;
        }

        /// <summary>Posture of the current exercise as last told by <see cref="SetPostureContext"/>.</summary>
        public BodyPosture PostureContext => _posture;

        /// <summary>
        /// Tells the estimator the posture of the exercise now being done (the gateway knows the programme; it calls this
        /// at each exercise change, for the band by command or on its own copy of the core for raw frames). Rest poses repeat
        /// only within one posture, so a change clears the remembered rest poses. In the postures listed by
        /// <see cref="JointAngleSettings.RestPoseReanchorPostures"/> the rest-pose re-anchoring after a strap slip runs even
        /// with <see cref="JointAngleSettings.RestPoseReanchor"/> off (that one enables it without context, in any pose).
        /// </summary>
        public void SetPostureContext(BodyPosture posture)
        {
            if (posture == _posture) return;
            _posture = posture;
            _restPoses.Clear();
            _pendingSlot = -1;
            _restHandled = false;
            _bothRestS = 0.0;
        }

        private bool ReanchorEnabled =>
            _settings.RestPoseReanchor
            || (_posture != BodyPosture.Unknown && (_settings.RestPoseReanchorPostures & (1 << (int)_posture)) != 0);

        /// <summary>True while the zero is computed from the reference pose's gravity directions (no slip since).</summary>
        public bool ReferencePoseActive => _refValid;

        /// <summary>Sets the flexion sign explicitly (+1 or −1), e.g. by a technician; marks it resolved.</summary>
        public void SetFlexionSign(int sign)
        {
            _mounting.FlexionSign = sign < 0 ? -1f : 1f;
            _mounting.FlexionSignResolved = true;
        }

        /// <summary>
        /// Feeds one sample pair taken dtS after the previous one: accelerometers (m/s², specific force) and gyros
        /// (rad/s) of sensor 1 (proximal) and sensor 2 (distal), each in its own frame.
        /// </summary>
        public void Update(double dtS,
            float a1x, float a1y, float a1z, float w1x, float w1y, float w1z,
            float a2x, float a2y, float a2z, float w2x, float w2y, float w2z)
        {
            if (!(dtS > 0.0)) dtS = 0.0;
            if (dtS > 0.1) dtS = 0.1;
            _timeS += dtS;

            // 1. Rest-based gyro bias per sensor.
            _rest1.Update(w1x, w1y, w1z, a1x, a1y, a1z, dtS);
            _rest2.Update(w2x, w2y, w2z, a2x, a2y, a2z, dtS);
            if (_rest1.IsRest) { _bias1[0] = _rest1.GyrLpX; _bias1[1] = _rest1.GyrLpY; _bias1[2] = _rest1.GyrLpZ; }
            if (_rest2.IsRest) { _bias2[0] = _rest2.GyrLpX; _bias2[1] = _rest2.GyrLpY; _bias2[2] = _rest2.GyrLpZ; }
            double o1x = w1x - _bias1[0], o1y = w1y - _bias1[1], o1z = w1z - _bias1[2];
            double o2x = w2x - _bias2[0], o2y = w2y - _bias2[1], o2z = w2z - _bias2[2];

            // 2. Hinge axes, from low-passed rates: soft-tissue wobble (1.5–4 Hz) would otherwise dominate slow reps.
            double tauLp = _settings.AxisLowPassTauS;
            if (tauLp > 0.0)
            {
                double k = dtS / (tauLp + dtS);
                LowPass(0, o1x, k); LowPass(1, o1y, k); LowPass(2, o1z, k);
                LowPass(3, o2x, k); LowPass(4, o2y, k); LowPass(5, o2z, k);
                _axis.Update(_lpB[0], _lpB[1], _lpB[2], _lpB[3], _lpB[4], _lpB[5]);
            }
            else
            {
                _axis.Update(o1x, o1y, o1z, o2x, o2y, o2z);
            }

            // 3. Gravity trackers.
            TrackGravity(_g1, o1x, o1y, o1z, a1x, a1y, a1z, dtS);
            TrackGravity(_g2, o2x, o2y, o2z, a2x, a2y, a2z, dtS);
            _gravityStarted = true;

            if (!_axis.HasEstimate)
            {
                IsValid = false;
                return;
            }
            CheckRelativeSign(dtS);
            if (_axis.Version != _usedVersion) Adopt();
            WatchResidual(o1x, o1y, o1z, o2x, o2y, o2z, dtS);

            // 4. Relative rate about the hinge.
            double rate = (o2x * _j2[0] + o2y * _j2[1] + o2z * _j2[2]) - (o1x * _j1[0] + o1y * _j1[1] + o1z * _j1[2]) - _biasRelRadPerS;
            _thetaRad += rate * dtS;

            // 5. Gravity angle.
            double p1 = PlaneNorm(_g1, _j1), p2 = PlaneNorm(_g2, _j2);
            double w = p1 < p2 ? p1 : p2;
            GravityWeight = w;
            UsingGravity = w >= _settings.MinGravityWeight;
            double gravityAngle = GravityAngle();
            if (!_thetaStarted)
            {
                _thetaStarted = true;
                _thetaRad = UsingGravity ? gravityAngle : 0.0;
            }
            if (UsingGravity)
            {
                double e = Angles.WrapPi(gravityAngle - _thetaRad);
                _thetaRad += _kGravity * w * e * dtS;
                _biasRelRadPerS -= _kGravityBias * w * e * dtS;
            }
            else
            {
                RangeHold();
            }
            WatchSlipBurst(dtS, w, o1x, o1y, o1z, o2x, o2y, o2z);
            WatchRestPose(dtS, o1x, o1y, o1z, o2x, o2y, o2z);

            // 6. Sign and output.
            double sign = _mounting.FlexionSign;
            if (_mounting.HasReferencePose && !_mounting.FlexionSignResolved)
            {
                double excursion = _thetaRad - _refAngleRad;
                if (excursion > _signThresholdRad) { _mounting.FlexionSign = 1f; _mounting.FlexionSignResolved = true; }
                else if (excursion < -_signThresholdRad)
                {
                    // The reference angle was applied assuming sign +1; with sign −1 the zero moves by −2·reference.
                    double shift = -2.0 * _refAngleRad;
                    _zeroRad += shift;
                    _thetaRad += shift;
                    _ends.ShiftAll(shift);
                    _refAngleRad = -_refAngleRad;
                    _mounting.ZeroOffsetRad = (float)_zeroRad;
                    _mounting.FlexionSign = -1f;
                    _mounting.FlexionSignResolved = true;
                }
                sign = _mounting.FlexionSign;
            }
            if (_burst.Holding)
            {
                // A possible slip not yet confirmed: report the angle extrapolated from just before it.
                FlexionRad = sign * _burst.HoldThetaRad;
                FlexionRateRadPerS = sign * (_burst.HoldExtrapolating ? _burst.HoldRateRadPerS : rate);
            }
            else
            {
                FlexionRad = sign * _thetaRad;
                FlexionRateRadPerS = sign * rate;
            }
            IsValid = true;
        }

        /// <summary>Two cascaded first-order low-pass stages of component i.</summary>
        private void LowPass(int i, double x, double k)
        {
            _lpA[i] += k * (x - _lpA[i]);
            _lpB[i] += k * (_lpA[i] - _lpB[i]);
        }

        private void RangeHold()
        {
            if (!_ends.TryNextReturn(_thetaRad, _timeS, out double e, out double span)) return;
            double shift = -_settings.RangeOffsetGain * e;
            _thetaRad += shift;
            _ends.ShiftTurningPoints(shift);
            if (span < 1.0) span = 1.0;
            _biasRelRadPerS += _settings.RangeBiasGain * e / span;
        }

        /// <summary>
        /// Rest-pose re-anchoring (strap slip): once per still period of both segments (after
        /// <see cref="JointAngleSettings.RestPoseSettleS"/>), the gravity directions are compared with the rest poses seen
        /// earlier in the session. Both alike: consistent, nothing to do. Neither alike: a new pose is remembered. One alike
        /// (within <see cref="JointAngleSettings.RestPoseMatchDeg"/>) and the other turned: the documented assumption is
        /// that a segment resting exactly as before means the same rest pose and so the same joint angle — true lying on a
        /// bed (the heel rests on it) and, with the shank as the matching segment, sitting; not for a thigh on a chair with
        /// the foot placed anew, so a thigh-only match counts only for extended poses
        /// (<see cref="JointAngleSettings.RestPoseExtendedDeg"/>). The implied shift (2…20°) must repeat within
        /// <see cref="JointAngleSettings.RestPoseAgreeDeg"/> at a second still period before the zero moves.
        /// </summary>
        private void WatchRestPose(double dtS, double o1x, double o1y, double o1z, double o2x, double o2y, double o2z)
        {
            // Still = both low-passed rates (τ 0.2 s) below the threshold; looser than the bias rest detector (tremor).
            double k = dtS / (0.2 + dtS);
            _stillRate1 += k * (Math.Sqrt(o1x * o1x + o1y * o1y + o1z * o1z) - _stillRate1);
            _stillRate2 += k * (Math.Sqrt(o2x * o2x + o2y * o2y + o2z * o2z) - _stillRate2);
            double still = _settings.RestPoseStillDegPerS * Angles.DegToRad;
            if (!ReanchorEnabled || !UsingGravity) { _bothRestS = 0.0; _restHandled = false; return; }
            if (_stillRate1 > still || _stillRate2 > still) { _bothRestS = 0.0; _restHandled = false; return; }
            _bothRestS += dtS;
            if (_restHandled || _bothRestS < _settings.RestPoseSettleS) return;
            _restHandled = true;
            double match = _settings.RestPoseMatchDeg * Angles.DegToRad;
            int slot = _restPoses.Nearest(_g1, _g2, out double d1, out double d2);
            double near = d1 < d2 ? d1 : d2, far = d1 < d2 ? d2 : d1;
            if (slot < 0 || near > match)
            {
                if (_pendingSlot < 0) _restPoses.Add(_g1, _g2, _thetaRad);
                return;
            }
            if (far <= match) { _pendingSlot = -1; return; }
            double slotTheta = _restPoses.ThetaRad(slot);
            double shift = Angles.WrapPi(slotTheta - _thetaRad);
            double abs = Math.Abs(shift);
            if (abs < _settings.RestPoseMinShiftDeg * Angles.DegToRad || abs > _settings.RestPoseMaxShiftDeg * Angles.DegToRad) return;
            bool shankMatches = d2 < d1;
            if (!shankMatches && Math.Abs(slotTheta) > _settings.RestPoseExtendedDeg * Angles.DegToRad) return;
            if (_pendingSlot < 0 || Math.Abs(shift - _pendingShiftRad) > _settings.RestPoseAgreeDeg * Angles.DegToRad)
            {
                _pendingSlot = slot;
                _pendingShiftRad = shift;
                return;
            }
            double apply = 0.5 * (shift + _pendingShiftRad);
            _zeroRad += apply;
            _thetaRad += apply;
            _ends.ShiftAll(apply);
            _mounting.ZeroOffsetRad = (float)_zeroRad;
            _refValid = false;
            _restPoses.KeepOnly(slot, _pendingSlot);
            _pendingSlot = -1;
            RestPoseReanchors++;
        }

        /// <summary>
        /// Strap-slip burst (<see cref="SlipBurstDetector"/>): while the axis is far from vertical, a burst of off-hinge
        /// relative rotation marks a slip; its part about the hinge is bridged (angle and zero move by the same amount, so
        /// the gravity loop agrees), the reference pose no longer holds, and the axis window restarts for the re-fit.
        /// </summary>
        private void WatchSlipBurst(double dtS, double w, double o1x, double o1y, double o1z, double o2x, double o2y, double o2z)
        {
            if (!_settings.SlipBurstDetect || w < _settings.SlipBurstMinGravityWeight) { _burst.Reset(); return; }
            if (!_burst.Update(_settings, _timeS, dtS, _j1, _g1, _j2, _g2, o1x, o1y, o1z, o2x, o2y, o2z, _thetaRad)) return;
            if (_settings.SlipBridge)
            {
                double shift = _burst.BridgeShiftRad;
                _zeroRad += shift;
                _thetaRad += shift;
                _ends.ShiftAll(shift);
                _mounting.ZeroOffsetRad = (float)_zeroRad;
                _refValid = false;
            }
            if (_settings.SlipBurstTurnsAxis)
            {
                // The slipped pod's axis turned by the burst's off-hinge rotation: adopt that now (continuity keeps the angle).
                for (int i = 0; i < 3; i++) { _turn1[i] = _j1[i]; _turn2[i] = _j2[i]; }
                if (_burst.SlippedSensor == 1) SlipBurstDetector.TurnAxis(_turn1, _g1, _burst.SlipTurnERad, _burst.SlipTurnFRad);
                else SlipBurstDetector.TurnAxis(_turn2, _g2, _burst.SlipTurnERad, _burst.SlipTurnFRad);
                _axis.SetAxes(_turn1[0], _turn1[1], _turn1[2], _turn2[0], _turn2[1], _turn2[2]);
                _refValid = false;
            }
            if (_settings.SlipBurstRestartsWindow)
            {
                _axis.RestartWindow();
                WindowRestarts++;
                _refValid = false;
            }
        }

        private double _signCorr;
        private double _signPower;

        /// <summary>
        /// Relative sign of the two axes from gravity: both axes are the same physical line, so gravity has the same
        /// component along it in both frames, g1·j1 = g2·j2; a persistent opposite sign means j2 points the other way.
        /// Only decided while the axis is tilted enough to tell (RMS of g·j ≥ 0.05); otherwise the hints / parallel
        /// mounting decide (see <see cref="HingeAxisEstimator"/>).
        /// </summary>
        private void CheckRelativeSign(double dtS)
        {
            double c1 = Dot(_g1, _j1), c2 = Dot(_g2, _j2);
            if (_usedVersion != _axis.Version)
            {
                c1 = _g1[0] * _axis.Axis1X + _g1[1] * _axis.Axis1Y + _g1[2] * _axis.Axis1Z;
                c2 = _g2[0] * _axis.Axis2X + _g2[1] * _axis.Axis2Y + _g2[2] * _axis.Axis2Z;
            }
            const double TauS = 5.0;
            double k = dtS / TauS;
            _signCorr += (c1 * c2 - _signCorr) * k;
            _signPower += (0.5 * (c1 * c1 + c2 * c2) - _signPower) * k;
            double minTilt = _axis.HasHints ? _settings.RelativeSignMinTiltWithHints : _settings.RelativeSignMinTilt;
            if (_signPower > minTilt * minTilt && _signCorr < -0.5 * _signPower)
            {
                _axis.FlipAxis2();
                _signCorr = -_signCorr;
                RelativeSignFlips++;
            }
        }

        private void WatchResidual(double o1x, double o1y, double o1z, double o2x, double o2y, double o2z, double dtS)
        {
            double rate = Math.Sqrt(o1x * o1x + o1y * o1y + o1z * o1z) + Math.Sqrt(o2x * o2x + o2y * o2y + o2z * o2z);
            if (rate < _settings.Axis.MinRateRadPerS || _axis.Passes < 3) return;
            double r = _axis.Residual(o1x, o1y, o1z, o2x, o2y, o2z);
            double r2 = r * r;
            const double ShortTauS = 2.0, LongTauS = 60.0;
            if (_resLong <= 0.0) { _resLong = r2; _resShort = r2; }
            _resShort += (r2 - _resShort) * (dtS / ShortTauS);
            double ratio = _resLong > 0.0 ? Math.Sqrt(_resShort / _resLong) : 0.0;
            if (ratio > _settings.SlipResidualRatio)
            {
                _slipHoldS += dtS;
                if (_slipHoldS > ShortTauS)
                {
                    // The constraint no longer fits: restart the window so the re-fit sees only the new mounting.
                    _axis.RestartWindow();
                    WindowRestarts++;
                    _refValid = false;
                    _slipHoldS = 0.0;
                    _resShort = _resLong;
                }
            }
            else
            {
                _slipHoldS = 0.0;
                _resLong += (r2 - _resLong) * (dtS / LongTauS);
            }
        }

        private void Adopt()
        {
            bool first = !_mounting.HasAxes || _usedVersion < 0;
            double before = first ? 0.0 : GravityAngle();
            double jump = 0.0;
            if (_mounting.HasAxes)
            {
                jump = AngleBetween(_axis.Axis1X, _axis.Axis1Y, _axis.Axis1Z, _mounting.Axis1X, _mounting.Axis1Y, _mounting.Axis1Z);
                double j2 = AngleBetween(_axis.Axis2X, _axis.Axis2Y, _axis.Axis2Z, _mounting.Axis2X, _mounting.Axis2Y, _mounting.Axis2Z);
                if (j2 > jump) jump = j2;
            }
            _j1[0] = _axis.Axis1X; _j1[1] = _axis.Axis1Y; _j1[2] = _axis.Axis1Z;
            _j2[0] = _axis.Axis2X; _j2[1] = _axis.Axis2Y; _j2[2] = _axis.Axis2Z;
            Bases(_j1, _u1, _v1);
            Bases(_j2, _u2, _v2);
            bool slip = _mounting.HasAxes && jump > _slipJumpRad;
            if (_refValid)
            {
                // Reference pose still valid for this mounting: the zero follows from its gravity directions.
                double a1 = Math.Atan2(Dot(_refG1, _v1), Dot(_refG1, _u1));
                double a2 = Math.Atan2(Dot(_refG2, _v2), Dot(_refG2, _u2));
                _zeroRad = Angles.WrapPi(_refAngleRad - (a1 - a2));
            }
            else if (!first)
            {
                // Keep the angle continuous: the new axes' gravity angle gets the constant that matches the old one.
                _zeroRad += Angles.WrapPi(before - GravityAngle());
            }
            if (slip) SlipCount++;
            _mounting.Axis1X = (float)_j1[0]; _mounting.Axis1Y = (float)_j1[1]; _mounting.Axis1Z = (float)_j1[2];
            _mounting.Axis2X = (float)_j2[0]; _mounting.Axis2Y = (float)_j2[1]; _mounting.Axis2Z = (float)_j2[2];
            _mounting.HasAxes = true;
            _mounting.ZeroOffsetRad = (float)_zeroRad;
            _usedVersion = _axis.Version;
        }

        private double GravityAngle()
        {
            double a1 = Math.Atan2(Dot(_g1, _v1), Dot(_g1, _u1));
            double a2 = Math.Atan2(Dot(_g2, _v2), Dot(_g2, _u2));
            return Angles.WrapPi(a1 - a2 + _zeroRad);
        }

        private void TrackGravity(double[] g, double wx, double wy, double wz, float ax, float ay, float az, double dtS)
        {
            double an = Math.Sqrt((double)ax * ax + (double)ay * ay + (double)az * az);
            if (!_gravityStarted || (g[0] == 0.0 && g[1] == 0.0 && g[2] == 0.0))
            {
                if (an > 0.0) { g[0] = ax / an; g[1] = ay / an; g[2] = az / an; }
                else { g[0] = 0.0; g[1] = 0.0; g[2] = 1.0; }
                return;
            }
            // A world-fixed vector seen from the sensor turns with −ω: ġ = g × ω.
            double gx = g[0] + dtS * (g[1] * wz - g[2] * wy);
            double gy = g[1] + dtS * (g[2] * wx - g[0] * wz);
            double gz = g[2] + dtS * (g[0] * wy - g[1] * wx);
            double dev = Math.Abs(an - G);
            if (an > 0.0 && dev < _accGate)
            {
                // Soft gate: full weight at ‖a‖ = g, none at the gate — segment acceleration tilts the measured "up".
                double k = dtS / _settings.GravityTrackTauS * (_softGate ? 1.0 - dev / _accGate : 1.0);
                if (k > 1.0) k = 1.0;
                gx += k * (ax / an - gx);
                gy += k * (ay / an - gy);
                gz += k * (az / an - gz);
            }
            double n = Math.Sqrt(gx * gx + gy * gy + gz * gz);
            g[0] = gx / n; g[1] = gy / n; g[2] = gz / n;
        }

        private static double PlaneNorm(double[] g, double[] j)
        {
            double d = Dot(g, j);
            double s = 1.0 - d * d;
            return s > 0.0 ? Math.Sqrt(s) : 0.0;
        }

        private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

        private static double AngleBetween(double ax, double ay, double az, double bx, double by, double bz)
        {
            double c = Math.Abs(ax * bx + ay * by + az * bz);
            if (c > 1.0) c = 1.0;
            if (c < -1.0) c = -1.0;
            return Math.Acos(c);
        }

        /// <summary>Right-handed basis (u, v, j) of the plane ⟂ j; u from the sensor axis least aligned with j.</summary>
        private static void Bases(double[] j, double[] u, double[] v)
        {
            double ax = Math.Abs(j[0]), ay = Math.Abs(j[1]), az = Math.Abs(j[2]);
            double ex = 0.0, ey = 0.0, ez = 0.0;
            if (ax <= ay && ax <= az) ex = 1.0; else if (ay <= az) ey = 1.0; else ez = 1.0;
            double d = ex * j[0] + ey * j[1] + ez * j[2];
            u[0] = ex - d * j[0]; u[1] = ey - d * j[1]; u[2] = ez - d * j[2];
            double n = Math.Sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
            u[0] /= n; u[1] /= n; u[2] /= n;
            v[0] = j[1] * u[2] - j[2] * u[1];
            v[1] = j[2] * u[0] - j[0] * u[2];
            v[2] = j[0] * u[1] - j[1] * u[0];
        }
    }
}
