using System;
using Sensors.Band.Maths;

namespace Sensors.Band.Fusion
{
    /// <summary>
    /// Decides whether the magnetometer may correct the heading. The field's norm and dip angle (in the
    /// gravity-aligned frame) are compared with a learned reference; a disagreement beyond the thresholds
    /// flags a magnetic disturbance. A new field that stays consistent while the band rotates replaces the
    /// reference (moving into another room), the very first one sooner. The reference follows slow drifts
    /// while undisturbed.
    /// </summary>
    public sealed class MagneticDisturbanceDetector
    {
        private readonly ButterworthLowPass _normDipLp;
        private readonly double[] _nd = new double[2];
        private double _normTh;
        private double _dipThRad;
        private double _kRef;
        private double _newTimeS;
        private double _newFirstTimeS;
        private double _newMinGyrRadPerS;
        private double _minUndisturbedTimeS;
        private double _candidateNorm;
        private double _candidateDip;
        private double _candidateTimeS;
        private double _undisturbedTimeS;

        /// <summary>Creates the detector (allocates once).</summary>
        public MagneticDisturbanceDetector(OrientationSettings settings, double sampleS)
        {
            _normDipLp = new ButterworthLowPass(2, settings.MagCurrentTauS, sampleS);
            Configure(settings, sampleS);
            Reset();
        }

        /// <summary>True while the field disagrees with the reference (or no reference is known yet).</summary>
        public bool IsDisturbed { get; private set; }

        /// <summary>Reference field norm, in the magnetometer's unit (0 until the first reference is accepted).</summary>
        public double ReferenceNorm { get; private set; }

        /// <summary>Reference dip angle, rad (positive = field points below the horizon).</summary>
        public double ReferenceDipRad { get; private set; }

        /// <summary>Current (low-passed) field norm.</summary>
        public double CurrentNorm { get; private set; }

        /// <summary>Current (low-passed) dip angle, rad.</summary>
        public double CurrentDipRad { get; private set; }

        /// <summary>Recomputes the gains from the settings and sample period; keeps the state.</summary>
        public void Configure(OrientationSettings settings, double sampleS)
        {
            _normDipLp.Configure(settings.MagCurrentTauS, sampleS);
            _normTh = settings.MagNormThreshold;
            _dipThRad = settings.MagDipThresholdDeg * Angles.DegToRad;
            _kRef = settings.MagRefTauS > 0 ? 1.0 - Math.Exp(-sampleS / settings.MagRefTauS) : 1.0;
            _newTimeS = settings.MagNewTimeS;
            _newFirstTimeS = settings.MagNewFirstTimeS;
            _newMinGyrRadPerS = settings.MagNewMinGyrDegPerS * Angles.DegToRad;
            _minUndisturbedTimeS = settings.MagMinUndisturbedTimeS;
        }

        /// <summary>Forgets the reference and the past.</summary>
        public void Reset()
        {
            _normDipLp.Reset();
            IsDisturbed = true;
            ReferenceNorm = 0.0;
            ReferenceDipRad = 0.0;
            CurrentNorm = 0.0;
            CurrentDipRad = 0.0;
            _candidateNorm = -1.0;
            _candidateDip = 0.0;
            _candidateTimeS = 0.0;
            _undisturbedTimeS = 0.0;
        }

        /// <summary>
        /// One step with the field in the gravity-aligned (6D earth) frame and the magnitude of the low-passed
        /// rotation rate (rad/s), dtS after the previous sample.
        /// </summary>
        public void Update(Vector3F magEarth, double rotationRateRadPerS, double dtS)
        {
            double norm = magEarth.Length();
            if (norm <= 0.0) return;
            double s = -magEarth.Z / norm;
            if (s > 1.0) s = 1.0;
            if (s < -1.0) s = -1.0;
            _nd[0] = norm;
            _nd[1] = Math.Asin(s);
            _normDipLp.Step(_nd);
            CurrentNorm = _nd[0];
            CurrentDipRad = _nd[1];

            if (Math.Abs(CurrentNorm - ReferenceNorm) < _normTh * ReferenceNorm
                && Math.Abs(CurrentDipRad - ReferenceDipRad) < _dipThRad)
            {
                _undisturbedTimeS += dtS;
                if (_undisturbedTimeS >= _minUndisturbedTimeS)
                {
                    IsDisturbed = false;
                    ReferenceNorm += _kRef * (CurrentNorm - ReferenceNorm);
                    ReferenceDipRad += _kRef * (CurrentDipRad - ReferenceDipRad);
                }
            }
            else
            {
                _undisturbedTimeS = 0.0;
                IsDisturbed = true;
            }

            // acceptance of a new homogeneous field
            if (Math.Abs(CurrentNorm - _candidateNorm) < _normTh * _candidateNorm
                && Math.Abs(CurrentDipRad - _candidateDip) < _dipThRad)
            {
                if (rotationRateRadPerS >= _newMinGyrRadPerS) _candidateTimeS += dtS;
                _candidateNorm += _kRef * (CurrentNorm - _candidateNorm);
                _candidateDip += _kRef * (CurrentDipRad - _candidateDip);
                if (IsDisturbed && (_candidateTimeS >= _newTimeS || (ReferenceNorm == 0.0 && _candidateTimeS >= _newFirstTimeS)))
                {
                    ReferenceNorm = _candidateNorm;
                    ReferenceDipRad = _candidateDip;
                    IsDisturbed = false;
                    _undisturbedTimeS = _minUndisturbedTimeS;
                }
            }
            else
            {
                _candidateTimeS = 0.0;
                _candidateNorm = CurrentNorm;
                _candidateDip = CurrentDipRad;
            }
        }
    }
}
