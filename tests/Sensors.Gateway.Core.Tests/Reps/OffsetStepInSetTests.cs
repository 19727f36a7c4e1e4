using System;
using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;
using Xunit;

namespace Sensors.Gateway.Core.Tests.Reps;

/// <summary>
/// Issue #4: the band slips DURING a set (between two reps, or during a rep's hold), so the angle of the start pose steps
/// towards the target by 40–120 % of the excursion: the detector sees a "rep" that never returns. The pose settled after
/// the step followed by a rep from it becomes the start pose (plateau restart); a rep the step cut short is still counted
/// once; streaming = SIMD batch = scalar.
/// </summary>
public class OffsetStepInSetTests
{
    private const double Deg = Math.PI / 180;
    private const double Rate = 100;

    /// <summary>
    /// Quad-set-like extending holds (start 8°, target 3°) or flexing moves: 8 reps with a 2 s gap; the band steps by
    /// <paramref name="stepDeg"/> (in the rep's direction) during the gap before rep <paramref name="stepBefore"/>, or during
    /// the hold of that rep when <paramref name="duringHold"/>. Returns the stream and the true rep spans (s).
    /// </summary>
    private static (float[] Angle, List<(double Start, double End)> Truth) Session(bool extending, double rangeDeg, double holdS, double stepDeg, int stepBefore, bool duringHold, int seed)
    {
        double startDeg = extending ? 8 : 20, dir = extending ? -1 : 1;
        var random = new Random(seed);
        var angle = new List<float>();
        var truth = new List<(double, double)>();
        double offset = 0;
        double currentBase = startDeg;
        double Noise() => 0.05 * (random.NextDouble() * 2 - 1);
        void Add(double a) => angle.Add((float)((a + offset + Noise()) * Deg));
        void Step()
        {
            double from = offset;
            for (int k = 0; k < 30; k++)
            {
                offset = from + dir * stepDeg * 0.5 * (1 - Math.Cos(Math.PI * k / 30));
                Add(angle.Count == 0 ? startDeg : currentBase);
            }
            offset = from + dir * stepDeg;
        }
        for (int k = 0; k < 300; k++) Add(startDeg);
        for (int r = 0; r < 8; r++)
        {
            if (r == stepBefore && !duringHold) { for (int k = 0; k < 80; k++) Add(startDeg); Step(); }
            for (int k = 0; k < 120; k++) Add(startDeg);
            double t0 = angle.Count / Rate;
            int nUp = 100, nHold = (int)(holdS * Rate), nDown = 100;
            for (int k = 0; k < nUp; k++) Add(startDeg + dir * rangeDeg * 0.5 * (1 - Math.Cos(Math.PI * k / nUp)));
            currentBase = startDeg + dir * rangeDeg;
            if (r == stepBefore && duringHold) { for (int k = 0; k < nHold / 2; k++) Add(currentBase); Step(); for (int k = nHold / 2; k < nHold; k++) Add(currentBase); }
            else for (int k = 0; k < nHold; k++) Add(currentBase);
            for (int k = 0; k < nDown; k++) Add(startDeg + dir * rangeDeg * 0.5 * (1 + Math.Cos(Math.PI * k / nDown)));
            currentBase = startDeg;
            truth.Add((t0, angle.Count / Rate));
        }
        for (int k = 0; k < 300; k++) Add(startDeg);
        return (angle.ToArray(), truth);
    }

    [Theory]
    [InlineData(true, 5.0, 4.0, 4.0, 3, false, 1)]   // quad set, step of 80 % of the excursion between reps
    [InlineData(true, 5.0, 4.0, 2.2, 3, false, 2)]   // 44 %: above the enter level, below half
    [InlineData(true, 3.0, 4.0, 3.7, 5, true, 3)]    // during a hold (the rep is counted once)
    [InlineData(false, 9.0, 2.0, 3.5, 4, false, 4)]  // seated knee flexion at the range limit, +3.5° slip
    [InlineData(false, 9.0, 2.0, 3.5, 4, true, 5)]
    public void A_slip_during_a_set_keeps_counting(bool extending, double rangeDeg, double holdS, double stepDeg, int stepBefore, bool duringHold, int seed)
    {
        (float[] angle, List<(double Start, double End)> truth) = Session(extending, rangeDeg, holdS, stepDeg, stepBefore, duringHold, seed);
        double start = extending ? 8 : 20;
        RepDetectorSettings settings = RepDetectorSettings.FromTargets(start * Deg, (start + (extending ? -rangeDeg : rangeDeg)) * Deg, holdS, 1.0, Rate,
            isometric: extending, kneeJoint: true) with { StillRateRadPerS = 0.25 * rangeDeg * Deg / 1.0 };
        var scalar = new List<Rep>();
        ScalarRepAnalyzer.ApplyTo(settings, angle, null, null, scalar, 0);
        IReadOnlyList<Rep> batch = new RepAnalyzer(settings).ApplyTo(angle, null, null, 0);
        List<Rep> streamed = StreamingBatchIdentityTests.Stream(settings, angle);
        StreamingBatchIdentityTests.AssertSame(scalar, batch, "batch");
        StreamingBatchIdentityTests.AssertSame(scalar, streamed, "streaming");

        Assert.True(truth.Count == scalar.Count, $"{scalar.Count} reps found, {truth.Count} true: {string.Join("; ", scalar)}");
        for (int i = 0; i < truth.Count; i++)
            Assert.True(scalar[i].PeakS > truth[i].Start - 0.5 && scalar[i].PeakS < truth[i].End + 0.5, $"rep {i}: {scalar[i]} vs true {truth[i].Start:F2}–{truth[i].End:F2} s");

        // Off: the step leaves the detector in a "rep" that never ends, and the rest of the set is lost.
        var off = new List<Rep>();
        ScalarRepAnalyzer.ApplyTo(settings with { PlateauRestartFraction = 0 }, angle, null, null, off, 0);
        Assert.True(off.Count < truth.Count, $"without the plateau restart {off.Count} of {truth.Count}");
    }
}
