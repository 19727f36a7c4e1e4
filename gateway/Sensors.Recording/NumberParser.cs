using System;
using System.Globalization;

namespace Sensors.Recording;

/// <summary>
/// Parses a numeric field: invariant culture, <c>.</c> decimal point, optional sign and exponent, finite values only
/// (NaN / Infinity literals are rejected: an empty field is the only "missing"). Plain decimals of up to 18 digits
/// with a value below 2^53 take an exact fast path (integer mantissa ÷ power of ten, both exact doubles, so the
/// IEEE division gives the correctly rounded value, the same double as <see cref="double.Parse(string)"/>);
/// everything else goes to <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out double)"/>.
/// </summary>
public static class NumberParser
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    ];

    /// <summary>Parses <paramref name="field"/>; false when it is not a finite number.</summary>
    public static bool TryParse(ReadOnlySpan<char> field, out double value)
    {
        if (TryParseSimpleDecimal(field, out value)) return true;
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static bool TryParseSimpleDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && s[0] == '-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        bool dot = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            uint d = (uint)(c - '0');
            if (d <= 9)
            {
                if (++digits > 18) return false;
                mantissa = (mantissa * 10) + d;
                if (dot) fractionDigits++;
            }
            else if (c == '.' && !dot)
            {
                dot = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || mantissa > (1UL << 53)) return false;
        double v = mantissa;
        if (fractionDigits > 0) v /= PowersOfTen[fractionDigits];
        value = negative ? -v : v;
        return true;
    }
}
