using System;
using Sensors.Band.Joint;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>Signed joint angle, zero from a reference pose, flexion sign, session restart and allocation.</summary>
public class JointAngleEstimatorTests
{
    private const double Deg = Math.PI / 180.0;
    private const double Dt = 0.01;

    /// <summary>
    /// 0–40 s reps (thigh moving too), 40–45 s straight and still (reference pose at 44 s), 45–60 s reps,
    /// 60–62 s straight, 62–63 s into −5° hyperextension, held to 70 s.
    /// </summary>
    private static SyntheticKnee Session(int seed)
    {
        var rng = new Random(seed);
        double Motion(double t) => (1 - SyntheticKnee.Fade(t, 39, 40)) + SyntheticKnee.Fade(t, 45, 46) * (1 - SyntheticKnee.Fade(t, 59, 60));
        return new SyntheticKnee(SyntheticKnee.RandomRotation(rng, 20 * Deg), SyntheticKnee.RandomRotation(rng, 20 * Deg))
        {
            KneeRad = t =>
                t < 40 ? (30 - 30 * Math.Cos(2 * Math.PI * t / 2.5)) * Deg
                : t < 45 ? 0.0
                : t < 60 ? (30 - 30 * Math.Cos(2 * Math.PI * (t - 45) / 2.5)) * Deg
                : -5 * Deg * SyntheticKnee.Fade(t, 62, 63),
            HipRad = t =>
            [
                (-20 + 20 * Motion(t) * Math.Sin(2 * Math.PI * t / 4.1)) * Deg,
                10 * Deg * Motion(t) * Math.Sin(2 * Math.PI * t / 3.3),
                15 * Deg * Motion(t) * Math.Sin(2 * Math.PI * t / 5.7),
            ],
        };
    }

    private static void Feed(JointAngleEstimator est, SyntheticKnee knee, Random rng, double t0, double t1, Action<double>? each = null)
    {
        var s = new float[12];
        for (double t = t0; t < t1 - 1e-9; t += Dt)
        {
            knee.Sample(t, rng, 0.003, 0.03, 0.004, s);
            est.Update(Dt, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]);
            each?.Invoke(t);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Straight_knee_reads_zero_and_hyperextension_reads_negative(int seed)
    {
        SyntheticKnee knee = Session(seed);
        var rng = new Random(100 + seed);
        var est = new JointAngleEstimator(new JointAngleSettings());
        Feed(est, knee, rng, 0, 44);
        Assert.True(est.IsValid);
        Assert.True(est.CaptureReferencePose());
        Feed(est, knee, rng, 44, 61.5);
        Assert.True(est.Mounting.FlexionSignResolved);
        Assert.True(Math.Abs(est.FlexionRad) < 1 * Deg, $"straight knee reads {est.FlexionRad / Deg:F2}°");
        Feed(est, knee, rng, 61.5, 70);
        Assert.True(Math.Abs(est.FlexionRad - (-5 * Deg)) < 1 * Deg, $"−5° hyperextension reads {est.FlexionRad / Deg:F2}°");
    }

    [Fact]
    public void Flexion_is_positive_after_the_reference_pose_and_tracks_the_truth()
    {
        SyntheticKnee knee = Session(7);
        var rng = new Random(107);
        var est = new JointAngleEstimator(new JointAngleSettings());
        Feed(est, knee, rng, 0, 44);
        est.CaptureReferencePose();
        double sq = 0;
        int n = 0;
        Feed(est, knee, rng, 44, 60, t =>
        {
            if (t < 48) return;
            double e = est.FlexionRad - knee.KneeRad(t);
            sq += e * e;
            n++;
        });
        double rmse = Math.Sqrt(sq / n);
        Assert.True(rmse < 2 * Deg, $"flexion RMSE {rmse / Deg:F2}°");
    }

    [Fact]
    public void Mounting_record_keeps_the_zero_across_sessions()
    {
        SyntheticKnee knee = Session(9);
        var rng = new Random(109);
        var first = new JointAngleEstimator(new JointAngleSettings());
        Feed(first, knee, rng, 0, 44);
        first.CaptureReferencePose();
        Feed(first, knee, rng, 44, 60);
        var stored = new float[MountingRecord.SerializedLength];
        first.Mounting.CopyTo(stored, 0);

        // Next session: no reference pose; start still at −5° hyperextension (t ≥ 63 s of the same script).
        var record = new MountingRecord();
        Assert.True(record.TryCopyFrom(stored, 0));
        var second = new JointAngleEstimator(new JointAngleSettings());
        second.LoadMounting(record);
        Feed(second, knee, rng, 63, 66);
        Assert.True(second.IsValid);
        Assert.True(Math.Abs(second.FlexionRad - (-5 * Deg)) < 1 * Deg, $"next session reads {second.FlexionRad / Deg:F2}° for −5°");
    }

    [Fact]
    public void Update_does_not_allocate()
    {
        SyntheticKnee knee = Session(3);
        var rng = new Random(5);
        const int Warm = 3000, N = 10000;
        var data = new float[(Warm + N) * 12];
        var s = new float[12];
        for (int i = 0; i < Warm + N; i++)
        {
            knee.Sample(i * Dt, rng, 0.003, 0.03, 0.004, s);
            Array.Copy(s, 0, data, 12 * i, 12);
        }
        var est = new JointAngleEstimator(new JointAngleSettings());
        for (int i = 0; i < Warm; i++) Step(est, data, i);
        Assert.True(est.IsValid);
        Assert.Equal(0, Allocations.MinimumOver(3, () =>
        {
            for (int i = Warm; i < Warm + N; i++) Step(est, data, i);
        }));
    }

    private static void Step(JointAngleEstimator est, float[] d, int i)
    {
        int o = 12 * i;
        est.Update(Dt, d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5], d[o + 6], d[o + 7], d[o + 8], d[o + 9], d[o + 10], d[o + 11]);
    }
}
