using System.Linq;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Hardware.Tests.Exercises;

public class CitizenBehaviourTests
{
    private static double Deg(double d) => d * System.Math.PI / 180;

    [Fact]
    public void Tremor_shakes_the_driving_joint_at_its_frequency_and_amplitude_during_holds()
    {
        CitizenProfile citizen = CitizenProfile.Ideal with { TremorAmplitudeRad = Deg(0.4), TremorFrequencyHz = 7.5 };
        var sim = new SessionSimulator(citizen, [new ProgramItem(ExerciseCatalogue.QuadSet, ExerciseLevel.Hard, 1, 2)], 100, 3);
        GroundTruthRep rep = sim.Reps[0];
        double t0 = rep.HoldStartS + 1, t1 = rep.HoldEndS - 1;
        double[] knee = Enumerable.Range(0, (int)((t1 - t0) * 1000)).Select(k => sim.PoseAt(t0 + k * 1e-3).Joints.KneeFlexionRad).ToArray();
        double mean = knee.Average();
        int crossings = 0;
        for (int i = 1; i < knee.Length; i++) if ((knee[i - 1] - mean) * (knee[i] - mean) < 0) crossings++;
        double frequency = crossings / 2.0 / (t1 - t0);
        Assert.InRange(frequency, 7.0, 8.0);
        Assert.InRange(knee.Max() - mean, Deg(0.2), Deg(0.41));
    }

    [Fact]
    public void Pauses_sit_inside_sets_between_reps()
    {
        CitizenProfile citizen = CitizenProfile.Draw(14, CitizenArchetype.EarlyPostOp) with { PauseChance = 0.5 };
        var sim = new SessionSimulator(citizen, [new ProgramItem(ExerciseCatalogue.HeelSlide, ExerciseLevel.Easy, 2, 6)], 100, 14);
        var pauses = sim.Events.Where(e => e.Kind == SessionEventKind.Pause).ToList();
        Assert.NotEmpty(pauses);
        foreach (SessionEvent p in pauses)
        {
            Assert.InRange(p.EndS - p.StartS, 3, 8);
            Assert.Contains(sim.Reps, r => r.SetIndex == p.SetIndex && r.EndS <= p.StartS + 1e-9);
            Assert.Contains(sim.Reps, r => r.SetIndex == p.SetIndex && r.StartS >= p.EndS - 1e-9);
            Assert.DoesNotContain(sim.Reps, r => r.StartS < p.EndS - 1e-9 && r.EndS > p.StartS + 1e-9);
        }
        Assert.Contains(sim.Samples(), s => s.Phase == SessionPhase.Pause);
    }

    [Fact]
    public void Soft_tissue_moves_the_band_within_its_bounds_and_only_while_the_leg_moves()
    {
        CitizenProfile citizen = CitizenProfile.Draw(15) with { SoftTissueRotationRad = Deg(3), SoftTissueTranslationM = 0.004, Slip = null, FidgetChance = 0 };
        var sim = new SessionSimulator(citizen, [new ProgramItem(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Medium, 1, 3)], 100, 15);
        double maxAngle = 0;
        foreach (SessionSample s in sim.Samples())
        {
            double angle = Quat.AngleBetween(s.Segments.Shank * s.ShankMounting, s.Shank.Orientation);
            maxAngle = System.Math.Max(maxAngle, angle);
            Assert.True(angle <= Deg(3) * System.Math.Sqrt(3) + 1e-12);
            if (s.Phase is SessionPhase.Hold or SessionPhase.Rest or SessionPhase.BetweenReps) Assert.True(angle < 1e-12);
        }
        Assert.True(maxAngle > Deg(0.5), $"soft tissue must be visible ({maxAngle * 180 / System.Math.PI:F2}°)");
    }

    [Fact]
    public void Drawn_citizens_cover_extension_lag_and_true_hyperextension()
    {
        CitizenProfile[] citizens = Enumerable.Range(0, 60).Select(CitizenProfile.Draw).ToArray();
        Assert.Contains(citizens, c => c.KneeExtensionLimitRad >= Deg(3));
        Assert.Contains(citizens, c => c.KneeExtensionLimitRad <= Deg(-3));
        Assert.Contains(citizens, c => c.Slip is not null);
        Assert.All(citizens.Where(c => c.Archetype == CitizenArchetype.EarlyPostOp), c => Assert.InRange(c.KneeExtensionLimitRad, Deg(3), Deg(12)));
        Assert.All(citizens, c =>
        {
            Assert.InRange(c.TremorFrequencyHz, 6, 10);
            Assert.InRange(c.TremorAmplitudeRad, Deg(0.1), Deg(0.5));
            Assert.True(Quat.AngleBetween(Quat.Identity, c.ThighMisalignment) <= Deg(20) * System.Math.Sqrt(3));
        });
    }
}
