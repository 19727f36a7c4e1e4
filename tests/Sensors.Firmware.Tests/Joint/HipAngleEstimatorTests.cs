using System;
using System.Collections.Generic;
using Sensors.Band.Joint;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>
/// Hip flexion (straight-leg raise: horizontal axis, gravity-anchored) and hip abduction (supine: vertical axis, gyro only)
/// from the thigh pod alone, against the simulator's true hip angles: MPU-6500 model with its bench calibration applied,
/// strap misaligned up to ±20°, soft tissue; reference pose 2 s in with the true angle; scored after 10 s.
/// </summary>
public class HipAngleEstimatorTests(ITestOutputHelper output)
{
    private const double Deg = 180.0 / Math.PI;

    private static (double RmseDeg, double RomErrorDeg, double InRepRmseDeg) Run(int seed, CitizenArchetype archetype, string exerciseId, ExerciseLevel level)
    {
        CitizenProfile citizen = CitizenProfile.Draw(seed, archetype) with { Slip = null };
        var sim = new SessionSimulator(citizen, [new ProgramItem(exerciseId, level, 2, 8)], 100.0, seed * 10 + 7);
        ImuErrorParameters part = ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, seed * 2 + 1);
        var imu = new SimulatedImu(part, seed * 7 + 1);
        var calibration = SimulatedKneeSession.BenchCalibrate(part, seed * 2 + 1);
        bool flexion = exerciseId == ExerciseCatalogue.StraightLegRaise;
        var hip = new HipAngleEstimator();
        // The hip axis in the pod frame for the nominal placement (flexion about −y, abduction about −x on the right side).
        double side = citizen.Side == BodySide.Right ? 1 : -1;
        Vec3 h = BandPlacement.For(BandSite.Thigh, citizen.Dimensions, citizen.Side).NominalMounting
            .RotateInverse(flexion ? new Vec3(0, -1, 0) : new Vec3(-side, 0, 0));
        hip.SetAxisHint(h.X, h.Y, h.Z);
        double sum = 0, trueMax = double.NegativeInfinity, estMax = double.NegativeInfinity, repSum = 0, est0 = 0, truth0 = 0;
        int n = 0, repN = 0, rep = -1;
        foreach (SessionSample s in sim.Samples())
        {
            ImuSample a = SimulatedKneeSession.Correct(imu.Process(s.Thigh), calibration);
            hip.Update(0.01, (float)a.AccelerationMPerS2.X, (float)a.AccelerationMPerS2.Y, (float)a.AccelerationMPerS2.Z,
                (float)a.AngularVelocityRadPerS.X, (float)a.AngularVelocityRadPerS.Y, (float)a.AngularVelocityRadPerS.Z);
            double truth = flexion ? s.HipFlexionRad : s.HipAbductionRad;
            if (!hip.IsValid && s.TimeS >= 2.0) hip.CaptureReference(truth);
            if (!hip.IsValid || s.TimeS < 10) continue;
            double e = hip.AngleRad - truth;
            sum += e * e;
            n++;
            // Within a rep, from its start (what the rep core uses: excursions from the citizen's start pose).
            if (s.RepIndex >= 0)
            {
                int id = s.SetIndex * 1000 + s.RepIndex;
                if (id != rep) (rep, est0, truth0) = (id, hip.AngleRad, truth);
                double r = (hip.AngleRad - est0) - (truth - truth0);
                repSum += r * r;
                repN++;
            }
            trueMax = Math.Max(trueMax, truth);
            estMax = Math.Max(estMax, hip.AngleRad);
        }
        Assert.True(n > 3000, $"only {n} scored samples");
        return (Math.Sqrt(sum / n) * Deg, (estMax - trueMax) * Deg, Math.Sqrt(repSum / Math.Max(1, repN)) * Deg);
    }

    public static TheoryData<int, CitizenArchetype, string, ExerciseLevel> Sessions => new()
    {
        { 301, CitizenArchetype.EarlyPostOp, ExerciseCatalogue.StraightLegRaise, ExerciseLevel.Easy },
        { 302, CitizenArchetype.LatePostOp, ExerciseCatalogue.StraightLegRaise, ExerciseLevel.Medium },
        { 303, CitizenArchetype.Healthy, ExerciseCatalogue.StraightLegRaise, ExerciseLevel.Hard },
        { 304, CitizenArchetype.EarlyPostOp, ExerciseCatalogue.HipAbduction, ExerciseLevel.Easy },
        { 305, CitizenArchetype.LatePostOp, ExerciseCatalogue.HipAbduction, ExerciseLevel.Medium },
        { 306, CitizenArchetype.Healthy, ExerciseCatalogue.HipAbduction, ExerciseLevel.Hard },
    };

    /// <summary>
    /// Absolute angle (RMSE and session peak within 3°) and within each rep from its start pose (what the rep core measures,
    /// within 2°). Supine abduction is gyro only about the vertical; without the start-pose range hold its absolute angle
    /// drifted between reps with the gyro's warm-up (RMSE 0.7 / 6.6 / 14.2° on seeds 306 / 304 / 305; now 0.45 / 0.69 / 0.93°).
    /// </summary>
    [Theory]
    [MemberData(nameof(Sessions))]
    public void Hip_flexion_and_abduction_follow_the_true_angle(int seed, CitizenArchetype archetype, string exerciseId, ExerciseLevel level)
    {
        (double rmse, double peakError, double inRep) = Run(seed, archetype, exerciseId, level);
        output.WriteLine($"{seed} {exerciseId} {level}: RMSE {rmse:F2}°, peak error {peakError:F2}°, within reps {inRep:F2}°");
        Assert.True(inRep <= 2.0, $"within reps {inRep:F2}°");
        Assert.True(rmse <= 3.0, $"RMSE {rmse:F2}°");
        Assert.True(Math.Abs(peakError) <= 3.0, $"peak {peakError:F2}° off");
    }

    [Fact]
    public void Updating_allocates_nothing()
    {
        var hip = new HipAngleEstimator();
        var rng = new Random(3);
        for (int i = 0; i < 300; i++) hip.Update(0.01, 0.01f * (float)rng.NextDouble(), 0, 9.81f, 0, 0.001f, 0);
        Assert.True(hip.CaptureReference(0));
        Assert.Equal(0, Allocations.MinimumOver(3, () =>
        {
            for (int i = 0; i < 10_000; i++)
                hip.Update(0.01, 0.02f * (float)Math.Sin(i * 0.01), 0.1f, 9.81f, 0.3f * (float)Math.Cos(i * 0.01), 0.001f, 0);
        }));
    }
}
