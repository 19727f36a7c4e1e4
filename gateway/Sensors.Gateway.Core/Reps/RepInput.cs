using System;

namespace Sensors.Gateway.Core.Reps;

/// <summary>Checks a batch input before any work: lengths agree, every valid sample is a finite angle in radians.</summary>
internal static class RepInput
{
    public static void Validate(ReadOnlySpan<float> primary, ReadOnlySpan<float> secondary, ReadOnlySpan<bool> isValid, double rate, double startTimeS)
    {
        if (secondary.Length != 0 && secondary.Length != primary.Length)
            throw new ArgumentException($"Secondary angle has {secondary.Length} samples, primary {primary.Length}: they must be equal (or secondary empty).", nameof(secondary));
        if (isValid.Length != 0 && isValid.Length != primary.Length)
            throw new ArgumentException($"Validity flags have {isValid.Length} samples, primary {primary.Length}: they must be equal (or empty = all valid).", nameof(isValid));
        if (!double.IsFinite(startTimeS)) throw new ArgumentOutOfRangeException(nameof(startTimeS), startTimeS, "Start time must be finite.");
        for (int j = 0; j < primary.Length; j++)
        {
            if (isValid.Length != 0 && !isValid[j]) continue;
            float x = primary[j];
            if (!float.IsFinite(x) || MathF.Abs(x) > RepCoreParameters.MaxAbsAngleRad)
                throw new ArgumentException($"Primary angle at sample {j} (t = {startTimeS + j / rate:F3} s) is {x} rad: not a finite angle within ±2π rad (degrees passed as radians?). Mark gap samples invalid instead.", nameof(primary));
            if (secondary.Length != 0)
            {
                float s = secondary[j];
                if (!float.IsFinite(s) || MathF.Abs(s) > RepCoreParameters.MaxAbsAngleRad)
                    throw new ArgumentException($"Secondary angle at sample {j} (t = {startTimeS + j / rate:F3} s) is {s} rad: not a finite angle within ±2π rad.", nameof(secondary));
            }
        }
    }
}
