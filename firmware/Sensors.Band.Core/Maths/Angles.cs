using System;

namespace Sensors.Band.Maths
{
    /// <summary>Angle helpers (SI: radians inside; degrees only at the edges).</summary>
    public static class Angles
    {
        /// <summary>π/180: multiply degrees by this to get radians.</summary>
        public const double DegToRad = Math.PI / 180.0;

        /// <summary>180/π: multiply radians by this to get degrees.</summary>
        public const double RadToDeg = 180.0 / Math.PI;

        /// <summary>Wraps an angle into [−π, π].</summary>
        public static double WrapPi(double angleRad)
        {
            if (angleRad > Math.PI || angleRad < -Math.PI)
            {
                angleRad -= 2.0 * Math.PI * Math.Floor((angleRad + Math.PI) / (2.0 * Math.PI));
            }
            return angleRad;
        }

        /// <summary>Clamps v into [−limit, limit].</summary>
        public static double ClampSymmetric(double v, double limit)
        {
            if (v > limit) return limit;
            if (v < -limit) return -limit;
            return v;
        }
    }
}
