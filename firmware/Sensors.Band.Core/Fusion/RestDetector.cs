namespace Sensors.Band.Fusion
{
    /// <summary>
    /// Rest detection: the band lies still when, for at least a minimum time, the gyro and the accelerometer stay
    /// close to their own low-passed values and the low-passed rate is no larger than a plausible gyro bias.
    /// The low-passed gyro at rest is the measurement of the gyro bias.
    /// </summary>
    public sealed class RestDetector
    {
        private readonly ButterworthLowPass _gyrLp;
        private readonly ButterworthLowPass _accLp;
        private readonly double[] _g = new double[3];
        private readonly double[] _a = new double[3];
        private double _thGyrSq;
        private double _thAccSq;
        private double _minTimeS;
        private double _biasClipRadPerS;

        /// <summary>Creates the detector (allocates once).</summary>
        public RestDetector(double tauS, double sampleS, double thGyrRadPerS, double thAccMPerS2, double minTimeS, double biasClipRadPerS)
        {
            _gyrLp = new ButterworthLowPass(3, tauS, sampleS);
            _accLp = new ButterworthLowPass(3, tauS, sampleS);
            Configure(tauS, sampleS, thGyrRadPerS, thAccMPerS2, minTimeS, biasClipRadPerS);
        }

        /// <summary>True while rest is detected.</summary>
        public bool IsRest { get; private set; }

        /// <summary>How long both rest conditions have held, s.</summary>
        public double RestTimeS { get; private set; }

        /// <summary>Low-passed gyro, x (rad/s).</summary>
        public double GyrLpX { get; private set; }

        /// <summary>Low-passed gyro, y (rad/s).</summary>
        public double GyrLpY { get; private set; }

        /// <summary>Low-passed gyro, z (rad/s).</summary>
        public double GyrLpZ { get; private set; }

        /// <summary>Last squared deviation of the gyro from its low-pass, (rad/s)².</summary>
        public double GyrDeviationSq { get; private set; }

        /// <summary>Last squared deviation of the accelerometer from its low-pass, (m/s²)².</summary>
        public double AccDeviationSq { get; private set; }

        /// <summary>Sets the parameters (SI) and the sample period; keeps the state.</summary>
        public void Configure(double tauS, double sampleS, double thGyrRadPerS, double thAccMPerS2, double minTimeS, double biasClipRadPerS)
        {
            _gyrLp.Configure(tauS, sampleS);
            _accLp.Configure(tauS, sampleS);
            _thGyrSq = thGyrRadPerS * thGyrRadPerS;
            _thAccSq = thAccMPerS2 * thAccMPerS2;
            _minTimeS = minTimeS;
            _biasClipRadPerS = biasClipRadPerS;
        }

        /// <summary>Forgets the past.</summary>
        public void Reset()
        {
            _gyrLp.Reset();
            _accLp.Reset();
            IsRest = false;
            RestTimeS = 0.0;
            GyrLpX = GyrLpY = GyrLpZ = 0.0;
            GyrDeviationSq = AccDeviationSq = 0.0;
        }

        /// <summary>Feeds one gyro (rad/s) and accelerometer (m/s²) sample taken dtS after the previous one.</summary>
        public void Update(float gx, float gy, float gz, float ax, float ay, float az, double dtS)
        {
            _g[0] = gx;
            _g[1] = gy;
            _g[2] = gz;
            _gyrLp.Step(_g);
            GyrLpX = _g[0];
            GyrLpY = _g[1];
            GyrLpZ = _g[2];
            double dx = gx - _g[0], dy = gy - _g[1], dz = gz - _g[2];
            GyrDeviationSq = dx * dx + dy * dy + dz * dz;

            _a[0] = ax;
            _a[1] = ay;
            _a[2] = az;
            _accLp.Step(_a);
            dx = ax - _a[0];
            dy = ay - _a[1];
            dz = az - _a[2];
            AccDeviationSq = dx * dx + dy * dy + dz * dz;

            bool still = GyrDeviationSq < _thGyrSq && AccDeviationSq < _thAccSq
                && GyrLpX <= _biasClipRadPerS && GyrLpX >= -_biasClipRadPerS
                && GyrLpY <= _biasClipRadPerS && GyrLpY >= -_biasClipRadPerS
                && GyrLpZ <= _biasClipRadPerS && GyrLpZ >= -_biasClipRadPerS;
            if (!still)
            {
                RestTimeS = 0.0;
                IsRest = false;
                return;
            }
            RestTimeS += dtS;
            if (RestTimeS >= _minTimeS) IsRest = true;
        }
    }
}
