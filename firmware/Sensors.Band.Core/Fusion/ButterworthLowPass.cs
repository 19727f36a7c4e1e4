using System;

namespace Sensors.Band.Fusion
{
    /// <summary>
    /// Second-order Butterworth low-pass over a fixed number of channels, parametrised by a time constant
    /// τ (cut-off f_c = √2 / (2π τ)). State and coefficients are double: with τ = 3 s at 286 Hz the feed-forward
    /// gain is ~1e-5, which single precision would round badly.
    /// Cold start: for the first τ seconds the output is the running mean of the input, then the filter is
    /// started in steady state at that mean, so the first output equals the first input (no start-up transient).
    /// </summary>
    public sealed class ButterworthLowPass
    {
        private readonly int _channels;
        private readonly double[] _s1;
        private readonly double[] _s2;
        private readonly double[] _mean;
        private double _tauS;
        private double _sampleS;
        private double _b0, _b1, _b2, _a1, _a2;
        private double _warmupS;
        private int _warmupCount;
        private bool _running;

        /// <summary>Creates the filter for the given number of channels (allocates once).</summary>
        public ButterworthLowPass(int channels, double tauS, double sampleS)
        {
            _channels = channels;
            _s1 = new double[channels];
            _s2 = new double[channels];
            _mean = new double[channels];
            Configure(tauS, sampleS);
            Reset();
        }

        /// <summary>Time constant τ in s.</summary>
        public double TauS => _tauS;

        /// <summary>True once the warm-up (running mean) is over and the IIR filter runs.</summary>
        public bool IsRunning => _running;

        /// <summary>Sets τ and the sample period; keeps the state (a step change in period is tolerated).</summary>
        public void Configure(double tauS, double sampleS)
        {
            _tauS = tauS;
            _sampleS = sampleS;
            if (tauS <= 0.0)
            {
                _b0 = 1.0;
                _b1 = _b2 = _a1 = _a2 = 0.0;
                return;
            }
            double fc = Math.Sqrt(2.0) / (2.0 * Math.PI * tauS);
            double c = Math.Tan(Math.PI * fc * sampleS);
            double d = c * c + Math.Sqrt(2.0) * c + 1.0;
            _b0 = c * c / d;
            _b1 = 2.0 * _b0;
            _b2 = _b0;
            _a1 = 2.0 * (c * c - 1.0) / d;
            _a2 = (1.0 - Math.Sqrt(2.0) * c + c * c) / d;
        }

        /// <summary>Forgets the past; the next sample restarts the warm-up.</summary>
        public void Reset()
        {
            for (int i = 0; i < _channels; i++)
            {
                _s1[i] = 0.0;
                _s2[i] = 0.0;
                _mean[i] = 0.0;
            }
            _warmupS = 0.0;
            _warmupCount = 0;
            _running = _tauS <= 0.0;
        }

        /// <summary>Filters one sample of every channel in place (values.Length ≥ channels).</summary>
        public void Step(double[] values)
        {
            if (!_running)
            {
                _warmupCount++;
                _warmupS += _sampleS;
                double k = 1.0 / _warmupCount;
                for (int i = 0; i < _channels; i++)
                {
                    _mean[i] += k * (values[i] - _mean[i]);
                    values[i] = _mean[i];
                }
                if (_warmupS >= _tauS)
                {
                    // start the IIR filter in steady state at the mean
                    for (int i = 0; i < _channels; i++)
                    {
                        _s1[i] = _mean[i] * (1.0 - _b0);
                        _s2[i] = _mean[i] * (_b2 - _a2);
                    }
                    _running = true;
                }
                return;
            }
            for (int i = 0; i < _channels; i++)
            {
                double x = values[i];
                double y = _b0 * x + _s1[i];
                _s1[i] = _b1 * x - _a1 * y + _s2[i];
                _s2[i] = _b2 * x - _a2 * y;
                values[i] = y;
            }
        }
    }
}
