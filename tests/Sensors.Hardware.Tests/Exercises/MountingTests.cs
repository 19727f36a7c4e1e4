using System;
using System.Linq;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Hardware.Tests.Exercises;

public class MountingTests
{
    private static double Deg(double d) => d * System.Math.PI / 180;

    [Fact]
    public void Misalignment_changes_sensor_orientation_and_readings_but_not_the_joint_angles()
    {
        CitizenProfile aligned = CitizenProfile.Draw(8, CitizenArchetype.LatePostOp) with
        {
            Slip = null, ThighMisalignment = Quat.Identity, ShankMisalignment = Quat.Identity,
        };
        var r = new Random(8);
        CitizenProfile misaligned = aligned with
        {
            ThighMisalignment = CitizenProfile.DrawMisalignment(r, Deg(20)),
            ShankMisalignment = CitizenProfile.DrawMisalignment(r, Deg(20)),
        };
        ProgramItem[] program = [new(ExerciseCatalogue.HeelSlide, ExerciseLevel.Medium, 1, 2), new(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Easy, 1, 2)];
        var a = new SessionSimulator(aligned, program, 100, 8);
        var b = new SessionSimulator(misaligned, program, 100, 8);
        double maxOrientationDiff = 0, maxGyroDiff = 0;
        foreach ((SessionSample x, SessionSample y) in a.Samples().Zip(b.Samples()))
        {
            Assert.Equal(x.Joints, y.Joints);
            Assert.Equal(x.Segments, y.Segments);
            maxOrientationDiff = System.Math.Max(maxOrientationDiff, Quat.AngleBetween(x.Shank.Orientation, y.Shank.Orientation));
            maxGyroDiff = System.Math.Max(maxGyroDiff, (x.Thigh.AngularVelocityRadPerS - y.Thigh.AngularVelocityRadPerS).Length);
            // The misaligned gyro is the aligned one seen through the extra rotation: same magnitude.
            Assert.Equal(x.Thigh.AngularVelocityRadPerS.Length, y.Thigh.AngularVelocityRadPerS.Length, 6);
        }
        Assert.True(maxOrientationDiff > Deg(5));
        Assert.True(maxGyroDiff > 0.05);
        Assert.Equal(a.Reps, b.Reps);
    }

    [Fact]
    public void Sensor_orientation_is_segment_times_mounting_without_soft_tissue()
    {
        CitizenProfile citizen = CitizenProfile.Draw(9) with { SoftTissueRotationRad = 0, SoftTissueTranslationM = 0 };
        var sim = new SessionSimulator(citizen, [new ProgramItem(ExerciseCatalogue.StraightLegRaise, ExerciseLevel.Hard, 1, 2)], 100, 9);
        foreach (SessionSample s in sim.Samples())
        {
            Assert.True(Quat.AngleBetween(s.Segments.Thigh * s.ThighMounting, s.Thigh.Orientation) < 1e-9);
            Assert.True(Quat.AngleBetween(s.Segments.Shank * s.ShankMounting, s.Shank.Orientation) < 1e-9);
        }
    }

    [Theory]
    [InlineData(BandSite.Thigh)]
    [InlineData(BandSite.Shank)]
    public void Strap_slip_changes_the_mounting_only_at_the_slip_time(BandSite site)
    {
        var plan = new StrapSlipPlan(site, 0.5, new Vec3(0.3, -0.2, 1).Normalized() * Deg(12), new Vec3(0, 0, -0.01));
        CitizenProfile citizen = CitizenProfile.Draw(10) with { Slip = plan };
        var sim = new SessionSimulator(citizen, [new ProgramItem(ExerciseCatalogue.HeelSlide, ExerciseLevel.Easy, 2, 4)], 100, 10);

        SessionEvent slip = Assert.Single(sim.Events, e => e.Kind == SessionEventKind.StrapSlip);
        Assert.NotNull(slip.Slip);
        Assert.Equal(site, slip.Slip.Site);
        Assert.Equal(0.3, slip.EndS - slip.StartS, 9);

        SessionSample first = sim.Samples().First();
        Quat before = site == BandSite.Thigh ? first.ThighMounting : first.ShankMounting;
        Quat other = site == BandSite.Thigh ? first.ShankMounting : first.ThighMounting;
        Quat? after = null;
        foreach (SessionSample s in sim.Samples())
        {
            Quat m = site == BandSite.Thigh ? s.ThighMounting : s.ShankMounting;
            Assert.Equal(other, site == BandSite.Thigh ? s.ShankMounting : s.ThighMounting);
            if (s.TimeS <= slip.StartS) Assert.Equal(before, m);
            else if (s.TimeS >= slip.EndS) { after ??= m; Assert.Equal(after.Value, m); }
        }
        Assert.NotNull(after);
        Assert.Equal(Deg(12), Quat.AngleBetween(before, after.Value), 9);
        // The joint angles do not see the slip.
        var noSlip = new SessionSimulator(citizen with { Slip = null }, [new ProgramItem(ExerciseCatalogue.HeelSlide, ExerciseLevel.Easy, 2, 4)], 100, 10);
        Assert.Equal(noSlip.PoseAt(slip.EndS + 1).Joints, sim.PoseAt(slip.EndS + 1).Joints);
    }
}
