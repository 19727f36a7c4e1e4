using System;
using Sensors.Band.Joint;
using Xunit;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>Hinge-axis identification against the simulator's known axes.</summary>
public class HingeAxisEstimatorTests
{
    private const double Deg = Math.PI / 180.0;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Recovers_random_axes_with_both_segments_moving_and_gyro_noise(int seed)
    {
        var rng = new Random(seed);
        // Random axis direction in each sensor frame: arbitrary mounting rotations.
        var knee = new SyntheticKnee(SyntheticKnee.RandomRotation(rng, Math.PI), SyntheticKnee.RandomRotation(rng, Math.PI))
        {
            KneeRad = t => (35 + 30 * Math.Sin(2 * Math.PI * t / 2.3)) * Deg,
            HipRad = t => [25 * Deg * Math.Sin(2 * Math.PI * t / 4.1), 12 * Deg * Math.Sin(2 * Math.PI * t / 3.3), 15 * Deg * Math.Sin(2 * Math.PI * t / 5.7)],
        };
        var axis = new HingeAxisEstimator(new HingeAxisSettings());
        var s = new float[12];
        for (int i = 0; i < 6000; i++)
        {
            knee.Sample(i * 0.01, rng, 0.01, 0.0, 0.0, s);
            axis.Update(s[3], s[4], s[5], s[9], s[10], s[11]);
        }

        Assert.True(axis.HasEstimate);
        Assert.False(axis.Segment1Still);
        Assert.False(axis.Segment2Still);
        double e1 = SyntheticKnee.AxisError(knee.Axis1, axis.Axis1X, axis.Axis1Y, axis.Axis1Z);
        double e2 = SyntheticKnee.AxisError(knee.Axis2, axis.Axis2X, axis.Axis2Y, axis.Axis2Z);
        Assert.True(e1 < 3 * Deg, $"axis 1 off by {e1 / Deg:F2}°");
        Assert.True(e2 < 3 * Deg, $"axis 2 off by {e2 / Deg:F2}°");
        Assert.True(axis.RelativeResidual < 0.1, $"relative residual {axis.RelativeResidual:F3}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Joint_estimator_signs_random_axes_to_the_same_side_from_gravity(int seed)
    {
        var rng = new Random(seed);
        var knee = new SyntheticKnee(SyntheticKnee.RandomRotation(rng, Math.PI), SyntheticKnee.RandomRotation(rng, Math.PI))
        {
            KneeRad = t => (35 + 30 * Math.Sin(2 * Math.PI * t / 2.3)) * Deg,
            HipRad = t => [25 * Deg * Math.Sin(2 * Math.PI * t / 4.1), 12 * Deg * Math.Sin(2 * Math.PI * t / 3.3), 15 * Deg * Math.Sin(2 * Math.PI * t / 5.7)],
        };
        var est = new JointAngleEstimator(new JointAngleSettings());
        var s = new float[12];
        for (int i = 0; i < 6000; i++)
        {
            knee.Sample(i * 0.01, rng, 0.01, 0.03, 0.0, s);
            est.Update(0.01, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]);
        }
        HingeAxisEstimator axis = est.Axis;
        double s1 = Math.Sign(knee.Axis1[0] * axis.Axis1X + knee.Axis1[1] * axis.Axis1Y + knee.Axis1[2] * axis.Axis1Z);
        double s2 = Math.Sign(knee.Axis2[0] * axis.Axis2X + knee.Axis2[1] * axis.Axis2Y + knee.Axis2[2] * axis.Axis2Z);
        Assert.Equal(s1, s2);
    }

    [Fact]
    public void Still_segment_gives_the_moving_segments_dominant_rate_direction()
    {
        var rng = new Random(11);
        var knee = new SyntheticKnee(SyntheticKnee.RandomRotation(rng, Math.PI), SyntheticKnee.RandomRotation(rng, Math.PI))
        {
            KneeRad = t => (45 + 40 * Math.Sin(2 * Math.PI * t / 3.0)) * Deg,
        };
        var axis = new HingeAxisEstimator(new HingeAxisSettings());
        var s = new float[12];
        for (int i = 0; i < 4000; i++)
        {
            knee.Sample(i * 0.01, rng, 0.005, 0.0, 0.0, s);
            axis.Update(s[3], s[4], s[5], s[9], s[10], s[11]);
        }
        Assert.True(axis.Segment1Still);
        Assert.False(axis.Segment2Still);
        double e2 = SyntheticKnee.AxisError(knee.Axis2, axis.Axis2X, axis.Axis2Y, axis.Axis2Z);
        Assert.True(e2 < 2 * Deg, $"moving segment's axis off by {e2 / Deg:F2}°");
    }
}
