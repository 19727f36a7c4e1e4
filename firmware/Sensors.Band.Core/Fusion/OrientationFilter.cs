using System;
using Sensors.Band.Maths;

namespace Sensors.Band.Fusion
{
    /// <summary>
    /// Orientation of one IMU (sensor frame S) relative to the earth frame E = ENU (x East, y North, z Up; "North"
    /// is magnetic north as the magnetometer sees it): v_E = q ⊗ (0, v_S) ⊗ q⁻¹. Inputs: gyro rad/s,
    /// accelerometer m/s² (specific force, +g upward at rest), magnetometer in any unit (µT), all in sensor axes.
    /// <para>
    /// Structure (the ideas of VQF, Laidig &amp; Seel 2023, in our own code):
    /// q9 = δ_z ⊗ q6, q6 = q_acc ⊗ q_gyr. q_gyr is pure strapdown integration of the bias-corrected gyro into a
    /// quasi-inertial frame I; the accelerometer is rotated into I, low-passed there (τ = AccTauS) and q_acc is the
    /// rotation that makes that filtered specific force vertical, so short accelerations average out without
    /// the lag of a gain-based filter. The gyro bias is estimated at rest and in motion
    /// (<see cref="GyroBiasEstimator"/>). The heading offset δ is a first-order filter towards the magnetometer
    /// heading in the 6D frame, suspended while <see cref="MagneticDisturbanceDetector"/> flags a disturbance.
    /// </para>
    /// Cold start: the first accelerometer sample sets the inclination, the first magnetometer sample the heading.
    /// Floats for the orientation state, doubles for filter states and gains (see the helper classes).
    /// No allocation per sample.
    /// </summary>
    public sealed class OrientationFilter
    {
        private const double DefaultSampleS = 0.01;

        private readonly ButterworthLowPass _accLp;
        private readonly double[] _acc = new double[3];
        private readonly RestDetector _rest;
        private readonly GyroBiasEstimator _bias;
        private readonly MagneticDisturbanceDetector _magDist;

        private QuaternionF _qGyr;
        private QuaternionF _qAcc;
        private double _deltaRad;
        private double _coeffSampleS;
        private double _meanSampleS;
        private bool _started;
        private bool _magUsed;
        private double _kMag;
        private double _kMagInit;
        private double _magRejectTimeS;

        /// <summary>Creates the filter with the default settings.</summary>
        public OrientationFilter()
            : this(new OrientationSettings())
        {
        }

        /// <summary>Creates the filter with the given settings (allocates everything it needs once).</summary>
        public OrientationFilter(OrientationSettings settings)
        {
            Settings = settings ?? new OrientationSettings();
            _coeffSampleS = DefaultSampleS;
            _accLp = new ButterworthLowPass(3, Settings.AccTauS, _coeffSampleS);
            _rest = new RestDetector(Settings.RestFilterTauS, _coeffSampleS, 0, 0, 0, 0);
            _bias = new GyroBiasEstimator(Settings, _coeffSampleS);
            _magDist = new MagneticDisturbanceDetector(Settings, _coeffSampleS);
            Reset();
        }

        /// <summary>The tuning. After changing it call <see cref="ApplySettings"/>.</summary>
        public OrientationSettings Settings { get; }

        /// <summary>Best estimate: 9D when a magnetometer sample has been used since the last reset, else 6D.</summary>
        public QuaternionF Orientation => _magUsed ? Orientation9D : Orientation6D;

        /// <summary>6D estimate (accelerometer + gyro): inclination is absolute, heading drifts slowly.</summary>
        public QuaternionF Orientation6D => QuaternionF.Normalize(QuaternionF.Multiply(_qAcc, _qGyr));

        /// <summary>9D estimate: the 6D estimate turned about the vertical by the heading correction δ.</summary>
        public QuaternionF Orientation9D =>
            QuaternionF.Normalize(QuaternionF.Multiply(QuaternionF.FromRotationAboutZ((float)_deltaRad), Orientation6D));

        /// <summary>Strapdown-integrated gyro orientation (S → I); diagnostic.</summary>
        public QuaternionF GyroQuaternion => _qGyr;

        /// <summary>Inclination correction (I → 6D earth frame); diagnostic.</summary>
        public QuaternionF InclinationCorrection => _qAcc;

        /// <summary>Heading correction δ about the vertical, rad.</summary>
        public double HeadingCorrectionRad => _deltaRad;

        /// <summary>True after the first sample.</summary>
        public bool IsStarted => _started;

        /// <summary>True while the band is detected at rest.</summary>
        public bool IsRest => _rest.IsRest;

        /// <summary>True while the magnetometer is rejected as disturbed (also before the first reference field is accepted).</summary>
        public bool IsMagneticDisturbance => _magDist.IsDisturbed;

        /// <summary>Gyro bias estimate, rad/s (subtracted from the gyro before integration).</summary>
        public Vector3F GyroBiasRadPerS => new Vector3F((float)_bias.BiasX, (float)_bias.BiasY, (float)_bias.BiasZ);

        /// <summary>Standard deviation of the bias estimate (largest axis), rad/s.</summary>
        public double GyroBiasSigmaRadPerS => _bias.BiasSigmaRadPerS;

        /// <summary>Angle of the last inclination correction divided by the sample period, rad/s; diagnostic.</summary>
        public double InclinationCorrectionRateRadPerS { get; private set; }

        /// <summary>Last disagreement between magnetometer heading and the 9D heading, rad; diagnostic.</summary>
        public double MagneticDisagreementRad { get; private set; }

        /// <summary>Rest detection internals.</summary>
        public RestDetector RestDetector => _rest;

        /// <summary>Magnetic disturbance detection internals.</summary>
        public MagneticDisturbanceDetector MagneticDisturbanceDetector => _magDist;

        /// <summary>Writes the best estimate (see <see cref="Orientation"/>), scalar first.</summary>
        public void GetQuaternion(out float w, out float x, out float y, out float z)
        {
            QuaternionF q = Orientation;
            w = q.W;
            x = q.X;
            y = q.Y;
            z = q.Z;
        }

        /// <summary>Sets a known gyro bias (rad/s), e.g. from the factory calibration, with its standard deviation.</summary>
        public void SetGyroBias(float bx, float by, float bz, float sigmaRadPerS) => _bias.SetBias(bx, by, bz, sigmaRadPerS);

        /// <summary>Re-reads <see cref="Settings"/> (keeps the state).</summary>
        public void ApplySettings() => Configure(_coeffSampleS);

        /// <summary>Back to the cold state: the next sample initialises the orientation again.</summary>
        public void Reset()
        {
            _qGyr = QuaternionF.Identity;
            _qAcc = QuaternionF.Identity;
            _deltaRad = 0.0;
            _started = false;
            _magUsed = false;
            _kMagInit = 1.0;
            _magRejectTimeS = 0.0;
            InclinationCorrectionRateRadPerS = 0.0;
            MagneticDisagreementRad = 0.0;
            Configure(_coeffSampleS);
            _accLp.Reset();
            _rest.Reset();
            _bias.Reset();
            _magDist.Reset();
        }

        /// <summary>One 6D step: gyro (rad/s) and accelerometer (m/s²) sampled dtS (s) after the previous sample.</summary>
        public void Update6D(float gx, float gy, float gz, float ax, float ay, float az, float dtS)
        {
            if (!(dtS > 0f) || float.IsInfinity(dtS)) return;
            TrackSamplePeriod(dtS);
            UpdateGyro(gx, gy, gz, dtS);
            UpdateAcc(gx, gy, gz, ax, ay, az, dtS);
        }

        /// <summary>One 9D step: as <see cref="Update6D"/> plus the magnetometer (any unit, e.g. µT).</summary>
        public void Update9D(float gx, float gy, float gz, float ax, float ay, float az, float mx, float my, float mz, float dtS)
        {
            if (!(dtS > 0f) || float.IsInfinity(dtS)) return;
            TrackSamplePeriod(dtS);
            UpdateGyro(gx, gy, gz, dtS);
            UpdateAcc(gx, gy, gz, ax, ay, az, dtS);
            UpdateMag(mx, my, mz, dtS);
        }

        private void TrackSamplePeriod(double dtS)
        {
            if (!_started)
            {
                _meanSampleS = dtS;
                if (Math.Abs(dtS - _coeffSampleS) > 1e-9) Configure(dtS);
                _started = true;
                return;
            }
            _meanSampleS += 0.01 * (dtS - _meanSampleS);
            if (Math.Abs(_meanSampleS - _coeffSampleS) > 0.1 * _coeffSampleS) Configure(_meanSampleS);
        }

        private void Configure(double sampleS)
        {
            _coeffSampleS = sampleS;
            OrientationSettings s = Settings;
            _accLp.Configure(s.AccTauS, sampleS);
            _rest.Configure(s.RestFilterTauS, sampleS, s.RestThresholdGyrDegPerS * Angles.DegToRad, s.RestThresholdAccMPerS2,
                s.RestMinTimeS, s.BiasClipDegPerS * Angles.DegToRad);
            _bias.Configure(s, sampleS);
            _magDist.Configure(s, sampleS);
            _kMag = s.MagTauS > 0 ? 1.0 - Math.Exp(-sampleS / s.MagTauS) : 1.0;
        }

        private void UpdateGyro(float gx, float gy, float gz, float dtS)
        {
            float wx = gx - (float)_bias.BiasX;
            float wy = gy - (float)_bias.BiasY;
            float wz = gz - (float)_bias.BiasZ;
            QuaternionF step = QuaternionF.FromRotationVector(wx * dtS, wy * dtS, wz * dtS);
            _qGyr = QuaternionF.Normalize(QuaternionF.Multiply(_qGyr, step));
        }

        private void UpdateAcc(float gx, float gy, float gz, float ax, float ay, float az, float dtS)
        {
            if (ax == 0f && ay == 0f && az == 0f) return;
            if (float.IsNaN(ax) || float.IsNaN(ay) || float.IsNaN(az)) return;
            _rest.Update(gx, gy, gz, ax, ay, az, dtS);

            // specific force in the quasi-inertial frame I, low-passed there
            Vector3F accI = QuaternionF.Rotate(_qGyr, new Vector3F(ax, ay, az));
            _acc[0] = accI.X;
            _acc[1] = accI.Y;
            _acc[2] = accI.Z;
            _accLp.Step(_acc);

            // into the 6D earth frame, normalised
            Vector3F accE = Vector3F.Normalize(QuaternionF.Rotate(_qAcc, new Vector3F((float)_acc[0], (float)_acc[1], (float)_acc[2])));
            double ex = accE.X, ey = accE.Y, ez = accE.Z;

            // the shortest rotation that makes it vertical (about a horizontal axis)
            double qw = Math.Sqrt((ez + 1.0) * 0.5);
            QuaternionF corr = qw > 1e-6
                ? new QuaternionF((float)qw, (float)(0.5 * ey / qw), (float)(-0.5 * ex / qw), 0f)
                : new QuaternionF(0f, 1f, 0f, 0f);
            _qAcc = QuaternionF.Normalize(QuaternionF.Multiply(corr, _qAcc));
            InclinationCorrectionRateRadPerS = Math.Acos(Math.Max(-1.0, Math.Min(1.0, ez))) / _coeffSampleS;

            OrientationSettings s = Settings;
            if (s.MotionBiasEstimationEnabled || s.RestBiasEstimationEnabled)
            {
                _bias.Update(Orientation6D, ex, ey, _rest.IsRest, s.RestBiasEstimationEnabled, s.MotionBiasEstimationEnabled,
                    _rest.GyrLpX, _rest.GyrLpY, _rest.GyrLpZ);
            }
        }

        private void UpdateMag(float mx, float my, float mz, float dtS)
        {
            if (mx == 0f && my == 0f && mz == 0f) return;
            if (float.IsNaN(mx) || float.IsNaN(my) || float.IsNaN(mz)) return;
            Vector3F magE = QuaternionF.Rotate(Orientation6D, new Vector3F(mx, my, mz));
            OrientationSettings s = Settings;
            if (s.MagneticDisturbanceRejectionEnabled)
            {
                double rate = Math.Sqrt(_rest.GyrLpX * _rest.GyrLpX + _rest.GyrLpY * _rest.GyrLpY + _rest.GyrLpZ * _rest.GyrLpZ);
                _magDist.Update(magE, rate, dtS);
            }

            // heading of the horizontal field, measured from North towards East; δ turns it onto North
            double disagreement = Angles.WrapPi(Math.Atan2(magE.X, magE.Y) - _deltaRad);
            MagneticDisagreementRad = disagreement;
            double k = _kMag;
            if (s.MagneticDisturbanceRejectionEnabled)
            {
                if (_magDist.IsDisturbed)
                {
                    if (_magRejectTimeS <= s.MagMaxRejectionTimeS)
                    {
                        _magRejectTimeS += dtS;
                        k = 0.0;
                    }
                    else
                    {
                        k /= s.MagRejectionFactor;
                    }
                }
                else
                {
                    _magRejectTimeS = Math.Max(_magRejectTimeS - s.MagRejectionFactor * dtS, 0.0);
                }
            }

            // fast start: gain at least 1/N for the N-th sample until τ_mag has passed
            if (_kMagInit != 0.0)
            {
                if (k < _kMagInit) k = _kMagInit;
                _kMagInit = _kMagInit / (_kMagInit + 1.0);
                if (_kMagInit * s.MagTauS < _coeffSampleS) _kMagInit = 0.0;
            }
            _deltaRad = Angles.WrapPi(_deltaRad + k * disagreement);
            _magUsed = true;
        }
    }
}
