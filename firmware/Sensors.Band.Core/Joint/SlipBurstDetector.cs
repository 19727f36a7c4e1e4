using System;

namespace Sensors.Band.Joint
{
    /// <summary>
    /// Detects a strap slip as a short burst of off-hinge relative rotation and works out how much of the joint angle
    /// the slip moved (its part about the hinge axis), so the estimator can bridge the angle across the burst.
    /// <para>
    /// Common frame: per sensor i the basis (jᵢ, eᵢ = up ⟂ jᵢ, jᵢ × eᵢ) — the same physical directions for both sensors
    /// while the axes and the gravity directions are right. For a hinge the relative rate ω2 − ω1 lies along j, so its two
    /// off-hinge components d = (ω2·e2 − ω1·e1, ω2·(j2×e2) − ω1·(j1×e1)) are zero up to soft-tissue wobble (zero-mean,
    /// 1.5–4 Hz) and the leak of an axis error (a fraction of each segment's rotation). A slip turns one pod about a fixed
    /// axis within ~0.3 s: the integral of d (leaky against bias, low-passed against wobble) steps by the slip's off-hinge
    /// part. A step over <see cref="JointAngleSettings.SlipBurstLagS"/> larger than a threshold (plus a fraction of the
    /// segments' rotation about the hinge in that window) is a burst.
    /// </para>
    /// <para>
    /// Bridging: the slip's part about the hinge is indistinguishable from joint motion but happens only within the
    /// burst. The burst centre is the peak of the 0.2 s mean off-hinge rate along the step direction; across
    /// [centre − h, centre + h] the joint change is replaced by the mean of the joint rates just before and just after
    /// (from the angle history), and the difference is handed to the estimator (<see cref="BridgeShiftRad"/>).
    /// </para>
    /// Fixed-size ring buffer, no allocation after construction.
    /// </summary>
    public sealed class SlipBurstDetector
    {
        private readonly int _n;
        private readonly double[] _t;
        private readonly double[] _theta;
        private readonly double[] _phi2;
        private readonly double[] _phi3;
        private readonly double[] _p2;
        private readonly double[] _p3;
        private readonly double[] _psi1;
        private readonly double[] _psi2;
        private readonly double[] _c1e;
        private readonly double[] _c1f;
        private readonly double[] _c2e;
        private readonly double[] _c2f;
        private double _sum1e, _sum1f, _sum2e, _sum2f;
        private int _head = -1;
        private int _count;
        private double _phiA2, _phiA3, _a2, _a3, _b2, _b3;
        private double _psiA1, _psiA2;
        private bool _inBurst;
        private double _burstFirstS;
        private double _burstPeak;
        private double _burstU2, _burstU3;
        private double _quietUntilS;
        private double _noise;
        private double _rate1Lp, _rate2Lp;
        private int _lagIndex = -1;
        private double _leak;
        private bool _leakKnown;
        private double _lastCrossS = double.NegativeInfinity;
        private readonly double[] _ratio;
        private bool _holding;
        private double _holdOffsetRad;
        private double _holdStartS, _holdThetaRad, _holdRateRadPerS, _prevTheta, _prevT;

        /// <summary>Detector with a history of <paramref name="capacity"/> samples (must cover ~3 s).</summary>
        public SlipBurstDetector(int capacity)
        {
            _n = capacity < 64 ? 64 : capacity;
            _t = new double[_n];
            _theta = new double[_n];
            _phi2 = new double[_n];
            _phi3 = new double[_n];
            _p2 = new double[_n];
            _p3 = new double[_n];
            _psi1 = new double[_n];
            _psi2 = new double[_n];
            _c1e = new double[_n];
            _c1f = new double[_n];
            _c2e = new double[_n];
            _c2f = new double[_n];
            _ratio = new double[_n];
        }

        /// <summary>Off-hinge rotation step over the lag window, rad (diagnostics).</summary>
        public double StepRad { get; private set; }

        /// <summary>Rotation of both segments about the hinge in the lag window, rad (diagnostics).</summary>
        public double SegmentRotationRad { get; private set; }

        /// <summary>Threshold in force now, rad.</summary>
        public double ThresholdRad { get; private set; }

        /// <summary>Learned off-hinge step per rotation about the hinge (axis-error leak; diagnostics).</summary>
        public double LeakFraction { get; private set; }

        /// <summary>Bursts detected since the last reset.</summary>
        public int Bursts { get; private set; }

        /// <summary>Start of the bridged interval of the last burst, s (estimator time).</summary>
        public double LastStartS { get; private set; }

        /// <summary>End of the bridged interval of the last burst, s.</summary>
        public double LastEndS { get; private set; }

        /// <summary>Largest off-hinge step of the last burst, rad.</summary>
        public double LastPeakRad { get; private set; }

        /// <summary>Angle correction of the last burst (bridged minus measured joint change), rad.</summary>
        public double BridgeShiftRad { get; private set; }

        /// <summary>
        /// Sensor whose pod slipped in the last burst (1 or 2): the one whose own off-hinge rotation, less the trend of its
        /// rates just before and after, stepped more.
        /// </summary>
        public int SlippedSensor { get; private set; }

        /// <summary>Off-hinge rotation of the slipped pod in the last burst, about its e = up ⟂ j direction, rad (own frame).</summary>
        public double SlipTurnERad { get; private set; }

        /// <summary>Off-hinge rotation of the slipped pod in the last burst, about its f = j × e direction, rad (own frame).</summary>
        public double SlipTurnFRad { get; private set; }

        /// <summary>
        /// True while a fast off-hinge rate spike (at rest or slow joint motion) may be a slip that the step detector has not
        /// confirmed yet: the estimator then reports <see cref="HoldThetaRad"/> (the angle extrapolated from just before the
        /// spike) instead of the angle that already carries the slip's part about the hinge.
        /// </summary>
        public bool Holding => _holding;

        /// <summary>Angle to report while <see cref="Holding"/>, rad.</summary>
        public double HoldThetaRad { get; private set; }

        /// <summary>Joint rate to report while <see cref="Holding"/>, rad/s.</summary>
        public double HoldRateRadPerS => _holdRateRadPerS;

        /// <summary>True while a hold extrapolates across the slip (first 2·<see cref="JointAngleSettings.SlipBridgeHalfS"/>); after that the joint is followed with the correction frozen.</summary>
        public bool HoldExtrapolating { get; private set; }

        /// <summary>Off-hinge rate that started the last hold, rad/s (diagnostics).</summary>
        public double LastHoldSpikeRadPerS { get; private set; }

        /// <summary>Recent mean off-hinge rate when the last hold started, rad/s (diagnostics).</summary>
        public double LastHoldNoiseRadPerS { get; private set; }

        /// <summary>Holds started since the last reset (diagnostics; each either confirmed as a burst or dismissed).</summary>
        public int Holds { get; private set; }

        /// <summary>Forgets the history (e.g. after the axes changed a lot or the gravity information was lost).</summary>
        public void Reset()
        {
            _head = -1;
            _lagIndex = -1;
            _count = 0;
            _phiA2 = _phiA3 = _a2 = _a3 = _b2 = _b3 = 0.0;
            _psiA1 = _psiA2 = 0.0;
            _inBurst = false;
            _holding = false;
            StepRad = 0.0;
            SegmentRotationRad = 0.0;
        }

        /// <summary>Forgets everything including the counters.</summary>
        public void Clear()
        {
            Reset();
            Bursts = 0;
            Holds = 0;
            _noise = 0.0;
            _leak = 0.0;
            _leakKnown = false;
            _lastCrossS = double.NegativeInfinity;
            LastStartS = LastEndS = LastPeakRad = BridgeShiftRad = 0.0;
            _quietUntilS = 0.0;
        }

        /// <summary>
        /// One sample: time (s), both axes and gravity directions (unit, sensor frames), the bias-corrected rates, and the
        /// estimator's joint angle after this sample. True when a burst was completed now; then <see cref="BridgeShiftRad"/>
        /// is the correction to add to the angle (and the zero).
        /// </summary>
        public bool Update(JointAngleSettings s, double timeS, double dtS, double[] j1, double[] g1, double[] j2, double[] g2,
            double o1x, double o1y, double o1z, double o2x, double o2y, double o2z, double thetaRad)
        {
            // Common frame per sensor: e = up ⟂ j (normalised), f = j × e.
            double d1 = g1[0] * j1[0] + g1[1] * j1[1] + g1[2] * j1[2];
            double e1x = g1[0] - d1 * j1[0], e1y = g1[1] - d1 * j1[1], e1z = g1[2] - d1 * j1[2];
            double n1 = Math.Sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
            double d2 = g2[0] * j2[0] + g2[1] * j2[1] + g2[2] * j2[2];
            double e2x = g2[0] - d2 * j2[0], e2y = g2[1] - d2 * j2[1], e2z = g2[2] - d2 * j2[2];
            double n2 = Math.Sqrt(e2x * e2x + e2y * e2y + e2z * e2z);
            if (n1 < 1e-6 || n2 < 1e-6) { Reset(); return false; }
            e1x /= n1; e1y /= n1; e1z /= n1;
            e2x /= n2; e2y /= n2; e2z /= n2;
            double f1x = j1[1] * e1z - j1[2] * e1y, f1y = j1[2] * e1x - j1[0] * e1z, f1z = j1[0] * e1y - j1[1] * e1x;
            double f2x = j2[1] * e2z - j2[2] * e2y, f2y = j2[2] * e2x - j2[0] * e2z, f2z = j2[0] * e2y - j2[1] * e2x;
            double de = (o2x * e2x + o2y * e2y + o2z * e2z) - (o1x * e1x + o1y * e1y + o1z * e1z);
            double df = (o2x * f2x + o2y * f2y + o2z * f2z) - (o1x * f1x + o1y * f1y + o1z * f1z);
            double w1 = o1x * j1[0] + o1y * j1[1] + o1z * j1[2];
            double w2 = o2x * j2[0] + o2y * j2[1] + o2z * j2[2];

            // Leaky integral (bias), then two low-pass stages (wobble).
            double leak = dtS / s.SlipBurstLeakTauS;
            _phiA2 += de * dtS - leak * _phiA2;
            _phiA3 += df * dtS - leak * _phiA3;
            double k = dtS / (s.SlipBurstLowPassTauS + dtS);
            _a2 += k * (_phiA2 - _a2); _b2 += k * (_a2 - _b2);
            _a3 += k * (_phiA3 - _a3); _b3 += k * (_a3 - _b3);
            _psiA1 += w1 * dtS;
            _psiA2 += w2 * dtS;
            _sum1e += (o1x * e1x + o1y * e1y + o1z * e1z) * dtS;
            _sum1f += (o1x * f1x + o1y * f1y + o1z * f1z) * dtS;
            _sum2e += (o2x * e2x + o2y * e2y + o2z * e2z) * dtS;
            _sum2f += (o2x * f2x + o2y * f2y + o2z * f2z) * dtS;

            _head = (_head + 1) % _n;
            _t[_head] = timeS;
            _theta[_head] = thetaRad;
            _phi2[_head] = _phiA2; _phi3[_head] = _phiA3;
            _p2[_head] = _b2; _p3[_head] = _b3;
            _psi1[_head] = _psiA1; _psi2[_head] = _psiA2;
            _c1e[_head] = _sum1e; _c1f[_head] = _sum1f; _c2e[_head] = _sum2e; _c2f[_head] = _sum2f;
            if (_count < _n) _count++;

            // Fast path (no filter delay): an off-hinge rate spike well above the recent level while the joint is nearly still.
            double dm = Math.Sqrt(de * de + df * df);
            double kr = dtS / (s.SlipHoldRateTauS + dtS);
            double r1 = Math.Sqrt(o1x * o1x + o1y * o1y + o1z * o1z), r2 = Math.Sqrt(o2x * o2x + o2y * o2y + o2z * o2z);
            double still1 = _rate1Lp, still2 = _rate2Lp;
            _rate1Lp += kr * (r1 - _rate1Lp);
            _rate2Lp += kr * (r2 - _rate2Lp);
            if (_holding)
            {
                // Extrapolate across the slip itself; after it, follow the joint with the correction frozen (a movement
                // starting while the burst is being confirmed must not be extrapolated away).
                HoldExtrapolating = timeS - _holdStartS <= 2.0 * s.SlipBridgeHalfS;
                if (HoldExtrapolating)
                {
                    HoldThetaRad = _holdThetaRad + _holdRateRadPerS * (timeS - _holdStartS);
                    _holdOffsetRad = HoldThetaRad - thetaRad;
                }
                else
                {
                    HoldThetaRad = thetaRad + _holdOffsetRad;
                }
                if ((!_inBurst && timeS - _holdStartS > s.SlipHoldConfirmS) || timeS - _holdStartS > 3.0) _holding = false;
            }
            else if (s.SlipHold && !_inBurst && _count > 1 && timeS >= _quietUntilS)
            {
                double spike = s.SlipHoldMinRateDegPerS * (Math.PI / 180.0);
                if (s.SlipHoldNoiseFactor * _noise > spike) spike = s.SlipHoldNoiseFactor * _noise;
                int back = Back(_prevT - s.SlipBridgeRateS);
                // A slip turns one pod while the other keeps still, mostly off the hinge (else it is not detectable anyway).
                double other = still1 < still2 ? still1 : still2;
                double moving = r1 > r2 ? r1 : r2;
                bool pattern = other < s.SlipHoldStillDegPerS * (Math.PI / 180.0) && dm > s.SlipHoldOffHingeFraction * moving;
                if (dm > spike && pattern && back >= 0)
                {
                    double rate = (_prevTheta - _theta[back]) / (_prevT - _t[back]);
                    if (Math.Abs(rate) < s.SlipHoldMaxJointRateDegPerS * (Math.PI / 180.0))
                    {
                        _holding = true;
                        Holds++;
                        LastHoldSpikeRadPerS = dm;
                        LastHoldNoiseRadPerS = _noise;
                        _holdStartS = _prevT;
                        _holdThetaRad = _prevTheta;
                        _holdRateRadPerS = rate;
                        HoldThetaRad = _holdThetaRad + rate * (timeS - _prevT);
                    }
                }
            }
            if (!_holding && !_inBurst) _noise += dtS / s.SlipHoldNoiseTauS * (dm - _noise);
            _prevTheta = thetaRad;
            _prevT = timeS;

            int lag = LagIndex(timeS - s.SlipBurstLagS);
            if (lag < 0) { StepRad = 0.0; return false; }
            double s2 = _b2 - _p2[lag], s3 = _b3 - _p3[lag];
            double step = Math.Sqrt(s2 * s2 + s3 * s3);
            double rot = Math.Abs(_psiA1 - _psi1[lag]) + Math.Abs(_psiA2 - _psi2[lag]);
            StepRad = step;
            SegmentRotationRad = rot;
            // Axis-error leak: off-hinge step per rotation about the hinge, learned from windows of clear segment rotation
            // (peak-hold, slow decay). A stored axis 20° off (a thigh never observed at the fitting) leaks 0.34 of a
            // sit-to-stand's thigh turn. A window is learned from only SlipLeakDelayS later, and only if no burst started
            // since, so a slip does not teach its own step as leak. Until a leak is known, rotating windows are not judged.
            _ratio[_head] = rot > s.SlipLeakMinRotationDeg * (Math.PI / 180.0) ? step / rot : -1.0;
            int old = Back(timeS - s.SlipLeakDelayS);
            if (old >= 0 && _ratio[old] >= 0.0 && _t[old] - s.SlipBurstLagS > _lastCrossS)
            {
                if (!_leakKnown || _ratio[old] > _leak) _leak = _ratio[old];
                _leakKnown = true;
            }
            _leak -= _leak * dtS / s.SlipLeakDecayS;
            double fraction = s.SlipBurstRotationFraction;
            if (s.SlipLeakMargin * _leak > fraction) fraction = s.SlipLeakMargin * _leak;
            LeakFraction = _leak;
            bool judged = _leakKnown || rot <= s.SlipLeakMinRotationDeg * (Math.PI / 180.0);
            double threshold = s.SlipBurstThresholdDeg * (Math.PI / 180.0) + fraction * rot;
            ThresholdRad = threshold;

            if (!_inBurst)
            {
                if (step > threshold && timeS >= _quietUntilS && judged)
                {
                    _lastCrossS = timeS;
                    _inBurst = true;
                    _burstFirstS = timeS;
                    _burstPeak = step;
                    _burstU2 = s2 / step; _burstU3 = s3 / step;
                }
                return false;
            }
            if (step > _burstPeak)
            {
                _burstPeak = step;
                _burstU2 = s2 / step; _burstU3 = s3 / step;
            }
            if (timeS - _burstFirstS < s.SlipBurstLagS + s.SlipBridgeRateS) return false;
            _inBurst = false;
            _holding = false;
            _quietUntilS = timeS + s.SlipBurstLagS;
            return Bridge(s, timeS);
        }

        /// <summary>Locates the burst centre in the history and computes the bridged joint change.</summary>
        private bool Bridge(JointAngleSettings s, double nowS)
        {
            double h = s.SlipBridgeHalfS, r = s.SlipBridgeRateS, m = 0.1;
            // Search the centre from (first crossing − lag) to (now − h − r): the 0.2 s mean off-hinge rate along the step.
            double from = _burstFirstS - s.SlipBurstLagS, to = nowS - h - r;
            double best = double.NegativeInfinity, centre = double.NaN;
            for (int back = 0; back < _count; back++)
            {
                int i = (_head - back + _n) % _n;
                double t = _t[i];
                if (t > to) continue;
                if (t < from) break;
                int a = Back(t - m), b = Ahead(i, t + m);
                if (a < 0 || b < 0) continue;
                double v = (_phi2[b] - _phi2[a]) * _burstU2 + (_phi3[b] - _phi3[a]) * _burstU3;
                if (v > best) { best = v; centre = t; }
            }
            if (double.IsNaN(centre)) return false;
            int i0 = Back(centre - h), i1 = Back(centre + h), iBefore = Back(centre - h - r), iAfter = Back(centre + h + r);
            if (i0 < 0 || i1 < 0 || iBefore < 0 || iAfter < 0) return false;
            double span = _t[i1] - _t[i0];
            double rateBefore = (_theta[i0] - _theta[iBefore]) / (_t[i0] - _t[iBefore]);
            double rateAfter = (_theta[iAfter] - _theta[i1]) / (_t[iAfter] - _t[i1]);
            double bridged = 0.5 * (rateBefore + rateAfter) * span;
            BridgeShiftRad = bridged - (_theta[i1] - _theta[i0]);
            // Which pod turned: each pod's own off-hinge rotation across the burst less its trend from just before/after.
            double b1e = Detrended(_c1e, iBefore, i0, i1, iAfter), b1f = Detrended(_c1f, iBefore, i0, i1, iAfter);
            double b2e = Detrended(_c2e, iBefore, i0, i1, iAfter), b2f = Detrended(_c2f, iBefore, i0, i1, iAfter);
            double re = b2e - b1e, rf = b2f - b1f;
            if (b2e * b2e + b2f * b2f >= b1e * b1e + b1f * b1f)
            {
                SlippedSensor = 2; SlipTurnERad = re; SlipTurnFRad = rf;
            }
            else
            {
                SlippedSensor = 1; SlipTurnERad = -re; SlipTurnFRad = -rf;
            }
            LastStartS = _t[i0];
            LastEndS = _t[i1];
            LastPeakRad = _burstPeak;
            Bursts++;
            return true;
        }

        /// <summary>Change of the cumulative value c over [i0, i1] less the mean of its slopes over [iBefore, i0] and [i1, iAfter].</summary>
        private double Detrended(double[] c, int iBefore, int i0, int i1, int iAfter)
        {
            double slopeBefore = (c[i0] - c[iBefore]) / (_t[i0] - _t[iBefore]);
            double slopeAfter = (c[iAfter] - c[i1]) / (_t[iAfter] - _t[i1]);
            return (c[i1] - c[i0]) - 0.5 * (slopeBefore + slopeAfter) * (_t[i1] - _t[i0]);
        }

        /// <summary>
        /// Turns a pod's hinge axis j (unit, pod frame) for a slip of that pod by the off-hinge rotation (te about e = up ⟂ j,
        /// tf about f = j × e; g = the pod's gravity direction): the segment-fixed axis seen from the turned pod is
        /// Exp(−δ) j ≈ j − δ × j, δ = te·e + tf·f. j stays unit.
        /// </summary>
        public static void TurnAxis(double[] j, double[] g, double te, double tf)
        {
            double d = g[0] * j[0] + g[1] * j[1] + g[2] * j[2];
            double ex = g[0] - d * j[0], ey = g[1] - d * j[1], ez = g[2] - d * j[2];
            double n = Math.Sqrt(ex * ex + ey * ey + ez * ez);
            if (n < 1e-6) return;
            ex /= n; ey /= n; ez /= n;
            double fx = j[1] * ez - j[2] * ey, fy = j[2] * ex - j[0] * ez, fz = j[0] * ey - j[1] * ex;
            double dx = te * ex + tf * fx, dy = te * ey + tf * fy, dz = te * ez + tf * fz;
            // δ × j
            double cx = dy * j[2] - dz * j[1], cy = dz * j[0] - dx * j[2], cz = dx * j[1] - dy * j[0];
            double jx = j[0] - cx, jy = j[1] - cy, jz = j[2] - cz;
            double m = Math.Sqrt(jx * jx + jy * jy + jz * jz);
            j[0] = jx / m; j[1] = jy / m; j[2] = jz / m;
        }

        /// <summary>
        /// Like <see cref="Back"/> for the lag window, but with a pointer that moves forward with time (O(1) per sample).
        /// </summary>
        private int LagIndex(double t)
        {
            if (_count == 0) return -1;
            int oldest = (_head - _count + 1 + _n) % _n;
            if (_lagIndex < 0 || !InHistory(_lagIndex)) _lagIndex = oldest;
            if (_t[_lagIndex] > t + 1e-9) return -1;
            while (_lagIndex != _head)
            {
                int next = (_lagIndex + 1) % _n;
                if (_t[next] > t + 1e-9) break;
                _lagIndex = next;
            }
            return _lagIndex;
        }

        /// <summary>True when ring index i holds one of the last <see cref="_count"/> samples.</summary>
        private bool InHistory(int i)
        {
            int age = (_head - i + _n) % _n;
            return age < _count;
        }

        /// <summary>Index of the newest sample at or before time t; −1 when the history does not reach back that far.</summary>
        private int Back(double t)
        {
            for (int back = 0; back < _count; back++)
            {
                int i = (_head - back + _n) % _n;
                if (_t[i] <= t + 1e-9) return i;
            }
            return -1;
        }

        /// <summary>Index of the first sample at or after time t, searching forward from index i; −1 if none.</summary>
        private int Ahead(int i, double t)
        {
            int j = i;
            while (true)
            {
                if (_t[j] >= t - 1e-9) return j;
                if (j == _head) return -1;
                j = (j + 1) % _n;
            }
        }
    }
}
