using System;
using Sensors.Hardware.Body;
using Sensors.Hardware.Math;
using Xunit;

namespace Sensors.Hardware.Tests.Body;

public class LegModelTests
{
    private static double Deg(double d) => d * System.Math.PI / 180;

    [Theory]
    [InlineData(BodySide.Right)]
    [InlineData(BodySide.Left)]
    public void Knee_angle_from_segment_orientations_equals_the_joint_angle(BodySide side)
    {
        var leg = new LegModel(BodyDimensions.Default, side);
        var r = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            double knee = Deg(-5 + 140 * r.NextDouble());
            if (i == 0) knee = Deg(-5);
            var joints = new JointAngles(knee, Deg(-20 + 130 * r.NextDouble()), Deg(-10 + 50 * r.NextDouble()), Deg(-20 + 40 * r.NextDouble()));
            Quat pelvis = Quat.FromRotationVector(new Vec3(r.NextDouble() - 0.5, r.NextDouble() - 0.5, r.NextDouble() - 0.5) * 4);
            SegmentPoses s = leg.Solve(new BodyPose(pelvis, new Vec3(1, 2, 3), joints));
            Assert.Equal(knee, LegModel.KneeFlexionFromSegments(s.Thigh, s.Shank), 1e-12);
            // The relative rotation is a pure rotation about the knee (y) axis.
            Quat rel = s.Thigh.Conjugate() * s.Shank;
            Assert.True(System.Math.Abs(rel.X) < 1e-12 && System.Math.Abs(rel.Z) < 1e-12);
            Assert.Equal(BodyDimensions.Default.ThighLengthM, (s.KneePositionM - s.HipPositionM).Length, 1e-12);
            Assert.Equal(BodyDimensions.Default.ShankLengthM, (s.AnklePositionM - s.KneePositionM).Length, 1e-12);
        }
    }

    [Theory]
    [InlineData(BodySide.Right, -1)]
    [InlineData(BodySide.Left, 1)]
    public void Joint_angle_signs_follow_the_clinical_convention(BodySide side, double lateralY)
    {
        var leg = new LegModel(BodyDimensions.Default, side);
        SegmentPoses Solve(JointAngles j) => leg.Solve(new BodyPose(Quat.Identity, Vec3.Zero, j));

        // Standing straight: knee below hip, ankle below knee.
        SegmentPoses straight = Solve(JointAngles.Zero);
        Assert.Equal(-0.88, straight.AnklePositionM.Z, 12);

        // Hip flexion brings the knee forward (+x); knee flexion brings the ankle behind the knee (−x).
        Assert.True(Solve(new JointAngles(0, Deg(30), 0, 0)).KneePositionM.X > 0.2);
        SegmentPoses kneeBent = Solve(new JointAngles(Deg(45), 0, 0, 0));
        Assert.True(kneeBent.AnklePositionM.X < -0.25);
        // Hyperextension brings the ankle in front of the knee.
        Assert.True(Solve(new JointAngles(Deg(-5), 0, 0, 0)).AnklePositionM.X > 0.03);

        // Abduction moves the knee laterally (−y for the right leg, +y for the left).
        Assert.True(Solve(new JointAngles(0, 0, Deg(20), 0)).KneePositionM.Y * lateralY > 0.1);

        // Internal rotation with a bent knee swings the ankle laterally (the foot turns in, the heel out).
        SegmentPoses rotated = Solve(new JointAngles(Deg(90), 0, 0, Deg(20)));
        Assert.True(rotated.AnklePositionM.Y * lateralY > 0.1);
    }

    [Fact]
    public void Hip_position_for_a_fixed_ankle_puts_the_ankle_there()
    {
        var leg = new LegModel(new BodyDimensions { ThighLengthM = 0.41, ShankLengthM = 0.39 }, BodySide.Left);
        var ankle = new Vec3(0.4, -0.1, 0.08);
        var r = new Random(3);
        for (int i = 0; i < 50; i++)
        {
            var j = new JointAngles(Deg(120 * r.NextDouble()), Deg(100 * r.NextDouble()), Deg(20 * r.NextDouble()), 0);
            Quat pelvis = Rotations.RotY(Deg(30 * r.NextDouble()));
            Vec3 hip = leg.HipPositionForAnkle(pelvis, j, ankle);
            Vec3 got = leg.Solve(new BodyPose(pelvis, hip, j)).AnklePositionM;
            Assert.True((got - ankle).Length < 1e-12);
        }
    }

    [Theory]
    [InlineData(BodySide.Right)]
    [InlineData(BodySide.Left)]
    public void Band_placement_follows_the_placement_guide(BodySide side)
    {
        BodyDimensions d = BodyDimensions.Default;
        double lateral = side == BodySide.Right ? -1 : 1;

        BandPlacement thigh = BandPlacement.For(BandSite.Thigh, d, side);
        Assert.Equal(-0.5 * d.ThighLengthM, thigh.OffsetM.Z, 12);
        Assert.Equal(lateral * d.ThighRadiusM, thigh.OffsetM.Y, 12);
        // Pod axes: +x proximal, +z out of the face (lateral), +y = z × x.
        AssertClose(Vec3.UnitZ, thigh.NominalMounting.Rotate(Vec3.UnitX));
        AssertClose(new Vec3(0, lateral, 0), thigh.NominalMounting.Rotate(Vec3.UnitZ));

        BandPlacement shank = BandPlacement.For(BandSite.Shank, d, side);
        Assert.Equal(-d.ShankBandBelowKneeM, shank.OffsetM.Z, 12);
        Vec3 face = shank.NominalMounting.Rotate(Vec3.UnitZ);
        Assert.True(face.X > 0.7 && face.Y * lateral > 0.7, "shank pod faces anterior-lateral");
        AssertClose(Vec3.UnitZ, shank.NominalMounting.Rotate(Vec3.UnitX));
    }

    [Fact]
    public void Rotation_from_axes_round_trips()
    {
        var r = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            Quat q = Quat.FromRotationVector(new Vec3(r.NextDouble() - 0.5, r.NextDouble() - 0.5, r.NextDouble() - 0.5) * 6.2);
            Quat back = Rotations.FromAxes(q.Rotate(Vec3.UnitX), q.Rotate(Vec3.UnitY), q.Rotate(Vec3.UnitZ));
            Assert.True(Quat.AngleBetween(q, back) < 1e-7);
        }
    }

    private static void AssertClose(Vec3 expected, Vec3 actual) => Assert.True((expected - actual).Length < 1e-12, $"{expected} vs {actual}");
}
