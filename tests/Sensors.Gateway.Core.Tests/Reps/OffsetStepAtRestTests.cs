using System;
using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;
using Xunit;

namespace Sensors.Gateway.Core.Tests.Reps;

/// <summary>
/// Issue #4: the band's angle steps by a few degrees during the still rest between two sets (band slip / re-settling);
/// the second set, of the same movement size from the new pose, must still be counted (streaming = batch = scalar).
/// </summary>
public class OffsetStepAtRestTests
{
    private const double Deg = Math.PI / 180;
    private const double Rate = 100;

    /// <summary>Mini-squat-like session: set, still rest with an offset step, set. Returns the stream and the true rep spans (s).</summary>
    private static (float[] Angle, List<(double Start, double End)> Truth) Session(double stepDeg, double holdS, int seed)
    {
        const double startDeg = 3.5, rangeDeg = 17, upS = 1.5, downS = 1.5, pauseS = 1.5;
        var random = new Random(seed);
        var angle = new List<float>();
        var truth = new List<(double, double)>();
        double offset = 0;
        void Still(double s, double fromOffset, double toOffset, double stepAtS)
        {
            int n = (int)(s * Rate);
            for (int k = 0; k < n; k++)
            {
                double t = k / Rate;
                // The step: a 0.3 s smooth transition at stepAtS.
                double a = Math.Clamp((t - stepAtS) / 0.3, 0, 1);
                double o = fromOffset + (toOffset - fromOffset) * 0.5 * (1 - Math.Cos(Math.PI * a));
                angle.Add((float)((startDeg + o + Noise()) * Deg));
            }
        }
        double Noise() => 0.15 * (random.NextDouble() * 2 - 1);
        void Rep()
        {
            double t0 = angle.Count / Rate;
            int nUp = (int)(upS * Rate), nHold = (int)(holdS * Rate), nDown = (int)(downS * Rate);
            for (int k = 0; k < nUp; k++) angle.Add((float)((startDeg + offset + rangeDeg * 0.5 * (1 - Math.Cos(Math.PI * k / nUp)) + Noise()) * Deg));
            for (int k = 0; k < nHold; k++) angle.Add((float)((startDeg + offset + rangeDeg + Noise()) * Deg));
            for (int k = 0; k < nDown; k++) angle.Add((float)((startDeg + offset + rangeDeg * 0.5 * (1 + Math.Cos(Math.PI * k / nDown)) + Noise()) * Deg));
            truth.Add((t0, angle.Count / Rate));
        }
        Still(3, 0, 0, 99);
        for (int r = 0; r < 6; r++) { Rep(); Still(pauseS, offset, offset, 99); }
        Still(15, 0, stepDeg, 5); // rest between sets; the step comes 5 s in, 10 s (< BaselineRelearnS) before set 2
        offset = stepDeg;
        for (int r = 0; r < 6; r++) { Rep(); Still(pauseS, offset, offset, 99); }
        Still(3, offset, offset, 99);
        return (angle.ToArray(), truth);
    }

    [Theory]
    [InlineData(3.0, 0.0, 1)]
    [InlineData(6.0, 0.0, 2)]
    [InlineData(-3.0, 0.0, 3)]
    [InlineData(6.0, 3.0, 4)]   // with a 3 s hold at the target: the hold is never taken as a new start pose
    public void Offset_step_during_rest_keeps_counting(double stepDeg, double holdS, int seed)
    {
        (float[] angle, List<(double Start, double End)> truth) = Session(stepDeg, holdS, seed);
        RepDetectorSettings settings = RepDetectorSettings.FromTargets(3.5 * Deg, 20.5 * Deg, holdS, 1.5, Rate);
        var scalar = new List<Rep>();
        ScalarRepAnalyzer.ApplyTo(settings, angle, null, null, scalar, 0);
        IReadOnlyList<Rep> batch = new RepAnalyzer(settings).ApplyTo(angle, null, null, 0);
        List<Rep> streamed = StreamingBatchIdentityTests.Stream(settings, angle);
        StreamingBatchIdentityTests.AssertSame(scalar, batch, $"step {stepDeg}° batch");
        StreamingBatchIdentityTests.AssertSame(scalar, streamed, $"step {stepDeg}° streaming");

        Assert.True(truth.Count == scalar.Count, $"step {stepDeg}°: {scalar.Count} reps found, {truth.Count} true: {string.Join("; ", scalar)}");
        for (int i = 0; i < truth.Count; i++)
        {
            Rep rep = scalar[i];
            Assert.True(rep.StartS >= truth[i].Start - 1 && rep.EndS <= truth[i].End + 1 && rep.PeakS > truth[i].Start && rep.PeakS < truth[i].End,
                $"step {stepDeg}° rep {i}: {rep} vs true {truth[i].Start:F2}–{truth[i].End:F2} s");
            Assert.True(rep.Complete, $"step {stepDeg}° rep {i} (same full movement) should be complete: {rep}");
            if (holdS > 0) Assert.True(rep.HoldS >= 0.8 * holdS, $"step {stepDeg}° rep {i}: hold {rep.HoldS:F2} s of {holdS} s");
        }
    }
}
