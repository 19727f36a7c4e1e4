namespace Sensors.Band.Joint
{
    /// <summary>
    /// Finds the turning points of a joint angle with hysteresis: an extension end (local minimum) is reported once
    /// the angle has risen by the hysteresis above it, a flexion end (local maximum) once it has fallen by it.
    /// Used to hold the gyro-only angle (vertical hinge axis) on its bounded range.
    /// </summary>
    public sealed class ExtensionEndTracker
    {
        private double _hysteresisRad;
        private double _runMin;
        private double _runMax;
        private double _runMinTimeS;
        private bool _rising;
        private bool _started;

        /// <summary>Creates the tracker for a hysteresis in rad.</summary>
        public ExtensionEndTracker(double hysteresisRad)
        {
            _hysteresisRad = hysteresisRad;
        }

        /// <summary>Last extension end (local minimum), rad.</summary>
        public double LastMinRad { get; private set; }

        /// <summary>Time of the last extension end, s.</summary>
        public double LastMinTimeS { get; private set; }

        /// <summary>Extension ends found so far.</summary>
        public int MinCount { get; private set; }

        /// <summary>Sets the hysteresis, rad.</summary>
        public void Configure(double hysteresisRad)
        {
            _hysteresisRad = hysteresisRad;
        }

        /// <summary>Forgets the past.</summary>
        public void Reset()
        {
            _started = false;
            MinCount = 0;
        }

        /// <summary>Shifts the stored extremes (the angle was corrected by deltaRad).</summary>
        public void Shift(double deltaRad)
        {
            _runMin += deltaRad;
            _runMax += deltaRad;
        }

        /// <summary>Feeds one angle at time tS; true when a new extension end was confirmed.</summary>
        public bool Update(double angleRad, double tS)
        {
            if (!_started)
            {
                _started = true;
                _runMin = _runMax = angleRad;
                _runMinTimeS = tS;
                _rising = false;
                return false;
            }
            if (_rising)
            {
                if (angleRad > _runMax) _runMax = angleRad;
                else if (angleRad < _runMax - _hysteresisRad)
                {
                    _rising = false;
                    _runMin = angleRad;
                    _runMinTimeS = tS;
                }
                return false;
            }
            if (angleRad < _runMin)
            {
                _runMin = angleRad;
                _runMinTimeS = tS;
                return false;
            }
            if (angleRad > _runMin + _hysteresisRad)
            {
                _rising = true;
                _runMax = angleRad;
                LastMinRad = _runMin;
                LastMinTimeS = _runMinTimeS;
                MinCount++;
                return true;
            }
            return false;
        }
    }
}
