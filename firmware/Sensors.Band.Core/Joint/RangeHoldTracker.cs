namespace Sensors.Band.Joint
{
    /// <summary>
    /// Bookkeeping of a range hold (a gyro-only angle about a vertical axis, held on the documented assumption that every rep
    /// returns to the same start pose): finds each return (a local minimum with hysteresis, <see cref="ExtensionEndTracker"/>),
    /// takes the first one as the reference and reports each later one as an offset from it with the time since the last.
    /// What to do with the offset (shift the angle, learn a bias) is the estimator's: the knee's
    /// <see cref="JointAngleEstimator"/> and the hip's <see cref="HipAngleEstimator"/> use it alike.
    /// </summary>
    public sealed class RangeHoldTracker
    {
        private readonly ExtensionEndTracker _ends;
        private bool _refSet;
        private double _refRad;
        private double _lastReturnS;

        /// <summary>Creates the hold for a return hysteresis in rad.</summary>
        public RangeHoldTracker(double hysteresisRad)
        {
            _ends = new ExtensionEndTracker(hysteresisRad);
        }

        /// <summary>Sets the hysteresis, rad.</summary>
        public void Configure(double hysteresisRad) => _ends.Configure(hysteresisRad);

        /// <summary>Forgets the returns and the reference.</summary>
        public void Reset()
        {
            _ends.Reset();
            _refSet = false;
        }

        /// <summary>The whole angle moved (a zero correction): the turning points and the reference move with it.</summary>
        public void ShiftAll(double deltaRad)
        {
            _ends.Shift(deltaRad);
            _refRad += deltaRad;
        }

        /// <summary>The hold's own correction moved the angle: the turning points move, the reference stays.</summary>
        public void ShiftTurningPoints(double deltaRad) => _ends.Shift(deltaRad);

        /// <summary>
        /// Feeds one angle; true when a return after the first was confirmed, with its offset from the first return and the
        /// time since the previous return.
        /// </summary>
        public bool TryNextReturn(double angleRad, double tS, out double offsetRad, out double sinceLastS)
        {
            offsetRad = 0.0;
            sinceLastS = 0.0;
            if (!_ends.Update(angleRad, tS)) return false;
            double end = _ends.LastMinRad;
            if (!_refSet)
            {
                _refSet = true;
                _refRad = end;
                _lastReturnS = _ends.LastMinTimeS;
                return false;
            }
            offsetRad = end - _refRad;
            sinceLastS = _ends.LastMinTimeS - _lastReturnS;
            _lastReturnS = _ends.LastMinTimeS;
            return true;
        }
    }
}
