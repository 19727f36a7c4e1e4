using System.Linq;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Hardware.Tests.Body;

/// <summary>
/// The exact IMU kinematics (angular velocity, specific force) must be the derivatives of the sensor pose trajectory the
/// model produces: integrate them back and compare with the pose itself.
/// </summary>
public class ImuKinematicsConsistencyTests
{
    private static SessionSimulator Simulator(int seed, string exercise) =>
        new(CitizenProfile.Draw(seed, CitizenArchetype.EarlyPostOp) with { Slip = null },
            [new ProgramItem(exercise, ExerciseLevel.Medium, 1, 2)], 100, seed);

    [Theory]
    [InlineData(ExerciseCatalogue.HeelSlide, BandSite.Thigh, 1)]
    [InlineData(ExerciseCatalogue.HeelSlide, BandSite.Shank, 2)]
    [InlineData(ExerciseCatalogue.SitToStand, BandSite.Thigh, 3)]
    [InlineData(ExerciseCatalogue.SitToStand, BandSite.Shank, 4)]
    [InlineData(ExerciseCatalogue.HipAbduction, BandSite.Shank, 5)]
    public void Integrating_the_gyro_reproduces_the_sensor_orientation_over_a_rep(string exercise, BandSite site, int seed)
    {
        SessionSimulator sim = Simulator(seed, exercise);
        GroundTruthRep rep = sim.Reps[0];
        const double dt = 1e-3;
        int steps = (int)System.Math.Round((rep.EndS - rep.StartS) / dt);
        Quat q = sim.SensorPoseAt(site, rep.StartS).Orientation;
        Quat start = q;
        double maxErr = 0, rotated = 0;
        for (int k = 0; k < steps; k++)
        {
            double t = rep.StartS + k * dt;
            // Sensor-axis rate → right-multiplied increment (q ⊗ Exp(ω dt)), ω sampled mid-step.
            Vec3 w = sim.ImuAt(site, t + 0.5 * dt).AngularVelocityRadPerS;
            q = (q * Quat.FromRotationVector(w * dt)).Normalized();
            if (k % 250 == 249)
            {
                Quat truth = sim.SensorPoseAt(site, t + dt).Orientation;
                maxErr = System.Math.Max(maxErr, Quat.AngleBetween(q, truth));
                rotated = System.Math.Max(rotated, Quat.AngleBetween(start, truth));
            }
        }
        Assert.True(rotated > 0.05, $"the sensor must actually rotate during the rep ({rotated} rad)");
        Assert.True(maxErr < 1e-4, $"integrated orientation drifted {maxErr:E2} rad");
    }

    [Theory]
    [InlineData(ExerciseCatalogue.SitToStand, BandSite.Thigh, 6)]
    [InlineData(ExerciseCatalogue.MiniSquat, BandSite.Shank, 7)]
    [InlineData(ExerciseCatalogue.LongArcQuad, BandSite.Shank, 8)]
    public void Integrating_the_specific_force_reproduces_the_sensor_position(string exercise, BandSite site, int seed)
    {
        SessionSimulator sim = Simulator(seed, exercise);
        GroundTruthRep rep = sim.Reps[0];
        const double dt = 1e-3, h = 1e-5;
        double t0 = rep.StartS, t1 = rep.HoldStartS + 0.2;
        Vec3 p = sim.SensorPoseAt(site, t0).PositionM;
        Vec3 v = (sim.SensorPoseAt(site, t0 + h).PositionM - sim.SensorPoseAt(site, t0 - h).PositionM) / (2 * h);
        int steps = (int)System.Math.Round((t1 - t0) / dt);
        Vec3 AccelWorld(double t)
        {
            ImuKinematics k = sim.ImuAt(site, t);
            return k.Orientation.Rotate(k.SpecificForceMPerS2) + Physics.GravityEarth;
        }
        Vec3 aPrev = AccelWorld(t0);
        for (int k = 0; k < steps; k++)
        {
            double t = t0 + k * dt;
            Vec3 aMid = AccelWorld(t + 0.5 * dt), aNext = AccelWorld(t + dt);
            // Simpson over one step for v and for p.
            Vec3 vNext = v + (aPrev + aMid * 4 + aNext) * (dt / 6);
            p += v * dt + (aPrev + aMid * 2) * (dt * dt / 6);
            v = vNext;
            aPrev = aNext;
        }
        Vec3 truth = sim.SensorPoseAt(site, t0 + steps * dt).PositionM;
        double moved = (truth - sim.SensorPoseAt(site, t0).PositionM).Length;
        Assert.True(moved > 0.02, $"the sensor must move ({moved} m)");
        Assert.True((p - truth).Length < 1e-4, $"position error {(p - truth).Length:E2} m over {t1 - t0:F1} s");
    }

    [Fact]
    public void At_rest_the_specific_force_is_plus_g_along_earth_up_in_sensor_axes()
    {
        var citizen = CitizenProfile.Draw(21, CitizenArchetype.EarlyPostOp) with { Slip = null };
        var sim = new SessionSimulator(citizen, [new ProgramItem(ExerciseCatalogue.QuadSet, ExerciseLevel.Easy, 2, 2), new ProgramItem(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Easy, 1, 2)], 100, 21);
        int checkedSamples = 0;
        foreach (SessionSample s in sim.Samples().Where(s => s.Phase == SessionPhase.Rest))
        {
            foreach (ImuKinematics k in new[] { s.Thigh, s.Shank })
            {
                Vec3 upInSensor = k.Orientation.RotateInverse(new Vec3(0, 0, Physics.StandardGravity));
                Assert.True((k.SpecificForceMPerS2 - upInSensor).Length < 1e-5, $"t={s.TimeS}: {k.SpecificForceMPerS2} vs {upInSensor}");
                Assert.True(k.AngularVelocityRadPerS.Length < 1e-7);
            }
            checkedSamples++;
        }
        Assert.True(checkedSamples > 1000);
    }
}
