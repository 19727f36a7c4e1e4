namespace Sensors.Band.Protocol
{
    /// <summary>Rounding of SI values to the int16 fixed-point fields of the frames (saturating, NaN → 0).</summary>
    public static class FixedPoint
    {
        /// <summary>Unit of angle fields: 1e-4 rad (±3.2767 rad = ±187.7°, resolution 0.0057°).</summary>
        public const double AngleUnitRad = 1e-4;

        /// <summary>Unit of angular-rate fields: 1e-3 rad/s (±32.767 rad/s = ±1877 °/s, resolution 0.057 °/s).</summary>
        public const double RateUnitRadPerS = 1e-3;

        /// <summary>Unit of the temperature field: 0.01 °C.</summary>
        public const double TemperatureUnitC = 0.01;

        /// <summary><paramref name="value"/> / <paramref name="unit"/> rounded half away from zero, clamped to int16; NaN gives 0.</summary>
        public static short ToInt16(float value, double unit)
        {
            if (float.IsNaN(value))
            {
                return 0;
            }

            double scaled = value / unit;
            if (scaled >= 32767.0)
            {
                return 32767;
            }

            if (scaled <= -32768.0)
            {
                return -32768;
            }

            return (short)(scaled >= 0 ? scaled + 0.5 : scaled - 0.5);
        }

        /// <summary>The SI value of a fixed-point field.</summary>
        public static float FromInt16(short raw, double unit)
        {
            return (float)(raw * unit);
        }
    }
}
