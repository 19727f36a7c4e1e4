using System;
using System.Globalization;

namespace Sensors.Recording;

/// <summary>
/// Writes a finite double so that it reads back to the identical double. Values with at most 9 decimals whose
/// scaled integer is exact (|v·10^k| &lt; 2^53 and (v·10^k)/10^k == v, so any correctly rounding parser gets v back)
/// are written as that plain decimal without trailing zeros; everything else uses .NET's shortest round-trip
/// form ("R", which may use an exponent, e.g. <c>1E-07</c>).
/// </summary>
public static class NumberFormatter
{
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    /// <summary>Formats <paramref name="value"/> (finite) into <paramref name="destination"/> (at least 32 chars).</summary>
    public static int Format(double value, Span<char> destination)
    {
        for (int k = 0; k < PowersOfTen.Length; k++)
        {
            double scaled = value * PowersOfTen[k];
            if (Math.Abs(scaled) >= 9007199254740992.0) break;
            if (scaled != Math.Floor(scaled) || scaled / PowersOfTen[k] != value) continue;
            if (scaled == 0 && double.IsNegative(value)) break; // -0: let "R" write "-0"
            long integer = (long)scaled;
            int decimals = k;
            while (decimals > 0 && integer % 10 == 0)
            {
                integer /= 10; // same decimal value, fewer digits
                decimals--;
            }

            return WriteScaled(integer, decimals, destination);
        }

        value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static int WriteScaled(long scaled, int decimals, Span<char> destination)
    {
        int pos = 0;
        ulong magnitude;
        if (scaled < 0)
        {
            destination[pos++] = '-';
            magnitude = (ulong)(-scaled);
        }
        else
        {
            magnitude = (ulong)scaled;
        }

        Span<char> digits = stackalloc char[20];
        int n = 0;
        do
        {
            digits[n++] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);

        if (decimals == 0)
        {
            for (int i = n - 1; i >= 0; i--) destination[pos++] = digits[i];
            return pos;
        }

        // integer part (at least "0"), then the decimals with leading zeros
        int integerDigits = n - decimals;
        if (integerDigits <= 0)
        {
            destination[pos++] = '0';
        }
        else
        {
            for (int i = n - 1; i >= decimals; i--) destination[pos++] = digits[i];
        }

        destination[pos++] = '.';
        for (int i = decimals - 1; i >= 0; i--) destination[pos++] = i < n ? digits[i] : '0';
        return pos;
    }
}
