using System;
using System.Collections.Generic;

namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// Scalar reference of the batch path: the same algorithm as <see cref="RepAnalyzer"/> written as plain loops, one sample
/// at a time. Used as the test oracle and as the baseline of the SIMD benchmark; not for production use.
/// </summary>
public static class ScalarRepAnalyzer
{
    /// <summary>Reps in a whole primary-angle stream (rad), all samples valid.</summary>
    public static IReadOnlyList<Rep> ApplyTo(RepDetectorSettings settings, ReadOnlySpan<float> primaryRad, double startTimeS = 0)
    {
        var reps = new List<Rep>();
        ApplyTo(settings, primaryRad, default, default, reps, startTimeS);
        return reps;
    }

    /// <summary>
    /// Reps in a whole stream: primary angle (rad), optional secondary angle (empty = none), optional validity flags
    /// (empty = all valid). Appends to <paramref name="output"/>.
    /// </summary>
    public static void ApplyTo(RepDetectorSettings settings, ReadOnlySpan<float> primaryRad, ReadOnlySpan<float> secondaryRad, ReadOnlySpan<bool> isValid, List<Rep> output, double startTimeS = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        var p = new RepCoreParameters(settings);
        RepInput.Validate(primaryRad, secondaryRad, isValid, p.Rate, startTimeS);
        int n = primaryRad.Length;
        bool hasSecondary = secondaryRad.Length != 0;
        var y = new float[n];
        var ys = hasSecondary ? new float[n] : [];
        var speed = new float[n];
        var valid = new bool[n];
        for (int j = 0; j < n; j++) valid[j] = isValid.Length == 0 || isValid[j];

        // 1. Low-pass each run of valid samples (restart after a gap, first sample replicated), velocity, |velocity|.
        float[] w = p.Kernel;
        int segmentStart = -1;
        float yPrev1 = 0, yPrev2 = 0, yHeld = 0, ysHeld = 0;
        for (int j = 0; j < n; j++)
        {
            if (!valid[j])
            {
                segmentStart = -1;
                y[j] = yHeld;
                if (hasSecondary) ys[j] = ysHeld;
                speed[j] = 0;
                continue;
            }
            if (segmentStart < 0) segmentStart = j;
            y[j] = yHeld = Fir(primaryRad, w, j, segmentStart);
            if (hasSecondary) ys[j] = ysHeld = Fir(secondaryRad, w, j, segmentStart);
            if (j == segmentStart) { yPrev1 = y[j]; yPrev2 = y[j]; }
            float v = (y[j] - yPrev2) * p.VelocityScale;
            yPrev2 = yPrev1;
            yPrev1 = y[j];
            speed[j] = MathF.Abs(v);
        }

        // 2. State machine over the valid samples; 3. metrics over each rep's span.
        RepMachine machine = RepMachine.Create();
        int run = 0;
        int index = 0;
        for (int j = 0; j < n; j++)
        {
            if (!valid[j]) { run = 0; continue; }
            bool still = speed[j] < p.StillRate;
            run = still ? run + 1 : 0;
            StepResult step = machine.Step(p, j, p.Sign * y[j], run);
            if ((step & StepResult.Ended) == 0) continue;
            RepSpanMetrics m = Measure(p, machine.EndStart, machine.EndAt, machine.EndBase, y, ys, speed, valid, hasSecondary);
            if (m.TryBuild(p, index, startTimeS, out Rep rep)) { output.Add(rep); index++; }
        }
    }

    private static float Fir(ReadOnlySpan<float> x, float[] w, int j, int segmentStart)
    {
        float acc = w[0] * x[j];
        for (int k = 1; k < w.Length; k++) acc = MathF.FusedMultiplyAdd(x[Math.Max(j - k, segmentStart)], w[k], acc);
        return acc;
    }

    internal static RepSpanMetrics Measure(RepCoreParameters p, long start, long end, float repBase, ReadOnlySpan<float> y, ReadOnlySpan<float> ys, ReadOnlySpan<float> speed, ReadOnlySpan<bool> valid, bool hasSecondary)
    {
        var m = new RepSpanMetrics
        {
            Start = start, End = end, Base = repBase, PeakIndex = -1,
            PeakU = float.NegativeInfinity, MaxAngle = float.NegativeInfinity, MinAngle = float.PositiveInfinity,
            SecondaryMax = float.NegativeInfinity, SecondaryMin = float.PositiveInfinity, HasSecondary = hasSecondary,
        };
        for (int j = (int)start; j <= (int)end; j++)
        {
            if (j > start)
            {
                float s1 = speed[j - 1], s2 = j >= 2 ? speed[j - 2] : 0f;
                if (s1 >= p.StillRate && s1 > s2 && s1 >= speed[j]) m.VelocityPeaks++;
            }
            if (valid.Length != 0 && !valid[j]) { m.Gap = true; continue; }
            float u = p.Sign * y[j];
            if (u > m.PeakU) { m.PeakU = u; m.PeakIndex = j; }
            if (y[j] > m.MaxAngle) m.MaxAngle = y[j];
            if (y[j] < m.MinAngle) m.MinAngle = y[j];
            if (speed[j] > m.MaxSpeed) m.MaxSpeed = speed[j];
            if (speed[j] < p.StillRate && u - repBase >= p.EnterLevel) m.HoldSamples++;
            if (hasSecondary)
            {
                if (ys[j] > m.SecondaryMax) m.SecondaryMax = ys[j];
                if (ys[j] < m.SecondaryMin) m.SecondaryMin = ys[j];
            }
        }
        return m;
    }
}
