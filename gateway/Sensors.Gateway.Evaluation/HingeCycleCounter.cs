using System;

namespace Sensors.Gateway.Evaluation;

/// <summary>
/// Counts flexion/extension cycles of an angle trace with hysteresis: a cycle is a rise followed by a fall, each over
/// at least <see cref="DefaultHysteresisFraction"/> of the observed range (max − min of the trace). Applied the same way
/// to the estimate and to the encoder, so the two counts can be compared.
/// </summary>
public static class HingeCycleCounter
{
    /// <summary>Fraction of the observed range a rise and a fall must each cover. 0.3.</summary>
    public const double DefaultHysteresisFraction = 0.3;

    /// <summary>Counts the cycles in values[start … end).</summary>
    public static int Count(ReadOnlySpan<double> values, double hysteresisFraction = DefaultHysteresisFraction)
    {
        if (values.Length < 2) return 0;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        double h = hysteresisFraction * (max - min);
        if (!(h > 0.0)) return 0;

        // State: 0 = looking for a rise from the running minimum; 1 = risen, looking for the fall from the running maximum.
        int cycles = 0;
        int state = 0;
        double low = double.NaN, high = double.NaN;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(low)) { low = high = v; continue; }
            if (state == 0)
            {
                if (v < low) low = v;
                else if (v >= low + h) { state = 1; high = v; }
            }
            else
            {
                if (v > high) high = v;
                else if (v <= high - h) { cycles++; state = 0; low = v; }
            }
        }
        return cycles;
    }
}
