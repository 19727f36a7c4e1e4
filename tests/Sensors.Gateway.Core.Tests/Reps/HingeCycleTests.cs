using System;
using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Evaluation;
using Sensors.Recording;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Core.Tests.Reps;

/// <summary>
/// Real motorised-hinge recordings (datasets README §2): the detector in Cycle mode on the ENCODER angle counts the same
/// back-and-forth cycles as the independent hysteresis counter of the evaluation (HingeCycleCounter) and as a plain
/// mid-level crossing count; streaming and batch agree on the real data too.
/// </summary>
public class HingeCycleTests
{
    [Theory]
    [InlineData("hinge/roll_slow.csv.gz")]
    [InlineData("hinge/roll_fast.csv.gz")]
    [InlineData("hinge/pitch_slow.csv.gz")]
    [InlineData("hinge/yaw_medium.csv.gz")]
    public void Encoder_cycles_equal_independent_counts(string dataset)
    {
        string path = TestPaths.RequireDataset(dataset);
        double[] encoderDeg = RecordingTable.Load(path).GetColumn("encoder_deg");
        var rad = new float[encoderDeg.Length];
        double min = double.MaxValue, max = double.MinValue;
        for (int k = 0; k < rad.Length; k++)
        {
            rad[k] = (float)(encoderDeg[k] * Math.PI / 180);
            min = Math.Min(min, encoderDeg[k]);
            max = Math.Max(max, encoderDeg[k]);
        }
        // The swing range is read off the data (the motor program is not known to the detector).
        RepDetectorSettings settings = RepDetectorSettings.ForCycles((max - min) * Math.PI / 180, 100);
        IReadOnlyList<Rep> reps = new RepAnalyzer(settings).ApplyTo(rad);

        int reference = HingeCycleCounter.Count(encoderDeg);
        int crossings = MidLevelCycles(encoderDeg, min, max);
        Assert.True(reference > 100, $"{dataset}: only {reference} reference cycles");
        Assert.Equal(reference, reps.Count);
        Assert.Equal(crossings, reps.Count);
        foreach (Rep r in reps) Assert.True(r.ExcursionRad > 0.3 * (max - min) * Math.PI / 180);

        StreamingBatchIdentityTests.AssertSame(reps, StreamingBatchIdentityTests.Stream(settings, rad), dataset + " streaming");
        var scalar = new List<Rep>();
        ScalarRepAnalyzer.ApplyTo(settings, rad, default, default, scalar);
        StreamingBatchIdentityTests.AssertSame(reps, scalar, dataset + " scalar");
    }

    /// <summary>Cycles as full swings: below the 35 % level, above the 65 % level, back below the 35 % level (independent of the detector).</summary>
    private static int MidLevelCycles(double[] deg, double min, double max)
    {
        double low = min + 0.35 * (max - min), high = min + 0.65 * (max - min);
        int cycles = 0;
        int state = 0; // 0 = waiting to be low, 1 = low, 2 = risen above high
        foreach (double v in deg)
        {
            if (state == 0 && v < low) state = 1;
            else if (state == 1 && v > high) state = 2;
            else if (state == 2 && v < low) { cycles++; state = 1; }
        }
        return cycles;
    }
}
