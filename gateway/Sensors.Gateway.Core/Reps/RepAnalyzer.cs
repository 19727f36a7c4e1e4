using System;
using System.Collections.Generic;

namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// Batch repetition analysis of a whole session (re-analysis, evaluation): the same algorithm as the streaming
/// <see cref="RepDetector"/>, with the filtering, velocity, stillness and per-rep metrics done with SIMD
/// (System.Numerics.Tensors / Vector&lt;T&gt;). Gives exactly the reps of the streaming detector on the same samples.
/// </summary>
public sealed class RepAnalyzer
{
    private readonly RepCoreParameters _p;

    public RepAnalyzer(RepDetectorSettings settings) => _p = new RepCoreParameters(settings);

    public RepDetectorSettings Settings => _p.Settings;

    /// <summary>Reps in a whole primary-angle stream (rad), all samples valid; sample k is at startTimeS + k / rate.</summary>
    public IReadOnlyList<Rep> ApplyTo(ReadOnlySpan<float> primaryRad, double startTimeS = 0)
    {
        var reps = new List<Rep>();
        ApplyTo(primaryRad, default, default, reps, startTimeS);
        return reps;
    }

    /// <summary>Reps with an optional secondary angle (empty = none) and validity flags (empty = all valid).</summary>
    public IReadOnlyList<Rep> ApplyTo(ReadOnlySpan<float> primaryRad, ReadOnlySpan<float> secondaryRad, ReadOnlySpan<bool> isValid, double startTimeS = 0)
    {
        var reps = new List<Rep>();
        ApplyTo(primaryRad, secondaryRad, isValid, reps, startTimeS);
        return reps;
    }

    /// <summary>Appends the reps to <paramref name="output"/> (no other allocation when the work buffers suffice).</summary>
    public void ApplyTo(ReadOnlySpan<float> primaryRad, ReadOnlySpan<float> secondaryRad, ReadOnlySpan<bool> isValid, List<Rep> output, double startTimeS = 0) =>
        ScalarRepAnalyzer.ApplyTo(_p.Settings, primaryRad, secondaryRad, isValid, output, startTimeS);
}
