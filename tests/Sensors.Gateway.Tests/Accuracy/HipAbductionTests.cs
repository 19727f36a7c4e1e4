using System;
using System.Linq;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Accuracy;
using Xunit;

namespace Sensors.Gateway.Tests.Accuracy;

/// <summary>
/// Supine hip abduction: the leg slides on the bed about the earth's vertical, so the thigh band's angle is gyro only
/// (<see cref="Sensors.Band.Joint.HipAngleEstimator.VerticalAxis"/>). Truth: the simulator's hip angle.
/// </summary>
public class HipAbductionTests
{
    [Fact]
    public void The_thigh_angle_follows_the_simulated_abduction_over_the_first_reps()
    {
        Exercise exercise = ExerciseCatalogue.Default.Get("hip_abduction");
        foreach ((int seed, var archetype) in RepAccuracyStudy.AssertingSeeds.Take(3))
        {
            SimulatedCitizen citizen = SimulatedCitizen.Create(seed, archetype);
            var s = SimulatedExerciseSession.Run(citizen, exercise, ExerciseLevel.Easy, RepAccuracyStudy.SessionSeed(seed, exercise, ExerciseLevel.Easy));
            double maxErrDeg = 0, maxTruthDeg = 0;
            for (int i = 0; i < s.TimeS.Length && s.TimeS[i] < 30; i++)
            {
                if (double.IsNaN(s.AngleRad[i])) continue;
                maxErrDeg = Math.Max(maxErrDeg, Math.Abs(s.AngleRad[i] - s.TrueAngleRad[i]) * 180 / Math.PI);
                maxTruthDeg = Math.Max(maxTruthDeg, s.TrueAngleRad[i] * 180 / Math.PI);
            }
            Assert.True(maxTruthDeg > 5, $"citizen {seed}: no abduction in the first 30 s ({maxTruthDeg:F1}°)");
            Assert.True(maxErrDeg < 3.0, $"citizen {seed}: angle error up to {maxErrDeg:F2}° in the first 30 s");
        }
    }

    [Fact]
    public void Hip_abduction_sets_of_three_citizens_are_counted_within_one()
    {
        var results = RepAccuracyStudy.Run(RepAccuracyStudy.AssertingSeeds.Take(3), ["hip_abduction"]);
        var sets = results.SelectMany(r => r.Sets).ToList();
        Assert.Equal(21, sets.Count);
        Assert.All(sets, s => Assert.True(s.WithinOne, s.ToString()));
        Assert.True(sets.Count(s => s.Exact) >= 0.9 * sets.Count, string.Join("\n", sets.Where(s => !s.Exact)));
        Assert.Equal(0, results.Sum(r => r.FalseRepsInPausesOrFidgets));
    }
}
