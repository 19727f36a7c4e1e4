using System;
using Sensors.Band.Fusion;
using Sensors.Band.Maths;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Firmware.Tests.Fusion;

public sealed class OrientationFilterTests
{
    private const double Dt = 0.01;

    /// <summary>A known rotation sequence: still, 90° about x, still, 120° about a skew axis, 180° about z, still.</summary>
    private static (double gx, double gy, double gz) RateAt(double t)
    {
        double d2r = Math.PI / 180;
        if (t < 3) return (0, 0, 0);
        if (t < 5) return (45 * d2r, 0, 0);                       // 90° about x
        if (t < 8) return (0, 0, 0);
        if (t < 11)
        {
            double n = Math.Sqrt(3);
            return (40 * d2r / n, -40 * d2r / n, 40 * d2r / n);    // 120° about (1,−1,1)/√3
        }
        if (t < 13) return (0, 0, 0);
        if (t < 16) return (0, 0, 60 * d2r);                      // 180° about sensor z
        // slow wobble to keep things moving
        return (0.3 * Math.Sin(t), 0.2 * Math.Cos(1.3 * t), 0.25 * Math.Sin(0.7 * t));
    }

    [Fact]
    public void Known_rotation_sequence_is_tracked_in_6D_and_9D()
    {
        var imu = new SyntheticImu(Math.Cos(0.3), Math.Sin(0.3) * 0.6, 0, Math.Sin(0.3) * 0.8); // tilted and turned start
        var f6 = new OrientationFilter();
        var f9 = new OrientationFilter();
        double maxInc6 = 0, maxTot9 = 0, maxInc9 = 0;
        for (int i = 0; i < 3000; i++)
        {
            double t = i * Dt;
            var (gx, gy, gz) = RateAt(t);
            imu.Step(gx, gy, gz, Dt);
            var a = imu.Acc;
            var m = imu.Mag;
            f6.Update6D((float)gx, (float)gy, (float)gz, (float)a.X, (float)a.Y, (float)a.Z, (float)Dt);
            f9.Update9D((float)gx, (float)gy, (float)gz, (float)a.X, (float)a.Y, (float)a.Z, (float)m.X, (float)m.Y, (float)m.Z, (float)Dt);
            var e6 = imu.Error(f6.Orientation6D);
            var e9 = imu.Error(f9.Orientation9D);
            maxInc6 = Math.Max(maxInc6, e6.InclinationDeg);
            maxInc9 = Math.Max(maxInc9, e9.InclinationDeg);
            maxTot9 = Math.Max(maxTot9, e9.TotalDeg);
        }
        Assert.True(maxInc6 < 0.2, $"6D inclination error up to {maxInc6:F3}°");
        Assert.True(maxInc9 < 0.2, $"9D inclination error up to {maxInc9:F3}°");
        Assert.True(maxTot9 < 0.3, $"9D total error up to {maxTot9:F3}°");
        f9.GetQuaternion(out float w, out float x, out float y, out float z);
        Assert.True(imu.Error(new QuaternionF(w, x, y, z)).TotalDeg < 0.3);
    }

    [Fact]
    public void Cold_start_takes_inclination_from_first_acc_and_heading_from_first_mag_sample()
    {
        var imu = new SyntheticImu(0.8, 0.3, -0.4, 0.33);
        var f = new OrientationFilter();
        var a = imu.Acc;
        var m = imu.Mag;
        f.Update9D(0, 0, 0, (float)a.X, (float)a.Y, (float)a.Z, (float)m.X, (float)m.Y, (float)m.Z, (float)Dt);
        var e = imu.Error(f.Orientation9D);
        Assert.True(e.TotalDeg < 0.05, $"total error after one sample {e.TotalDeg:F3}°");
        Assert.True(f.IsStarted);
    }

    [Fact]
    public void Rest_detection_recovers_a_constant_gyro_bias_on_still_data()
    {
        var rng = new Random(7);
        double bx = 0.006, by = -0.009, bz = 0.004; // rad/s, ~0.3–0.5 °/s
        var imu = new SyntheticImu(0.9, 0.2, 0.1, -0.3);
        var f = new OrientationFilter();
        var a = imu.Acc;
        bool restSeenEarly = false;
        for (int i = 0; i < 2000; i++) // 20 s still
        {
            float n() => (float)(rng.NextDouble() - 0.5) * 0.004f; // gyro noise ±0.002 rad/s
            float na() => (float)(rng.NextDouble() - 0.5) * 0.04f; // acc noise ±0.02 m/s²
            f.Update6D((float)bx + n(), (float)by + n(), (float)bz + n(), (float)a.X + na(), (float)a.Y + na(), (float)a.Z + na(), (float)Dt);
            if (i < 100 && f.IsRest) restSeenEarly = true;
        }
        Assert.False(restSeenEarly, "rest needs the minimum rest time (1.5 s)");
        Assert.True(f.IsRest);
        Vector3F b = f.GyroBiasRadPerS;
        Assert.InRange(b.X - bx, -2e-4, 2e-4);
        Assert.InRange(b.Y - by, -2e-4, 2e-4);
        Assert.InRange(b.Z - bz, -2e-4, 2e-4);

        // with the bias removed, the heading no longer drifts: 60 s more still → under 0.5° total change
        QuaternionF before = f.Orientation6D;
        for (int i = 0; i < 6000; i++)
        {
            f.Update6D((float)bx, (float)by, (float)bz, (float)a.X, (float)a.Y, (float)a.Z, (float)Dt);
        }
        float driftDeg = QuaternionF.Angle(QuaternionF.Multiply(f.Orientation6D, QuaternionF.Conjugate(before))) * (float)Angles.RadToDeg;
        Assert.True(driftDeg < 0.5, $"drift {driftDeg:F2}° in 60 s");

        // motion ends rest
        for (int i = 0; i < 50; i++)
        {
            imu.Step(1.0, 0, 0, Dt);
            a = imu.Acc;
            f.Update6D(1.0f + (float)bx, (float)by, (float)bz, (float)a.X, (float)a.Y, (float)a.Z, (float)Dt);
        }
        Assert.False(f.IsRest);
    }

    [Fact]
    public void Magnetic_disturbance_is_flagged_and_does_not_pull_the_heading()
    {
        var imu = new SyntheticImu(1, 0, 0, 0);
        var f = new OrientationFilter();
        for (int i = 0; i < 4000; i++) // 40 s of rotation about changing axes, clean field
        {
            double t = i * Dt;
            double gx = 0.8 * Math.Sin(0.9 * t), gy = 0.7 * Math.Cos(0.6 * t), gz = 0.9;
            imu.Step(gx, gy, gz, Dt);
            var a = imu.Acc;
            var m = imu.Mag;
            f.Update9D((float)gx, (float)gy, (float)gz, (float)a.X, (float)a.Y, (float)a.Z, (float)m.X, (float)m.Y, (float)m.Z, (float)Dt);
        }
        Assert.False(f.IsMagneticDisturbance);
        double refNorm = f.MagneticDisturbanceDetector.ReferenceNorm;
        Assert.InRange(refNorm, 44.0, 45.5); // √(20² + 40²) = 44.7 µT

        bool flagged = false;
        double maxHeadingDeg = 0;
        for (int i = 0; i < 2000; i++) // 20 s next to a magnet: +30 µT along sensor x
        {
            double t = i * Dt;
            double gx = 0.8 * Math.Sin(0.9 * t), gy = 0.7 * Math.Cos(0.6 * t), gz = 0.9;
            imu.Step(gx, gy, gz, Dt);
            var a = imu.Acc;
            var m = imu.Mag;
            f.Update9D((float)gx, (float)gy, (float)gz, (float)a.X, (float)a.Y, (float)a.Z, (float)(m.X + 30), (float)m.Y, (float)m.Z, (float)Dt);
            flagged |= f.IsMagneticDisturbance;
            maxHeadingDeg = Math.Max(maxHeadingDeg, imu.Error(f.Orientation9D).HeadingDeg);
        }
        Assert.True(flagged);
        Assert.True(maxHeadingDeg < 2.0, $"heading error up to {maxHeadingDeg:F2}° under disturbance");
    }

    [Fact]
    public void Update_allocates_nothing_after_warm_up()
    {
        var f = new OrientationFilter();
        for (int i = 0; i < 2000; i++) Feed(f, i);
        Assert.Equal(0, Allocations.MinimumOver(3, () =>
        {
            for (int i = 2000; i < 12000; i++) Feed(f, i);
        }));

        static void Feed(OrientationFilter f, int i)
        {
            float s = (float)Math.Sin(i * 0.01);
            f.Update9D(0.3f * s, 0.1f, -0.2f * s, 0.5f * s, 0.2f, 9.7f, 20f * s, 15f, -40f, 0.0035f);
            f.Update6D(0.3f * s, 0.1f, -0.2f * s, 0.5f * s, 0.2f, 9.7f, 0.0035f);
            f.GetQuaternion(out _, out _, out _, out _);
            _ = f.Orientation6D;
        }
    }

    [Fact]
    public void Reset_returns_to_the_cold_state()
    {
        var f = new OrientationFilter();
        f.Update6D(0.1f, 0, 0, 0, 9.81f, 0, 0.01f); // y axis up
        f.Reset();
        Assert.False(f.IsStarted);
        f.Update6D(0, 0, 0, 0, 0, 9.81f, 0.01f); // z axis up: identity inclination
        Vector3F up = QuaternionF.Rotate(f.Orientation6D, new Vector3F(0, 0, 1));
        Assert.True(up.Z > 0.9999f);
    }
}
