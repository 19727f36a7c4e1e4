using System;

namespace Sensors.Band.Joint
{
    /// <summary>
    /// Identifies the hinge (flexion) axis of a two-segment joint in both sensor frames from the two gyroscopes alone,
    /// after Seel, Schauer &amp; Raisch (2012) and Seel, Raisch &amp; Schauer (2014): for a hinge, the angular rate of each
    /// segment perpendicular to the axis has the same size, ‖ω1 × j1‖ = ‖ω2 × j2‖. The two unit axes are fitted by
    /// Gauss-Newton (Levenberg-damped, each axis updated in its own tangent plane, so there is no pole singularity)
    /// over a ring-buffer window of informative samples. The work is spread over the samples: every
    /// <see cref="Update"/> processes a few window entries of the current pass; one pass = one Gauss-Newton step, so
    /// the estimate is refined continuously and follows a changed mounting within a few windows.
    /// Degenerate case: when one segment is still (its rate is only noise), its axis is unobservable from its gyro and
    /// the moving segment's axis is the dominant direction of its angular rate (principal eigenvector of Σ ω ωᵀ);
    /// the still segment keeps its last observed axis, or takes the other's axis (band boards mounted parallel).
    /// Signs: an axis is only defined up to sign; the first estimate is signed by the hints (or j1·j2 &gt; 0 and j1's
    /// largest component positive), every later one keeps the sign of the previous one.
    /// No allocation after construction.
    /// </summary>
    public sealed class HingeAxisEstimator
    {
        private readonly float[] _buf;
        private readonly int _capacity;
        private readonly double[] _j1 = new double[3];
        private readonly double[] _j2 = new double[3];
        private readonly double[] _t11 = new double[3];
        private readonly double[] _t12 = new double[3];
        private readonly double[] _t21 = new double[3];
        private readonly double[] _t22 = new double[3];
        private readonly double[] _hint1 = new double[3];
        private readonly double[] _hint2 = new double[3];
        private readonly double[] _jtj = new double[16];
        private readonly double[] _jte = new double[4];
        private readonly double[] _a = new double[16];
        private readonly double[] _x = new double[4];
        private readonly double[] _cov1 = new double[9];
        private readonly double[] _cov2 = new double[9];
        private readonly double[] _p1 = new double[3];
        private readonly double[] _p2 = new double[3];
        private readonly double[] _old1 = new double[3];
        private readonly double[] _old2 = new double[3];
        private readonly HingeAxisSettings _settings;

        private int _count;
        private int _head;
        private int _decimation;
        private int _passStart;
        private int _passTotal;
        private int _passDone;
        private bool _passActive;
        private double _sumE2;
        private double _sum1;
        private double _sum2;
        private int _n;

        /// <summary>Creates the estimator (allocates its window once).</summary>
        public HingeAxisEstimator(HingeAxisSettings settings)
        {
            _settings = settings ?? new HingeAxisSettings();
            _capacity = _settings.WindowSamples < 16 ? 16 : _settings.WindowSamples;
            _buf = new float[6 * _capacity];
            Reset();
        }

        /// <summary>True once both axes have an estimate (from movement or from <see cref="SetAxes"/>).</summary>
        public bool HasEstimate { get; private set; }

        /// <summary>True once segment 1's axis has been fitted from its own movement (not just assumed).</summary>
        public bool Segment1Observed { get; private set; }

        /// <summary>True once segment 2's axis has been fitted from its own movement (not just assumed).</summary>
        public bool Segment2Observed { get; private set; }

        /// <summary>True when, in the last pass, segment 1 was still (degenerate case).</summary>
        public bool Segment1Still { get; private set; }

        /// <summary>Fraction of segment 1's rate energy about its dominant direction in the last pass (1 = planar rotation).</summary>
        public double Planarity1 { get; private set; }

        /// <summary>Fraction of segment 2's rate energy about its dominant direction in the last pass.</summary>
        public double Planarity2 { get; private set; }

        /// <summary>True when, in the last pass, segment 2 was still (degenerate case).</summary>
        public bool Segment2Still { get; private set; }

        /// <summary>Quality: RMS of the hinge-constraint residual ‖ω1×j1‖ − ‖ω2×j2‖ over the last pass, rad/s.</summary>
        public double ResidualRmsRadPerS { get; private set; }

        /// <summary>Quality: <see cref="ResidualRmsRadPerS"/> over the RMS rate of the window (0 = perfect hinge).</summary>
        public double RelativeResidual { get; private set; }

        /// <summary>Largest change of either axis at the last update, rad.</summary>
        public double LastChangeRad { get; private set; }

        /// <summary>Incremented whenever the axes change.</summary>
        public int Version { get; private set; }

        /// <summary>Completed passes (Gauss-Newton steps or eigenvector updates).</summary>
        public int Passes { get; private set; }

        /// <summary>Entries in the window.</summary>
        public int Count => _count;

        /// <summary>Axis of segment 1 in sensor 1's frame, x.</summary>
        public double Axis1X => _j1[0];

        /// <summary>Axis of segment 1 in sensor 1's frame, y.</summary>
        public double Axis1Y => _j1[1];

        /// <summary>Axis of segment 1 in sensor 1's frame, z.</summary>
        public double Axis1Z => _j1[2];

        /// <summary>Axis of segment 2 in sensor 2's frame, x.</summary>
        public double Axis2X => _j2[0];

        /// <summary>Axis of segment 2 in sensor 2's frame, y.</summary>
        public double Axis2Y => _j2[1];

        /// <summary>Axis of segment 2 in sensor 2's frame, z.</summary>
        public double Axis2Z => _j2[2];

        /// <summary>Forgets the window and the estimate (keeps the hints).</summary>
        public void Reset()
        {
            _count = 0;
            _head = 0;
            _decimation = 0;
            _passActive = false;
            HasEstimate = false;
            Segment1Observed = Segment2Observed = false;
            Segment1Still = Segment2Still = false;
            ResidualRmsRadPerS = 0.0;
            RelativeResidual = 0.0;
            LastChangeRad = 0.0;
            Passes = 0;
            Version++;
        }

        /// <summary>Empties the window but keeps the current axes as the starting point (used after a mounting change).</summary>
        public void RestartWindow()
        {
            _count = 0;
            _head = 0;
            _decimation = 0;
            _passActive = false;
        }

        /// <summary>
        /// Reverses axis 2 (the caller found from gravity that j1 and j2 point to opposite sides of the joint).
        /// </summary>
        public void FlipAxis2()
        {
            Negate(_j2);
            Version++;
        }

        /// <summary>
        /// Sign hints: sensor-frame directions the axes should point towards (e.g. the band's nominal mounting).
        /// A zero hint means "none" (then j1·j2 &gt; 0 is assumed: boards mounted parallel).
        /// </summary>
        public void SetAxisHints(double h1x, double h1y, double h1z, double h2x, double h2y, double h2z)
        {
            _hint1[0] = h1x; _hint1[1] = h1y; _hint1[2] = h1z;
            _hint2[0] = h2x; _hint2[1] = h2y; _hint2[2] = h2z;
        }

        /// <summary>True when both sign hints are set (<see cref="SetAxisHints"/>).</summary>
        public bool HasHints =>
            (_hint1[0] != 0.0 || _hint1[1] != 0.0 || _hint1[2] != 0.0) && (_hint2[0] != 0.0 || _hint2[1] != 0.0 || _hint2[2] != 0.0);

        /// <summary>Seeds the estimate (e.g. from a stored mounting record); refinement continues from it.</summary>
        public void SetAxes(double j1x, double j1y, double j1z, double j2x, double j2y, double j2z)
        {
            _j1[0] = j1x; _j1[1] = j1y; _j1[2] = j1z;
            _j2[0] = j2x; _j2[1] = j2y; _j2[2] = j2z;
            Normalize(_j1);
            Normalize(_j2);
            HasEstimate = true;
            Segment1Observed = Segment2Observed = true;
            _passActive = false;
            Version++;
        }

        /// <summary>
        /// Feeds one pair of bias-corrected gyro samples (rad/s, sensor frames) and does a bounded share of the fit.
        /// </summary>
        public void Update(double w1x, double w1y, double w1z, double w2x, double w2y, double w2z)
        {
            double rate = Math.Sqrt(w1x * w1x + w1y * w1y + w1z * w1z) + Math.Sqrt(w2x * w2x + w2y * w2y + w2z * w2z);
            if (rate > _settings.MinRateRadPerS)
            {
                _decimation++;
                // Until the first fit, keep one in FillDecimationSamples: a slow early-post-op rep has only a few seconds above
                // the gate, and 150 entries one-in-4 took two reps or more (no angle for 20–30 s). Only without axes: with axes
                // (a loaded mounting, a window restart) a window filled that fast spans half a rep, and a mini squat's first
                // descent (thigh and shank turning about the same room axis) pulled good stored axes into a relative sign flip.
                int every = !HasEstimate && _count < _settings.MinEntries ? _settings.FillDecimationSamples : _settings.DecimationSamples;
                if (_decimation >= every)
                {
                    _decimation = 0;
                    int o = 6 * _head;
                    _buf[o] = (float)w1x; _buf[o + 1] = (float)w1y; _buf[o + 2] = (float)w1z;
                    _buf[o + 3] = (float)w2x; _buf[o + 4] = (float)w2y; _buf[o + 5] = (float)w2z;
                    _head = _head + 1 == _capacity ? 0 : _head + 1;
                    if (_count < _capacity) _count++;
                }
            }

            if (!_passActive)
            {
                int min = _settings.MinEntries < _capacity ? _settings.MinEntries : _capacity;
                if (_count < min) return;
                StartPass();
            }

            int todo = _settings.EntriesPerUpdate;
            while (todo > 0 && _passDone < _passTotal)
            {
                int idx = _passStart + _passDone;
                if (idx >= _capacity) idx -= _capacity;
                Accumulate(idx);
                _passDone++;
                todo--;
            }
            if (_passDone >= _passTotal)
            {
                FinishPass();
                _passActive = false;
            }
        }

        /// <summary>
        /// Hinge-constraint residual ‖ω1×j1‖ − ‖ω2×j2‖ of one sample under the current axes, rad/s (0 before an estimate).
        /// </summary>
        public double Residual(double w1x, double w1y, double w1z, double w2x, double w2y, double w2z)
        {
            if (!HasEstimate) return 0.0;
            return CrossNorm(w1x, w1y, w1z, _j1) - CrossNorm(w2x, w2y, w2z, _j2);
        }

        private static double CrossNorm(double wx, double wy, double wz, double[] j)
        {
            double cx = wy * j[2] - wz * j[1];
            double cy = wz * j[0] - wx * j[2];
            double cz = wx * j[1] - wy * j[0];
            return Math.Sqrt(cx * cx + cy * cy + cz * cz);
        }

        private void StartPass()
        {
            _passActive = true;
            _passTotal = _count;
            _passStart = _count < _capacity ? 0 : _head;
            _passDone = 0;
            for (int i = 0; i < 16; i++) _jtj[i] = 0.0;
            for (int i = 0; i < 4; i++) _jte[i] = 0.0;
            for (int i = 0; i < 9; i++) { _cov1[i] = 0.0; _cov2[i] = 0.0; }
            _sumE2 = _sum1 = _sum2 = 0.0;
            _n = 0;
            if (HasEstimate)
            {
                Tangents(_j1, _t11, _t12);
                Tangents(_j2, _t21, _t22);
            }
        }

        private void Accumulate(int idx)
        {
            int o = 6 * idx;
            double ax = _buf[o], ay = _buf[o + 1], az = _buf[o + 2];
            double bx = _buf[o + 3], by = _buf[o + 4], bz = _buf[o + 5];
            _n++;
            _sum1 += ax * ax + ay * ay + az * az;
            _sum2 += bx * bx + by * by + bz * bz;
            AddOuter(_cov1, ax, ay, az);
            AddOuter(_cov2, bx, by, bz);
            if (!HasEstimate) return;

            // c = ω × j, f = ‖c‖, ∂f/∂j = (c × ω) / f.
            double c1x = ay * _j1[2] - az * _j1[1], c1y = az * _j1[0] - ax * _j1[2], c1z = ax * _j1[1] - ay * _j1[0];
            double c2x = by * _j2[2] - bz * _j2[1], c2y = bz * _j2[0] - bx * _j2[2], c2z = bx * _j2[1] - by * _j2[0];
            double n1 = Math.Sqrt(c1x * c1x + c1y * c1y + c1z * c1z);
            double n2 = Math.Sqrt(c2x * c2x + c2y * c2y + c2z * c2z);
            double e = n1 - n2;
            _sumE2 += e * e;
            const double Eps = 1e-6;
            double i1 = 1.0 / (n1 > Eps ? n1 : Eps), i2 = 1.0 / (n2 > Eps ? n2 : Eps);
            double g1x = (c1y * az - c1z * ay) * i1, g1y = (c1z * ax - c1x * az) * i1, g1z = (c1x * ay - c1y * ax) * i1;
            double g2x = (c2y * bz - c2z * by) * i2, g2y = (c2z * bx - c2x * bz) * i2, g2z = (c2x * by - c2y * bx) * i2;
            double r0 = g1x * _t11[0] + g1y * _t11[1] + g1z * _t11[2];
            double r1 = g1x * _t12[0] + g1y * _t12[1] + g1z * _t12[2];
            double r2 = -(g2x * _t21[0] + g2y * _t21[1] + g2z * _t21[2]);
            double r3 = -(g2x * _t22[0] + g2y * _t22[1] + g2z * _t22[2]);
            _jtj[0] += r0 * r0; _jtj[1] += r0 * r1; _jtj[2] += r0 * r2; _jtj[3] += r0 * r3;
            _jtj[5] += r1 * r1; _jtj[6] += r1 * r2; _jtj[7] += r1 * r3;
            _jtj[10] += r2 * r2; _jtj[11] += r2 * r3;
            _jtj[15] += r3 * r3;
            _jte[0] += r0 * e; _jte[1] += r1 * e; _jte[2] += r2 * e; _jte[3] += r3 * e;
        }

        private void FinishPass()
        {
            if (_n == 0) return;
            Passes++;
            double rms1 = Math.Sqrt(_sum1 / _n), rms2 = Math.Sqrt(_sum2 / _n);
            double stillRms = HasEstimate ? _settings.StillRmsRadPerS : _settings.FirstFitStillRmsRadPerS;
            bool still1 = rms1 < stillRms || rms1 < _settings.StillRmsRatio * rms2;
            bool still2 = rms2 < stillRms || rms2 < _settings.StillRmsRatio * rms1;
            Segment1Still = still1;
            Segment2Still = still2;
            if (still1 && still2) return;

            if (HasEstimate)
            {
                ResidualRmsRadPerS = Math.Sqrt(_sumE2 / _n);
                double rms = Math.Sqrt(0.5 * (rms1 * rms1 + rms2 * rms2));
                RelativeResidual = rms > 0.0 ? ResidualRmsRadPerS / rms : 0.0;
            }
            Copy(_j1, _old1);
            Copy(_j2, _old2);

            if (!HasEstimate)
            {
                if (!still1) { PrincipalAxis(_cov1, _j1); Segment1Observed = true; }
                if (!still2) { PrincipalAxis(_cov2, _j2); Segment2Observed = true; }
                if (still1) Unobserved(_j1, _hint1, _j2);
                if (still2) Unobserved(_j2, _hint2, _j1);
                SignFirstEstimate();
                HasEstimate = true;
                LastChangeRad = Math.PI;
                Version++;
                return;
            }

            if (still1 || still2)
            {
                if (still1)
                {
                    PrincipalAxis(_cov2, _j2);
                    Segment2Observed = true;
                    AlignSign(_j2, _old2);
                    if (!Segment1Observed) { Unobserved(_j1, _hint1, _j2); AlignSign(_j1, _old1); }
                }
                else
                {
                    PrincipalAxis(_cov1, _j1);
                    Segment1Observed = true;
                    AlignSign(_j1, _old1);
                    if (!Segment2Observed) { Unobserved(_j2, _hint2, _j1); AlignSign(_j2, _old2); }
                }
            }
            else
            {
                // Planar rotation of a segment (all its rate about one direction, e.g. the thigh in a heel slide rotates
                // about the hip's flexion axis ∥ knee axis) leaves the constraint fit a family of minima; the dominant
                // direction is then the hinge axis itself.
                Copy(_j1, _p1);
                Copy(_j2, _p2);
                Planarity1 = Dominant(_cov1, _p1);
                Planarity2 = Dominant(_cov2, _p2);
                bool planar1 = Planarity1 >= _settings.PlanarEnergyFraction;
                bool planar2 = Planarity2 >= _settings.PlanarEnergyFraction;
                if (!(planar1 && planar2)) GaussNewtonStep();
                if (planar1) { Copy(_p1, _j1); AlignSign(_j1, _old1); }
                if (planar2) { Copy(_p2, _j2); AlignSign(_j2, _old2); }
                Segment1Observed = Segment2Observed = true;
            }

            double c1 = _j1[0] * _old1[0] + _j1[1] * _old1[1] + _j1[2] * _old1[2];
            double c2 = _j2[0] * _old2[0] + _j2[1] * _old2[1] + _j2[2] * _old2[2];
            double c = c1 < c2 ? c1 : c2;
            LastChangeRad = Math.Acos(c > 1.0 ? 1.0 : (c < -1.0 ? -1.0 : c));
            Version++;
        }

        /// <summary>
        /// Axis of a segment that has not turned yet: the hint (the band's nominal mounting, off by the strap misalignment
        /// only) when set, else the other segment's axis (boards assumed parallel).
        /// </summary>
        private static void Unobserved(double[] j, double[] hint, double[] other)
        {
            double n = Math.Sqrt(hint[0] * hint[0] + hint[1] * hint[1] + hint[2] * hint[2]);
            if (n > 0.0) { j[0] = hint[0] / n; j[1] = hint[1] / n; j[2] = hint[2] / n; }
            else Copy(other, j);
        }

        private void GaussNewtonStep()
        {
            // Symmetric fill, damping, solve (JᵀJ + λ·tr/4·I) x = −Jᵀe by Gaussian elimination with partial pivoting.
            double tr = _jtj[0] + _jtj[5] + _jtj[10] + _jtj[15];
            double lambda = _settings.Damping * tr / 4.0 + 1e-12;
            for (int r = 0; r < 4; r++)
            {
                for (int c = 0; c < 4; c++)
                {
                    _a[4 * r + c] = r <= c ? _jtj[4 * r + c] : _jtj[4 * c + r];
                }
                _a[5 * r] += lambda;
                _x[r] = -_jte[r];
            }
            for (int k = 0; k < 4; k++)
            {
                int p = k;
                for (int r = k + 1; r < 4; r++) if (Math.Abs(_a[4 * r + k]) > Math.Abs(_a[4 * p + k])) p = r;
                if (p != k)
                {
                    for (int c = 0; c < 4; c++) { double t = _a[4 * k + c]; _a[4 * k + c] = _a[4 * p + c]; _a[4 * p + c] = t; }
                    double tx = _x[k]; _x[k] = _x[p]; _x[p] = tx;
                }
                double piv = _a[5 * k];
                if (Math.Abs(piv) < 1e-15) return;
                for (int r = k + 1; r < 4; r++)
                {
                    double f = _a[4 * r + k] / piv;
                    for (int c = k; c < 4; c++) _a[4 * r + c] -= f * _a[4 * k + c];
                    _x[r] -= f * _x[k];
                }
            }
            for (int k = 3; k >= 0; k--)
            {
                double s = _x[k];
                for (int c = k + 1; c < 4; c++) s -= _a[4 * k + c] * _x[c];
                _x[k] = s / _a[5 * k];
            }
            double step = Math.Sqrt(_x[0] * _x[0] + _x[1] * _x[1] + _x[2] * _x[2] + _x[3] * _x[3]);
            double scale = step > _settings.MaxStepRad ? _settings.MaxStepRad / step : 1.0;
            for (int i = 0; i < 3; i++)
            {
                _j1[i] += scale * (_x[0] * _t11[i] + _x[1] * _t12[i]);
                _j2[i] += scale * (_x[2] * _t21[i] + _x[3] * _t22[i]);
            }
            Normalize(_j1);
            Normalize(_j2);
        }

        private void SignFirstEstimate()
        {
            bool hint1 = _hint1[0] != 0.0 || _hint1[1] != 0.0 || _hint1[2] != 0.0;
            bool hint2 = _hint2[0] != 0.0 || _hint2[1] != 0.0 || _hint2[2] != 0.0;
            if (hint1) AlignSign(_j1, _hint1);
            else
            {
                int k = 0;
                for (int i = 1; i < 3; i++) if (Math.Abs(_j1[i]) > Math.Abs(_j1[k])) k = i;
                if (_j1[k] < 0.0) Negate(_j1);
            }
            if (hint2) AlignSign(_j2, _hint2);
            else AlignSign(_j2, _j1);
        }

        /// <summary>Principal direction of cov into v (v: start vector); returns its share of the trace.</summary>
        private static double Dominant(double[] cov, double[] v)
        {
            PrincipalAxis(cov, v);
            double tr = cov[0] + cov[4] + cov[8];
            if (tr <= 0.0) return 0.0;
            double q = v[0] * (cov[0] * v[0] + cov[1] * v[1] + cov[2] * v[2])
                + v[1] * (cov[3] * v[0] + cov[4] * v[1] + cov[5] * v[2])
                + v[2] * (cov[6] * v[0] + cov[7] * v[1] + cov[8] * v[2]);
            return q / tr;
        }

        private static void PrincipalAxis(double[] cov, double[] v)
        {
            // Power iteration from the current vector (plus a nudge so it is never orthogonal to the answer).
            double x = v[0] + 0.01, y = v[1] + 0.02, z = v[2] + 0.03;
            for (int it = 0; it < 30; it++)
            {
                double nx = cov[0] * x + cov[1] * y + cov[2] * z;
                double ny = cov[3] * x + cov[4] * y + cov[5] * z;
                double nz = cov[6] * x + cov[7] * y + cov[8] * z;
                double n = Math.Sqrt(nx * nx + ny * ny + nz * nz);
                if (n <= 0.0) return;
                x = nx / n; y = ny / n; z = nz / n;
            }
            v[0] = x; v[1] = y; v[2] = z;
        }

        private static void AddOuter(double[] m, double x, double y, double z)
        {
            m[0] += x * x; m[1] += x * y; m[2] += x * z;
            m[3] += y * x; m[4] += y * y; m[5] += y * z;
            m[6] += z * x; m[7] += z * y; m[8] += z * z;
        }

        private static void Tangents(double[] j, double[] t1, double[] t2)
        {
            // t1 ⟂ j from the sensor axis least aligned with j; t2 = j × t1.
            double ax = Math.Abs(j[0]), ay = Math.Abs(j[1]), az = Math.Abs(j[2]);
            double ex = 0.0, ey = 0.0, ez = 0.0;
            if (ax <= ay && ax <= az) ex = 1.0; else if (ay <= az) ey = 1.0; else ez = 1.0;
            double d = ex * j[0] + ey * j[1] + ez * j[2];
            t1[0] = ex - d * j[0]; t1[1] = ey - d * j[1]; t1[2] = ez - d * j[2];
            Normalize(t1);
            t2[0] = j[1] * t1[2] - j[2] * t1[1];
            t2[1] = j[2] * t1[0] - j[0] * t1[2];
            t2[2] = j[0] * t1[1] - j[1] * t1[0];
        }

        private static void AlignSign(double[] v, double[] reference)
        {
            if (v[0] * reference[0] + v[1] * reference[1] + v[2] * reference[2] < 0.0) Negate(v);
        }

        private static void Negate(double[] v)
        {
            v[0] = -v[0]; v[1] = -v[1]; v[2] = -v[2];
        }

        private static void Copy(double[] src, double[] dst)
        {
            dst[0] = src[0]; dst[1] = src[1]; dst[2] = src[2];
        }

        private static void Normalize(double[] v)
        {
            double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            if (n <= 0.0) { v[0] = 1.0; v[1] = 0.0; v[2] = 0.0; return; }
            v[0] /= n; v[1] /= n; v[2] /= n;
        }
    }
}
