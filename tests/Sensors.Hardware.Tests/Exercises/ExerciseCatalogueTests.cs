using System.Linq;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Xunit;

namespace Sensors.Hardware.Tests.Exercises;

public class ExerciseCatalogueTests
{
    private static double Deg(double d) => d * System.Math.PI / 180;

    [Fact]
    public void Catalogue_has_the_nine_stable_ids()
    {
        string[] ids = ["heel_slide", "long_arc_quad", "short_arc_quad", "straight_leg_raise", "seated_knee_flexion", "hip_abduction", "sit_to_stand", "mini_squat", "quad_set"];
        Assert.Equal(ids.Order(), ExerciseCatalogue.All.Select(e => e.Id).Order());
        Assert.False(ExerciseCatalogue.TryGet("squat", out _));
    }

    [Fact]
    public void Levels_grow_in_range_of_motion_and_easy_levels_are_small()
    {
        foreach (ExerciseDefinition e in ExerciseCatalogue.All)
        {
            Assert.True(e.Easy.RangeRad < e.Medium.RangeRad && e.Medium.RangeRad < e.Hard.RangeRad, e.Id);
            Assert.True(e.Easy.HoldS <= e.Hard.HoldS, e.Id);
            Assert.Equal(e.Easy.Direction, e.Hard.Direction);
        }
        Assert.Equal(Deg(15), ExerciseCatalogue.Get(ExerciseCatalogue.ShortArcQuad).Easy.RangeRad, 12);
        Assert.Equal(Deg(10), ExerciseCatalogue.Get(ExerciseCatalogue.SeatedKneeFlexion).Easy.RangeRad, 12);
        Assert.True(ExerciseCatalogue.Get(ExerciseCatalogue.QuadSet).Easy.RangeRad < Deg(5));
        Assert.True(ExerciseCatalogue.Get(ExerciseCatalogue.SeatedKneeFlexion).Hard.TargetRad >= Deg(110));
    }

    [Fact]
    public void The_driving_joint_of_each_pose_equals_the_driving_angle()
    {
        var leg = new LegModel(BodyDimensions.Default);
        foreach (ExerciseDefinition e in ExerciseCatalogue.All)
        {
            LevelPrescription lp = e.Medium;
            var ctx = new CouplingContext(leg, 0, Deg(5), lp.StartRad, lp.TargetRad);
            for (double u = 0; u <= 1; u += 0.1)
            {
                double d = lp.StartRad + u * (lp.TargetRad - lp.StartRad);
                Assert.Equal(d, e.PoseAt(d, ctx).Joints.Get(e.DrivingJoint), 12);
            }
        }
    }

    [Fact]
    public void Mini_squat_couples_the_hip_at_six_tenths_of_the_knee()
    {
        var leg = new LegModel(BodyDimensions.Default);
        ExerciseDefinition e = ExerciseCatalogue.Get(ExerciseCatalogue.MiniSquat);
        var ctx = new CouplingContext(leg, 0, 0, e.Hard.StartRad, e.Hard.TargetRad);
        JointAngles j = e.PoseAt(Deg(40), ctx).Joints;
        Assert.Equal(0.6 * Deg(40), j.HipFlexionRad, 12);
    }

    [Fact]
    public void Heel_slide_flexes_the_hip_with_the_knee()
    {
        var leg = new LegModel(BodyDimensions.Default);
        ExerciseDefinition e = ExerciseCatalogue.Get(ExerciseCatalogue.HeelSlide);
        var ctx = new CouplingContext(leg, 0, 0, e.Hard.StartRad, e.Hard.TargetRad);
        double hip90 = e.PoseAt(Deg(90), ctx).Joints.HipFlexionRad;
        Assert.InRange(hip90, Deg(40), Deg(50)); // atan(0.43 / 0.45) ≈ 43.7°
        Assert.True(e.PoseAt(Deg(30), ctx).Joints.HipFlexionRad < hip90);
    }
}
