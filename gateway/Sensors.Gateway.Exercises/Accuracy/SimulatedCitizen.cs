using System;
using System.Collections.Generic;
using Sensors.Band.Joint;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.People;
using BandImuCalibration = Sensors.Band.Calibration.ImuCalibration;
using HwLevel = Sensors.Hardware.Exercises.ExerciseLevel;

namespace Sensors.Gateway.Exercises.Accuracy;

/// <summary>
/// A simulated citizen with their two bands, fitted once: the first fitting (heel slides, easy, 1 × 6) with the reference
/// pose taken 2 s in (lying still, the true knee angle as the goniometer value), as in the band core's simulated knee
/// session harness. Every evaluated session then loads the stored <see cref="MountingRecord"/> and takes no reference pose
/// for the knee (what a home session does).
/// </summary>
public sealed class SimulatedCitizen
{
    /// <summary>Time of the reference pose after the session start, s (the citizen lies/sits still in the start pose).</summary>
    public const double ReferencePoseAtS = 2.0;

    private SimulatedCitizen(int seed, CitizenProfile profile, MountingRecord record, BandImuCalibration? thighCalibration, BandImuCalibration? shankCalibration)
    {
        Seed = seed;
        Profile = profile;
        Mounting = record;
        ThighCalibration = thighCalibration;
        ShankCalibration = shankCalibration;
    }

    /// <summary>
    /// Whether new citizens' bands carry their factory (bench) calibration, as a shipped band does (default true);
    /// false = raw parts (a band without its calibration record; diagnostics, the study before issue #4's calibration step).
    /// </summary>
    public static bool FactoryCalibrated { get; set; } = true;

    /// <summary>The thigh part's factory calibration (null = raw part).</summary>
    public BandImuCalibration? ThighCalibration { get; }

    /// <summary>The shank part's factory calibration (null = raw part).</summary>
    public BandImuCalibration? ShankCalibration { get; }

    /// <summary>The citizen seed (also the band seed: the parts of the two MPU-6500s are drawn from it).</summary>
    public int Seed { get; }

    public CitizenProfile Profile { get; }

    /// <summary>The knee mounting stored after the first fitting.</summary>
    public MountingRecord Mounting { get; }

    /// <summary>What the gateway knows of this citizen's range (from the therapist's assessment).</summary>
    public CitizenBaseline Baseline => new()
    {
        KneeExtensionLimitRad = Profile.KneeExtensionLimitRad,
        MaxKneeFlexionRad = Profile.MaxKneeFlexionRad,
        MaxHipFlexionRad = Profile.MaxHipFlexionRad,
        MaxHipAbductionRad = Profile.MaxHipAbductionRad,
    };

    /// <summary>The thigh band's part (MPU-6500 error parameters drawn from the seed).</summary>
    public ImuErrorParameters ThighPart => ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, Seed * 2 + 1);

    public ImuErrorParameters ShankPart => ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, Seed * 2 + 2);

    /// <summary>Draws the citizen of an archetype from a seed and runs the first fitting.</summary>
    public static SimulatedCitizen Create(int seed, CitizenArchetype archetype)
    {
        CitizenProfile profile = CitizenProfile.Draw(seed, archetype);
        IReadOnlyList<ProgramItem> fitting = [new("heel_slide", HwLevel.Easy, 1, 6)];
        var sim = new SessionSimulator(profile with { Slip = null }, fitting, 100.0, seed + 500_000);
        ImuErrorParameters thighPart = ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, seed * 2 + 1);
        ImuErrorParameters shankPart = ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, seed * 2 + 2);
        BandImuCalibration? thighCal = FactoryCalibrated ? BenchFactoryCalibration.For(thighPart, seed * 2 + 1) : null;
        BandImuCalibration? shankCal = FactoryCalibrated ? BenchFactoryCalibration.For(shankPart, seed * 2 + 2) : null;
        var thigh = new SimulatedImu(thighPart, seed * 7 + 1);
        var shank = new SimulatedImu(shankPart, seed * 7 + 2);
        JointAngleEstimator knee = NewKneeEstimator(profile);
        bool referenced = false;
        var scratch = new float[6];
        foreach (SessionSample s in sim.Samples())
        {
            ImuSample a = BenchFactoryCalibration.Apply(thigh.Process(s.Thigh), thighCal, scratch), b = BenchFactoryCalibration.Apply(shank.Process(s.Shank), shankCal, scratch);
            UpdateKnee(knee, 0.01, a, b);
            if (!referenced && s.TimeS >= ReferencePoseAtS) referenced = knee.CaptureReferencePose(s.KneeFlexionRad);
        }
        var record = new MountingRecord();
        record.CopyFrom(knee.Mounting);
        return new SimulatedCitizen(seed, profile, record, thighCal, shankCal);
    }

    /// <summary>A knee estimator with the nominal-placement sign hints for this citizen.</summary>
    internal static JointAngleEstimator NewKneeEstimator(CitizenProfile profile)
    {
        var est = new JointAngleEstimator(new JointAngleSettings());
        Sensors.Hardware.Math.Vec3 h1 = BandPlacement.For(BandSite.Thigh, profile.Dimensions, profile.Side).NominalMounting.RotateInverse(Sensors.Hardware.Math.Vec3.UnitY);
        Sensors.Hardware.Math.Vec3 h2 = BandPlacement.For(BandSite.Shank, profile.Dimensions, profile.Side).NominalMounting.RotateInverse(Sensors.Hardware.Math.Vec3.UnitY);
        est.Axis.SetAxisHints(h1.X, h1.Y, h1.Z, h2.X, h2.Y, h2.Z);
        return est;
    }

    internal static void UpdateKnee(JointAngleEstimator est, double dtS, in ImuSample a, in ImuSample b) =>
        est.Update(dtS,
            (float)a.AccelerationMPerS2.X, (float)a.AccelerationMPerS2.Y, (float)a.AccelerationMPerS2.Z,
            (float)a.AngularVelocityRadPerS.X, (float)a.AngularVelocityRadPerS.Y, (float)a.AngularVelocityRadPerS.Z,
            (float)b.AccelerationMPerS2.X, (float)b.AccelerationMPerS2.Y, (float)b.AccelerationMPerS2.Z,
            (float)b.AngularVelocityRadPerS.X, (float)b.AngularVelocityRadPerS.Y, (float)b.AngularVelocityRadPerS.Z);

    public override string ToString() => $"citizen {Seed} ({Profile.Archetype})";
}
