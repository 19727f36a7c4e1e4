using System.Linq;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Accuracy;
using Xunit;

namespace Sensors.Gateway.Tests.Accuracy;

/// <summary>
/// Rep accuracy through the real chain (simulator → MPU-6500 model → band core estimator → rep core) on the asserting
/// seeds (never used for tuning). Targets of issue #4: exact count in ≥ 98 % of sets, ±1 in 100 %, no rep in pauses or
/// fidgeting, partial reps reported incomplete. The full table is `sensors evaluate reps-table` (gateway/README.md).
/// </summary>
public class RepAccuracyTests
{
    [Fact]
    public void Straight_leg_raises_of_three_citizens_are_counted_exactly()
    {
        var results = RepAccuracyStudy.Run(RepAccuracyStudy.AssertingSeeds.Take(3), ["straight_leg_raise"]);
        var sets = results.SelectMany(r => r.Sets).ToList();
        Assert.Equal(21, sets.Count);
        Assert.All(sets, s => Assert.True(s.WithinOne, s.ToString()));
        Assert.True(sets.Count(s => s.Exact) >= 0.9 * sets.Count, string.Join("\n", sets.Where(s => !s.Exact)));
        Assert.Equal(0, results.Sum(r => r.FalseRepsInPausesOrFidgets));
    }

    [Theory]
    [InlineData("long_arc_quad")]
    [InlineData("sit_to_stand")]
    public void Seated_extending_reps_are_counted_exactly(string exerciseId)
    {
        // Long-arc quad / sit-to-stand start at ~90° and extend first (the flexion sign comes from the stored mounting, not
        // from the first excursion). Quad sets (5 of 21 sets missed here, estimator noise on 1.5–8° holds) are in the table.
        var results = RepAccuracyStudy.Run(RepAccuracyStudy.AssertingSeeds.Take(3), [exerciseId]);
        var sets = results.SelectMany(r => r.Sets).ToList();
        Assert.Equal(21, sets.Count);
        Assert.All(sets, s => Assert.True(s.Exact, s.ToString()));
        Assert.Equal(0, results.Sum(r => r.FalseRepsInPausesOrFidgets));
        Assert.All(sets, s => Assert.Equal(s.PartialReps, s.PartialReportedIncomplete));
    }

    [Fact]
    public void Every_exercise_and_level_meets_the_targets_on_the_asserting_seeds()
    {
        var results = RepAccuracyStudy.Run(RepAccuracyStudy.AssertingSeeds.Take(3));
        RepAccuracyTable table = RepAccuracyTable.Build(results);
        Assert.True(table.Total.ExactPercent >= 98, table.Format(false));
        Assert.Equal(100, table.Total.WithinOnePercent);
        Assert.Equal(0, table.Total.FalseRepsInPauses);
        Assert.Equal(table.Total.PartialReps, table.Total.PartialReportedIncomplete);
        // Per-rep range of motion (what the therapist reads) against the simulator's true extremes of the same rep:
        // within 2° on every exercise and level (measured 0.35–1.15° on 2001–2012; 4–10° before the start pose was
        // included in the rep's extremes).
        Assert.All(table.Rows, r => Assert.True(r.MeanAbsRomErrorDeg <= 2.0, $"{r.ExerciseId} {r.Level}: mean |ROM error| {r.MeanAbsRomErrorDeg:F2}°"));
    }
}
