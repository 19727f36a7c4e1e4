using System;
using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;
using Sensors.Hardware.Exercises;
using Xunit;

namespace Sensors.Gateway.Core.Tests.Reps;

/// <summary>The streaming detector, the SIMD batch analyzer and the scalar reference give the same reps.</summary>
public class StreamingBatchIdentityTests
{
    internal static List<Rep> Stream(RepDetectorSettings settings, float[] primary, float[]? secondary = null, bool[]? valid = null, double startTimeS = 0)
    {
        var detector = new RepDetector(settings, startTimeS);
        var reps = new List<Rep>();
        for (int k = 0; k < primary.Length; k++)
        {
            bool ok = valid is null || valid[k];
            RepEvents e = secondary is null ? detector.Process(primary[k], ok) : detector.Process(primary[k], secondary[k], ok);
            if ((e & RepEvents.RepEnded) != 0)
            {
                Assert.True(detector.TryGetLastRep(out Rep rep));
                reps.Add(rep);
            }
        }
        return reps;
    }

    internal static void AssertSame(IReadOnlyList<Rep> expected, IReadOnlyList<Rep> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {expected.Count} vs {actual.Count} reps");
        for (int i = 0; i < expected.Count; i++)
        {
            Rep a = expected[i], b = actual[i];
            Assert.True(a.StartS == b.StartS && a.EndS == b.EndS && a.PeakS == b.PeakS, $"{what} rep {i}: times {a} vs {b}");
            Assert.True(a.Complete == b.Complete && a.Findings == b.Findings && a.VelocityPeaks == b.VelocityPeaks, $"{what} rep {i}: {a} vs {b}");
            const double tol = 1e-6;
            Assert.True(Math.Abs(a.PeakFlexionRad - b.PeakFlexionRad) < tol && Math.Abs(a.MinFlexionRad - b.MinFlexionRad) < tol
                && Math.Abs(a.ExcursionRad - b.ExcursionRad) < tol && Math.Abs(a.PeakRateRadPerS - b.PeakRateRadPerS) < tol
                && Math.Abs(a.HoldS - b.HoldS) < tol && Math.Abs(a.CompensationRad - b.CompensationRad) < tol
                && Math.Abs(a.BaselineRad - b.BaselineRad) < tol, $"{what} rep {i}: {a} vs {b}");
        }
    }

    public static TheoryData<string, ExerciseLevel, int> Sessions()
    {
        var data = new TheoryData<string, ExerciseLevel, int>();
        int seed = 100;
        foreach (ExerciseDefinition e in ExerciseCatalogue.All)
            foreach (ExerciseLevel level in Enum.GetValues<ExerciseLevel>())
                data.Add(e.Id, level, seed++);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Simulated_session_streaming_batch_and_scalar_reference_agree(string exerciseId, ExerciseLevel level, int seed)
    {
        var s = new SimulatedExercise(seed, exerciseId, level);
        // Gaps: a few random runs of invalid samples (values garbage), so the restart path is exercised too.
        var random = new Random(seed);
        bool[] valid = new bool[s.Primary.Length];
        Array.Fill(valid, true);
        float[] primary = (float[])s.Primary.Clone();
        for (int g = 0; g < 4; g++)
        {
            int at = random.Next(primary.Length - 100), len = random.Next(1, 60);
            for (int k = at; k < at + len; k++) { valid[k] = false; primary[k] = float.NaN; }
        }
        List<Rep> streamed = Stream(s.Settings, primary, s.Secondary, valid, 12.5);
        IReadOnlyList<Rep> batch = new RepAnalyzer(s.Settings).ApplyTo(primary, s.Secondary, valid, 12.5);
        var scalar = new List<Rep>();
        ScalarRepAnalyzer.ApplyTo(s.Settings, primary, s.Secondary, valid, scalar, 12.5);
        Assert.NotEmpty(scalar);
        AssertSame(scalar, batch, $"{s} batch");
        AssertSame(scalar, streamed, $"{s} streaming");
    }
}
