using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Hardware.Tests.Exercises;

public class SessionGroundTruthTests
{
    private static double Deg(double d) => d * System.Math.PI / 180;

    private static List<ProgramItem> AllExercises(ExerciseLevel level, int sets, int reps) =>
        ExerciseCatalogue.All.Select(e => new ProgramItem(e.Id, level, sets, reps)).ToList();

    [Theory]
    [InlineData(ExerciseLevel.Easy, BodySide.Right)]
    [InlineData(ExerciseLevel.Medium, BodySide.Left)]
    [InlineData(ExerciseLevel.Hard, BodySide.Right)]
    public void Knee_angle_from_the_segments_equals_the_true_knee_flexion_in_every_exercise(ExerciseLevel level, BodySide side)
    {
        // A healthy knee that hyperextends to −5°, fidgeting, trembling, with soft tissue and misaligned straps.
        CitizenProfile citizen = CitizenProfile.Draw(5, CitizenArchetype.Healthy) with
        {
            Side = side, KneeExtensionLimitRad = Deg(-5), FidgetChance = 1, PartialRepChance = 0.2,
        };
        var sim = new SessionSimulator(citizen, AllExercises(level, 2, 2), 100, 5);
        var seen = new HashSet<string>();
        double minKnee = double.MaxValue;
        foreach (SessionSample s in sim.Samples())
        {
            double fromSegments = LegModel.KneeFlexionFromSegments(s.Segments.Thigh, s.Segments.Shank);
            Assert.True(System.Math.Abs(fromSegments - s.KneeFlexionRad) < 1e-9, $"t={s.TimeS} {s.ExerciseId}: {fromSegments} vs {s.KneeFlexionRad}");
            seen.Add(s.ExerciseId);
            minKnee = System.Math.Min(minKnee, s.KneeFlexionRad);
        }
        Assert.Equal(ExerciseCatalogue.All.Count, seen.Count);
        if (level == ExerciseLevel.Hard)
            Assert.True(minKnee < Deg(-4.5), $"the healthy knee must hyperextend (min {minKnee * 180 / System.Math.PI:F2}°)");
    }

    [Theory]
    [InlineData(ExerciseLevel.Easy, 31)]
    [InlineData(ExerciseLevel.Medium, 32)]
    [InlineData(ExerciseLevel.Hard, 33)]
    public void Every_exercise_and_level_gives_the_prescribed_reps_complete_reaching_the_target_and_partial_not(ExerciseLevel level, int seed)
    {
        foreach (CitizenArchetype archetype in Enum.GetValues<CitizenArchetype>())
        {
            CitizenProfile citizen = CitizenProfile.Draw(seed, archetype) with { PartialRepChance = 0.35 };
            List<ProgramItem> program = AllExercises(level, 2, 3);
            var sim = new SessionSimulator(citizen, program, 100, seed);

            // Reps per set as prescribed.
            for (int i = 0; i < program.Count; i++)
                for (int set = 0; set < 2; set++)
                    Assert.Equal(3, sim.Reps.Count(r => r.ProgramIndex == i && r.SetIndex == set));

            // Measure each rep's extreme from the body pose sampled at 100 Hz (independent of the rep's recorded peak/min).
            var reached = new Dictionary<(int, int, int), (double Max, double Min)>();
            foreach (GroundTruthRep rep in sim.Reps)
            {
                double max = double.MinValue, min = double.MaxValue;
                for (double t = rep.StartS; t <= rep.EndS; t += 0.01)
                {
                    double d = sim.PoseAt(t).Joints.Get(rep.DrivingJoint);
                    max = System.Math.Max(max, d);
                    min = System.Math.Min(min, d);
                }
                reached[(rep.ProgramIndex, rep.SetIndex, rep.RepIndex)] = (max, min);
            }

            double tol = Deg(0.1); // 100 Hz sampling of a 1 kHz-measured extreme
            foreach (GroundTruthRep rep in sim.Reps)
            {
                (double max, double min) = reached[(rep.ProgramIndex, rep.SetIndex, rep.RepIndex)];
                double extreme = rep.Direction > 0 ? max : min;
                double beyond = rep.Direction * (extreme - rep.TargetRad); // ≥ 0 when the target was reached
                if (rep.Complete) Assert.True(beyond > -tol, $"{archetype} {rep}: complete rep missed the target by {-beyond}");
                else Assert.True(beyond < tol, $"{archetype} {rep}: incomplete rep reached the target");
                if (rep.Partial)
                {
                    Assert.False(rep.Complete);
                    // 30–70 % of the ROM (tremor at most 0.5° on top).
                    double fraction = (extreme - rep.StartAngleRad) / (rep.TargetRad - rep.StartAngleRad);
                    Assert.InRange(fraction, 0.0, 0.75 + Deg(0.5) / System.Math.Abs(rep.TargetRad - rep.StartAngleRad));
                }
                if (!rep.Partial && !rep.LimitedByRom) Assert.True(rep.Complete, $"{archetype} {rep}: a full, unlimited rep must be complete");
                Assert.Equal(rep.PeakRad, max, Deg(0.1));
                Assert.Equal(rep.MinRad, min, Deg(0.1));
            }
            Assert.Contains(sim.Reps, r => r.Partial);
        }
    }

    [Fact]
    public void Extension_lag_stops_full_reps_short_of_full_extension()
    {
        CitizenProfile citizen = CitizenProfile.Draw(4, CitizenArchetype.EarlyPostOp) with { KneeExtensionLimitRad = Deg(8), PartialRepChance = 0 };
        var sim = new SessionSimulator(citizen, [new ProgramItem(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Hard, 1, 4)], 100, 4);
        Assert.All(sim.Reps, r =>
        {
            Assert.True(r.LimitedByRom);
            Assert.False(r.Complete);
            Assert.InRange(r.MinRad, Deg(7), Deg(9));
        });
        Assert.True(sim.Samples().Min(s => s.KneeFlexionRad) > Deg(7));
    }

    [Fact]
    public void Easy_short_arc_quad_is_a_small_rom_rep_that_is_still_counted_complete()
    {
        var sim = new SessionSimulator(CitizenProfile.Ideal, [new ProgramItem(ExerciseCatalogue.ShortArcQuad, ExerciseLevel.Easy, 1, 5)], 100, 1);
        Assert.All(sim.Reps, r =>
        {
            Assert.True(r.Complete);
            Assert.InRange(r.PeakRad - r.MinRad, Deg(15), Deg(17));
        });
    }

    [Fact]
    public void Fidget_windows_contain_no_rep_boundaries_and_no_rep_samples()
    {
        int windows = 0;
        for (int seed = 0; seed < 6; seed++)
        {
            CitizenProfile citizen = CitizenProfile.Draw(seed) with { FidgetChance = 1, FidgetAmplitudeRad = Deg(8) };
            var sim = new SessionSimulator(citizen, TkaPrograms.Early.Take(4).Select(p => p with { Reps = 3 }).ToList(), 100, seed);
            List<SessionEvent> fidgets = sim.Events.Where(e => e.Kind == SessionEventKind.Fidget).ToList();
            windows += fidgets.Count;
            foreach (SessionEvent f in fidgets)
            {
                Assert.DoesNotContain(sim.Reps, r => (r.StartS >= f.StartS && r.StartS <= f.EndS) || (r.EndS >= f.StartS && r.EndS <= f.EndS)
                    || (r.StartS <= f.StartS && r.EndS >= f.EndS));
            }
            foreach (SessionSample s in sim.Samples().Where(s => s.Phase == SessionPhase.Fidget))
            {
                Assert.Equal(-1, s.RepIndex);
                Assert.Contains(fidgets, f => s.TimeS >= f.StartS && s.TimeS <= f.EndS);
            }
            // Fidgeting really moves the knee (it is a distractor, not silence).
            SessionEvent first = fidgets[0];
            double[] knee = sim.Samples().Where(s => s.TimeS >= first.StartS && s.TimeS <= first.EndS).Select(s => s.KneeFlexionRad).ToArray();
            Assert.True(knee.Max() - knee.Min() > Deg(0.5));
        }
        Assert.True(windows >= 6);
    }

    [Fact]
    public void Same_seed_gives_the_same_data_and_another_seed_different_data()
    {
        CitizenProfile a = CitizenProfile.Draw(99), b = CitizenProfile.Draw(99);
        Assert.Equal(a, b);
        List<ProgramItem> program = [new(ExerciseCatalogue.HeelSlide, ExerciseLevel.Medium, 2, 3), new(ExerciseCatalogue.MiniSquat, ExerciseLevel.Easy, 1, 3)];
        SessionSample[] x = new SessionSimulator(a, program, 100, 5).Samples().ToArray();
        SessionSample[] y = new SessionSimulator(b, program, 100, 5).Samples().ToArray();
        Assert.Equal(x.Length, y.Length);
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i], y[i]);
        Assert.Equal(new SessionSimulator(a, program, 100, 5).Reps, new SessionSimulator(b, program, 100, 5).Reps);

        SessionSample[] z = new SessionSimulator(a, program, 100, 6).Samples().ToArray();
        Assert.True(x.Length != z.Length || x.Zip(z).Any(p => p.First.KneeFlexionRad != p.Second.KneeFlexionRad));
        Assert.NotEqual(CitizenProfile.Draw(98), a);
    }

    [Fact]
    public void Closed_chain_exercises_keep_the_foot_in_place()
    {
        CitizenProfile citizen = CitizenProfile.Ideal with { TremorAmplitudeRad = Deg(0.4), HeadingRad = 1.0 };
        var sim = new SessionSimulator(citizen,
            [new(ExerciseCatalogue.SitToStand, ExerciseLevel.Hard, 1, 2), new(ExerciseCatalogue.MiniSquat, ExerciseLevel.Hard, 1, 2), new(ExerciseCatalogue.HeelSlide, ExerciseLevel.Hard, 1, 2)],
            100, 3);
        Vec3? ankle = null;
        Vec3 seatedHip = sim.SegmentsAt(sim.Reps[0].StartS).HipPositionM;
        double hipTravel = 0;
        foreach (SessionSample s in sim.Samples().Where(s => s.RepIndex >= 0))
        {
            if (s.ExerciseId == ExerciseCatalogue.HeelSlide)
            {
                Assert.Equal(s.Segments.HipPositionM.Z, s.Segments.AnklePositionM.Z, 9); // heel on the bed
                continue;
            }
            ankle ??= s.Segments.AnklePositionM;
            Assert.True((s.Segments.AnklePositionM - ankle.Value).Length < 1e-9);
            hipTravel = System.Math.Max(hipTravel, (s.Segments.HipPositionM - seatedHip).Length);
        }
        Assert.True(hipTravel > 0.3, "sit to stand lifts the pelvis");
    }

    [Fact]
    public void Summary_counts_the_ground_truth_reps_per_set()
    {
        CitizenProfile citizen = CitizenProfile.Draw(12, CitizenArchetype.EarlyPostOp) with { PartialRepChance = 0.3 };
        var sim = new SessionSimulator(citizen, [new(ExerciseCatalogue.SeatedKneeFlexion, ExerciseLevel.Medium, 2, 5), new(ExerciseCatalogue.QuadSet, ExerciseLevel.Easy, 1, 4)], 100, 12);
        SessionSummary summary = sim.SummarizeSession();
        Assert.Equal(3, summary.Sets.Count);
        Assert.Equal([5, 5, 4], summary.Sets.Select(s => s.RepsDone));
        Assert.Equal(sim.Reps.Count(r => r.Complete), summary.RepsComplete);
        Assert.Equal(sim.Reps.Count(r => !r.Complete), summary.RepsIncomplete);
        SetSummary first = summary.Sets[0];
        Assert.Equal(sim.Reps.Where(r => r.ProgramIndex == 0 && r.SetIndex == 0).Max(r => r.PeakRad) * 180 / System.Math.PI, first.PeakFlexionDeg, 9);
        string text = summary.ToString();
        Assert.Contains(ExerciseCatalogue.SeatedKneeFlexion, text, StringComparison.Ordinal);
        Assert.Contains(ExerciseCatalogue.QuadSet, text, StringComparison.Ordinal);
    }
}
