using System;
using Sensors.Band.Fusion;
using Sensors.Band.Maths;

namespace Sensors.Band.Joint
{
    /// <summary>
    /// Hip flexion or hip abduction from the thigh pod alone (supine exercises: the pelvis lies still on the bed; no pelvis
    /// IMU). Flexion / abduction positive, SI inside.
    /// <list type="number">
    /// <item>The thigh pod's orientation comes from the 6D <see cref="OrientationFilter"/> (gyro bias at rest).</item>
    /// <item>The movement axis (pod frame) starts as the hint (nominal placement's hip axis: flexion about −y, abduction about
    /// −x of the thigh segment, mapped into the pod) and is learned from the reps: the sign-aligned sum of the thigh's rotation
    /// over 0.5 s spans (longer than soft-tissue wobble), so strap misalignment does not shrink the angle.</item>
    /// <item>The angle integrates the bias-corrected rate about the axis; while the axis is horizontal (straight-leg raise) it is
    /// pulled (τ 0.3 s) to the gravity angle: the turn of "up" in the plane ⟂ axis since the reference pose, so heading drift of
    /// a 6D filter cannot enter.</item>
    /// <item>A hint near vertical at the reference pose (supine abduction: the leg slides on the bed about the earth's vertical)
    /// makes "up" itself the axis; gravity says nothing about a turn about up, so the angle is gyro only, held while the thigh
    /// rests, where the residual bias about the axis is learnt.</item>
    /// </list>
    /// nanoFramework subset: no tuples, generics or allocation per sample (one 256-entry orientation ring, preallocated).
    /// </summary>
    public sealed class HipAngleEstimator
    {
        private const double DegToRad = Math.PI / 180.0;
        private readonly OrientationFilter _filter;
        private readonly RestDetector _rest;
        private readonly QuaternionF[] _history;
        private int _historyCount, _historyNext;
        private double _gRefX, _gRefY, _gRefZ;
        private double _refAngleRad;
        private double _hx = 1, _hy, _hz;
        private double _ax, _ay, _az, _evidence;
        private double _dtMeanS = 0.01;
        private double _verticalSign = 1;
        private double _ux, _uy, _uz;
        private double _jx, _jy, _jz;
        private readonly RangeHoldTracker _ends;
        private double _timeS, _pendingShiftRad;

        /// <summary>Creates the estimator with the default settings.</summary>
        public HipAngleEstimator() : this(new HipAngleSettings())
        {
        }

        /// <summary>Creates the estimator.</summary>
        public HipAngleEstimator(HipAngleSettings settings)
        {
            Settings = settings ?? new HipAngleSettings();
            var orientation = new OrientationSettings();
            orientation.BiasClipDegPerS = Settings.BiasClipDegPerS;
            _filter = new OrientationFilter(orientation);
            _history = new QuaternionF[256];
            _ends = new RangeHoldTracker(Settings.RangeHysteresisDeg * DegToRad);
            _rest = new RestDetector(Settings.RestFilterTauS, 0.01, Settings.RestThresholdGyrDegPerS * DegToRad,
                Settings.RestThresholdAccMPerS2, Settings.RestMinTimeS, Settings.BiasClipDegPerS * DegToRad);
        }

        /// <summary>The settings.</summary>
        public HipAngleSettings Settings { get; }

        /// <summary>The thigh's rest detector of the vertical-axis mode (diagnostics).</summary>
        public RestDetector Rest => _rest;

        /// <summary>The thigh pod's orientation filter (diagnostics).</summary>
        public OrientationFilter Filter => _filter;

        /// <summary>Residual gyro bias about the vertical axis learnt at rest, rad/s (vertical-axis mode; diagnostics).</summary>
        public double AxisBiasRadPerS { get; private set; }

        /// <summary>True while the vertical-axis angle is held (the thigh rests); diagnostics.</summary>
        public bool IsResting { get; private set; }

        /// <summary>True once a reference pose was taken: an angle is available.</summary>
        public bool IsValid { get; private set; }

        /// <summary>The hip angle, rad (flexion / abduction positive).</summary>
        public double AngleRad { get; private set; }

        /// <summary>The gravity angle (NaN while the axis is too vertical), rad (diagnostics).</summary>
        public double GravityAngleRad { get; private set; } = double.NaN;

        /// <summary>|up × axis|: how much gravity says about the angle (0 = vertical axis).</summary>
        public double GravityWeight { get; private set; }

        /// <summary>
        /// True when the hint was within <see cref="HipAngleSettings.VerticalAxisMaxTiltDeg"/> of vertical at the reference
        /// pose: the axis is "up" itself (from the 6D filter every sample), the angle gyro only.
        /// </summary>
        public bool VerticalAxis { get; private set; }

        /// <summary>Start-pose returns used by the range hold so far (vertical-axis mode; diagnostics).</summary>
        public int RangeHolds { get; private set; }

        /// <summary>True once the axis is learned from movement.</summary>
        public bool AxisLearned => _evidence >= Settings.AxisEvidenceRad;

        /// <summary>The movement axis in use (pod frame, unit): ±up while <see cref="VerticalAxis"/>, else the hint until enough movement was seen.</summary>
        public void GetAxis(out double x, out double y, out double z)
        {
            if (VerticalAxis)
            {
                Up();
                x = _ux * _verticalSign; y = _uy * _verticalSign; z = _uz * _verticalSign;
            }
            else if (AxisLearned)
            {
                Normalize(_ax, _ay, _az, out x, out y, out z);
            }
            else
            {
                x = _hx; y = _hy; z = _hz;
            }
        }

        /// <summary>The hip axis in the pod frame for the nominal placement, oriented so that a positive rotation is flexion/abduction.</summary>
        public void SetAxisHint(double x, double y, double z) => Normalize(x, y, z, out _hx, out _hy, out _hz);

        /// <summary>Reference pose: the citizen is still in the start posture and the hip angle is <paramref name="knownAngleRad"/>.</summary>
        public bool CaptureReference(double knownAngleRad)
        {
            if (!_filter.IsStarted) return false;
            Up();
            _gRefX = _ux; _gRefY = _uy; _gRefZ = _uz;
            double along = _gRefX * _hx + _gRefY * _hy + _gRefZ * _hz;
            VerticalAxis = Math.Abs(along) >= Math.Cos(Settings.VerticalAxisMaxTiltDeg * DegToRad);
            if (_dtMeanS > 0) _rest.Configure(Settings.RestFilterTauS, _dtMeanS, Settings.RestThresholdGyrDegPerS * DegToRad,
                Settings.RestThresholdAccMPerS2, Settings.RestMinTimeS, Settings.BiasClipDegPerS * DegToRad);
            _verticalSign = along >= 0 ? 1 : -1;
            _refAngleRad = knownAngleRad;
            AngleRad = knownAngleRad;
            _ends.Reset();
            _pendingShiftRad = 0;
            IsValid = true;
            return true;
        }

        /// <summary>Reference pose at 0 rad (lying straight).</summary>
        public bool CaptureReference() => CaptureReference(0.0);

        /// <summary>Feeds one thigh sample: accelerometer m/s², gyro rad/s (pod axes), dtS after the previous one.</summary>
        public void Update(double dtS, float ax, float ay, float az, float gx, float gy, float gz)
        {
            _filter.Update6D(gx, gy, gz, ax, ay, az, (float)dtS);
            if (dtS > 0) _dtMeanS += 0.01 * (dtS - _dtMeanS);
            _timeS += dtS;
            QuaternionF q = _filter.Orientation6D;
            LearnAxis(q);
            if (!IsValid) return;

            GetAxis(out _jx, out _jy, out _jz);
            double jx = _jx, jy = _jy, jz = _jz;
            Vector3F b = _filter.GyroBiasRadPerS;
            double rate = (gx - b.X) * jx + (gy - b.Y) * jy + (gz - b.Z) * jz;
            if (VerticalAxis)
            {
                // Gyro only about "up": the residual bias about the axis is learnt while the thigh rests (between reps and in
                // holds) and the angle is held there, so neither the 6D filter's bias error nor its drift piles up over a set.
                _rest.Update(gx, gy, gz, ax, ay, az, dtS);
                double lpRate = (_rest.GyrLpX - b.X) * jx + (_rest.GyrLpY - b.Y) * jy + (_rest.GyrLpZ - b.Z) * jz;
                IsResting = _rest.IsRest && Math.Abs(lpRate - AxisBiasRadPerS) <= Settings.RestMaxAxisRateDegPerS * DegToRad;
                if (IsResting)
                {
                    AxisBiasRadPerS += Math.Min(1.0, dtS / Settings.AxisBiasTauS) * (lpRate - AxisBiasRadPerS);
                    rate = 0;
                }
                else
                {
                    rate -= AxisBiasRadPerS;
                }
            }
            double angle = AngleRad + rate * dtS;

            Up();
            double ux = _ux, uy = _uy, uz = _uz;
            double cx = uy * jz - uz * jy, cy = uz * jx - ux * jz, cz = ux * jy - uy * jx;
            GravityWeight = Math.Sqrt(cx * cx + cy * cy + cz * cz);
            if (!VerticalAxis && GravityWeight >= Settings.MinGravityWeight)
            {
                // Signed turn of up (pod frame) from the reference about the axis, in the plane ⟂ axis; the pod turns the other way.
                double rx = _gRefX - (_gRefX * jx + _gRefY * jy + _gRefZ * jz) * jx;
                double ry = _gRefY - (_gRefX * jx + _gRefY * jy + _gRefZ * jz) * jy;
                double rz = _gRefZ - (_gRefX * jx + _gRefY * jy + _gRefZ * jz) * jz;
                double px = ux - (ux * jx + uy * jy + uz * jz) * jx;
                double py = uy - (ux * jx + uy * jy + uz * jz) * jy;
                double pz = uz - (ux * jx + uy * jy + uz * jz) * jz;
                double crossAxis = jx * (ry * pz - rz * py) + jy * (rz * px - rx * pz) + jz * (rx * py - ry * px);
                double dot = rx * px + ry * py + rz * pz;
                GravityAngleRad = _refAngleRad - Math.Atan2(crossAxis, dot);
                double k = Math.Min(1.0, dtS / Settings.GravityTauS);
                angle += k * (GravityAngleRad - angle);
            }
            else
            {
                GravityAngleRad = double.NaN;
            }
            if (_pendingShiftRad != 0)
            {
                // The range hold's correction is applied as a ramp, not a step: it is confirmed while the next rep is
                // already rising, and a step there would change that rep's excursion at once.
                double step = Settings.RangeShiftRateDegPerS * DegToRad * dtS;
                double d = _pendingShiftRad > step ? step : _pendingShiftRad < -step ? -step : _pendingShiftRad;
                angle += d;
                _pendingShiftRad -= d;
                _ends.ShiftTurningPoints(d);
            }
            AngleRad = angle;
            if (VerticalAxis && Settings.RangeHold) RangeHold();
        }

        /// <summary>
        /// Vertical axis only (gravity says nothing): the documented assumption of supine abduction — every rep returns the
        /// leg to the same start pose. Each return (a local minimum, <see cref="HipAngleSettings.RangeHysteresisDeg"/>
        /// hysteresis) is compared with the first one; a share of the offset is removed and a share of its drift rate goes
        /// into the axis bias, as the knee's range hold does for a vertical hinge. The MPU-6500's gyro offset still moves
        /// with the warm-up after the bench calibration (measured ≈ 0.1 °/s over a set), and tremor keeps the rest detector
        /// from seeing the short pauses between reps.
        /// </summary>
        private void RangeHold()
        {
            if (!_ends.TryNextReturn(AngleRad, _timeS, out double offset, out double span)) return;
            double e = offset - _pendingShiftRad;
            // A "return" far from the start pose is not one (a dip in a hold, a partial return): ignored.
            if (e > Settings.RangeMaxOffsetDeg * DegToRad || e < -Settings.RangeMaxOffsetDeg * DegToRad) return;
            _pendingShiftRad += -Settings.RangeOffsetGain * e;
            if (span < 1.0) span = 1.0;
            AxisBiasRadPerS += Settings.RangeBiasGain * e / span;
            RangeHolds++;
        }

        /// <summary>Cold again (no reference, axis back to the hint).</summary>
        public void Reset()
        {
            _filter.Reset();
            IsValid = false;
            VerticalAxis = false;
            IsResting = false;
            AxisBiasRadPerS = 0;
            _rest.Reset();
            AngleRad = 0;
            _ax = _ay = _az = _evidence = 0;
            _historyCount = _historyNext = 0;
            _ends.Reset();
            _pendingShiftRad = 0;
            RangeHolds = 0;
            _timeS = 0;
        }

        private void LearnAxis(QuaternionF q)
        {
            int span = (int)Math.Round(Settings.AxisSpanS / Math.Max(1e-4, _dtMeanS));
            if (span < 1) span = 1;
            if (span > _history.Length - 1) span = _history.Length - 1;
            if (_historyCount > span)
            {
                QuaternionF old = _history[(_historyNext - span + _history.Length) % _history.Length];
                QuaternionF rel = QuaternionF.Multiply(QuaternionF.Conjugate(old), q);
                double w = rel.W, x = rel.X, y = rel.Y, z = rel.Z;
                if (w < 0) { w = -w; x = -x; y = -y; z = -z; }
                double s = Math.Sqrt(x * x + y * y + z * z);
                double angle = 2 * Math.Atan2(s, w);
                if (angle >= Settings.AxisLearnMinDeg * DegToRad && s > 0)
                {
                    double sign = x * _hx + y * _hy + z * _hz >= 0 ? 1 : -1;
                    _ax += sign * x / s * angle; _ay += sign * y / s * angle; _az += sign * z / s * angle;
                    _evidence += angle;
                }
            }
            _history[_historyNext] = q;
            _historyNext = (_historyNext + 1) % _history.Length;
            if (_historyCount < _history.Length) _historyCount++;
        }

        /// <summary>Up (earth +z) in pod axes from the 6D orientation, into _ux, _uy, _uz.</summary>
        private void Up()
        {
            Vector3F u = QuaternionF.Rotate(QuaternionF.Conjugate(_filter.Orientation6D), new Vector3F(0f, 0f, 1f));
            Normalize(u.X, u.Y, u.Z, out _ux, out _uy, out _uz);
        }

        private static void Normalize(double x, double y, double z, out double nx, out double ny, out double nz)
        {
            double n = Math.Sqrt(x * x + y * y + z * z);
            if (n > 0) { nx = x / n; ny = y / n; nz = z / n; }
            else { nx = 1; ny = 0; nz = 0; }
        }
    }
}
