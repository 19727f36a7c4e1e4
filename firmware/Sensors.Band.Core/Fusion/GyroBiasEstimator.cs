using System;
using Sensors.Band.Maths;

namespace Sensors.Band.Fusion
{
    /// <summary>
    /// Gyro bias estimate as a 3-state Kalman filter (random-walk bias), with two measurements:
    /// at rest the low-passed gyro itself; in motion the rate of the accelerometer's inclination correction, which
    /// tells the horizontal (earth-frame) part of the bias error. Follows the idea published for VQF
    /// (Laidig &amp; Seel 2023); the correction rate and the bias are compared after the same low-pass as the
    /// accelerometer, so the filter lag cancels. Double precision: the covariances span many decades.
    /// Covariances are kept in (0.01 °/s)² as in the paper, the bias in rad/s.
    /// </summary>
    public sealed class GyroBiasEstimator
    {
        private const double CovScale = 100.0 * Angles.RadToDeg; // rad/s → 0.01 °/s

        private readonly double[] _p = new double[9];
        private readonly double[] _r = new double[9];
        private readonly double[] _k = new double[9];
        private readonly double[] _t1 = new double[9];
        private readonly double[] _t2 = new double[9];
        private readonly double[] _rbLp = new double[2];
        private readonly double[] _e = new double[3];
        private readonly double[] _w = new double[3];
        private readonly ButterworthLowPass _rLp;
        private readonly ButterworthLowPass _biasLp;

        private double _p0;
        private double _v;
        private double _motionW;
        private double _verticalW;
        private double _restW;
        private double _clipRadPerS;
        private double _sampleS;

        /// <summary>Creates the estimator for the settings and sample period (allocates once).</summary>
        public GyroBiasEstimator(OrientationSettings settings, double sampleS)
        {
            _rLp = new ButterworthLowPass(9, settings.AccTauS, sampleS);
            _biasLp = new ButterworthLowPass(2, settings.AccTauS, sampleS);
            Configure(settings, sampleS);
            Reset();
        }

        /// <summary>Bias estimate, x (rad/s).</summary>
        public double BiasX { get; private set; }

        /// <summary>Bias estimate, y (rad/s).</summary>
        public double BiasY { get; private set; }

        /// <summary>Bias estimate, z (rad/s).</summary>
        public double BiasZ { get; private set; }

        /// <summary>Standard deviation of the bias estimate (largest axis), rad/s.</summary>
        public double BiasSigmaRadPerS
        {
            get
            {
                double m = Math.Max(_p[0], Math.Max(_p[4], _p[8]));
                return Math.Sqrt(Math.Max(m, 0.0)) / CovScale;
            }
        }

        /// <summary>Recomputes the gains from the settings and sample period; keeps the state.</summary>
        public void Configure(OrientationSettings settings, double sampleS)
        {
            _sampleS = sampleS;
            _rLp.Configure(settings.AccTauS, sampleS);
            _biasLp.Configure(settings.AccTauS, sampleS);
            _clipRadPerS = settings.BiasClipDegPerS * Angles.DegToRad;
            double sigmaInit = settings.BiasSigmaInitDegPerS * 100.0;
            _p0 = sigmaInit * sigmaInit;
            _v = 10.0 * 10.0 * sampleS / settings.BiasForgettingTimeS; // (0.1 °/s)² per forgetting time
            double pMotion = settings.BiasSigmaMotionDegPerS * 100.0;
            pMotion *= pMotion;
            _motionW = pMotion * pMotion / _v + pMotion;
            _verticalW = _motionW / Math.Max(settings.BiasVerticalForgettingFactor, 1e-10);
            double pRest = settings.BiasSigmaRestDegPerS * 100.0;
            pRest *= pRest;
            _restW = pRest * pRest / _v + pRest;
        }

        /// <summary>Sets the bias to zero and its uncertainty to the initial value.</summary>
        public void Reset()
        {
            BiasX = BiasY = BiasZ = 0.0;
            Matrix3.SetScaledIdentity(_p0, _p);
            _rLp.Reset();
            _biasLp.Reset();
        }

        /// <summary>Sets a known bias (rad/s), e.g. from the factory calibration, with the given standard deviation.</summary>
        public void SetBias(double bx, double by, double bz, double sigmaRadPerS)
        {
            BiasX = bx;
            BiasY = by;
            BiasZ = bz;
            double s = sigmaRadPerS * CovScale;
            Matrix3.SetScaledIdentity(s * s, _p);
        }

        /// <summary>
        /// One step after the inclination correction. q6 is the corrected 6D orientation; (accEarthX, accEarthY)
        /// the horizontal part of the normalised, low-passed specific force in the earth frame before the correction;
        /// at rest, (gyrLpX, gyrLpY, gyrLpZ) is the low-passed gyro (rad/s).
        /// </summary>
        public void Update(QuaternionF q6, double accEarthX, double accEarthY, bool rest, bool restEnabled, bool motionEnabled,
            double gyrLpX, double gyrLpY, double gyrLpZ)
        {
            Matrix3.FromQuaternion(q6, _r);
            _rbLp[0] = _r[0] * BiasX + _r[1] * BiasY + _r[2] * BiasZ;
            _rbLp[1] = _r[3] * BiasX + _r[4] * BiasY + _r[5] * BiasZ;
            _rLp.Step(_r);
            _biasLp.Step(_rbLp);

            bool measure = true;
            if (rest && restEnabled)
            {
                _e[0] = gyrLpX - BiasX;
                _e[1] = gyrLpY - BiasY;
                _e[2] = gyrLpZ - BiasZ;
                Matrix3.SetScaledIdentity(1.0, _r);
                _w[0] = _w[1] = _w[2] = _restW;
            }
            else if (motionEnabled)
            {
                _e[0] = -accEarthY / _sampleS + _rbLp[0] - (_r[0] * BiasX + _r[1] * BiasY + _r[2] * BiasZ);
                _e[1] = accEarthX / _sampleS + _rbLp[1] - (_r[3] * BiasX + _r[4] * BiasY + _r[5] * BiasZ);
                _e[2] = -(_r[6] * BiasX + _r[7] * BiasY + _r[8] * BiasZ);
                _w[0] = _w[1] = _motionW;
                _w[2] = _verticalW;
            }
            else
            {
                measure = false;
            }

            // prediction: the bias may wander (the uncertainty grows up to its initial value)
            if (_p[0] < _p0) _p[0] += _v;
            if (_p[4] < _p0) _p[4] += _v;
            if (_p[8] < _p0) _p[8] += _v;
            if (!measure) return;

            for (int i = 0; i < 3; i++) _e[i] = Angles.ClampSymmetric(_e[i], _clipRadPerS);

            // K = P Rᵀ (W + R P Rᵀ)⁻¹
            Matrix3.MultiplyTransposeB(_p, _r, _t1);      // t1 = P Rᵀ
            Matrix3.Multiply(_r, _t1, _t2);               // t2 = R P Rᵀ
            _t2[0] += _w[0];
            _t2[4] += _w[1];
            _t2[8] += _w[2];
            if (!Matrix3.Invert(_t2, _k)) return;         // k = (W + R P Rᵀ)⁻¹
            Matrix3.Multiply(_t1, _k, _t2);               // t2 = K
            // bias += K e
            BiasX = Angles.ClampSymmetric(BiasX + _t2[0] * _e[0] + _t2[1] * _e[1] + _t2[2] * _e[2], _clipRadPerS);
            BiasY = Angles.ClampSymmetric(BiasY + _t2[3] * _e[0] + _t2[4] * _e[1] + _t2[5] * _e[2], _clipRadPerS);
            BiasZ = Angles.ClampSymmetric(BiasZ + _t2[6] * _e[0] + _t2[7] * _e[1] + _t2[8] * _e[2], _clipRadPerS);
            // P = P − K R P
            Matrix3.Multiply(_t2, _r, _k);                // k = K R
            Matrix3.Multiply(_k, _p, _t1);                // t1 = K R P
            for (int i = 0; i < 9; i++) _p[i] -= _t1[i];
        }
    }
}
