using System;
using System.Collections.Generic;
using Sensors.Band.Joint;
using HipAngleEstimator = Sensors.Band.Joint.HipAngleEstimator;
using Sensors.Gateway.Exercises.Estimation;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using HwLevel = Sensors.Hardware.Exercises.ExerciseLevel;

namespace Sensors.Gateway.Exercises.Accuracy;

/// <summary>
/// One simulated home session of one exercise at one level (the level's sets × reps) through the real chain:
/// <see cref="SessionSimulator"/> → two <see cref="SimulatedImu"/> (MPU-6500 error model) → the band core's
/// <see cref="JointAngleEstimator"/> (knee exercises, stored mounting) or <see cref="HipAngleEstimator"/> (hip exercises,
/// thigh band only, reference at 2 s in the start posture) → the primary angle per sample, next to the ground truth.
/// </summary>
public sealed class SimulatedExerciseSession
{
    /// <summary>Sample rate of the simulated band, Hz.</summary>
    public const double SampleRateHz = 100.0;

    private SimulatedExerciseSession(SimulatedCitizen citizen, Exercise exercise, ExerciseLevel level, int seed, SessionSimulator sim,
        double[] t, double[] truth, double[] estimate, SessionPhase[] phase)
    {
        Citizen = citizen;
        Exercise = exercise;
        Level = level;
        Seed = seed;
        Simulator = sim;
        TimeS = t;
        TrueAngleRad = truth;
        AngleRad = estimate;
        Phase = phase;
    }

    public SimulatedCitizen Citizen { get; }

    public Exercise Exercise { get; }

    public ExerciseLevel Level { get; }

    /// <summary>Session seed (tempo, partial reps, pauses, fidgets, sensor noise).</summary>
    public int Seed { get; }

    /// <summary>The simulator (ground-truth reps and events).</summary>
    public SessionSimulator Simulator { get; }

    public double[] TimeS { get; }

    /// <summary>True primary angle, rad.</summary>
    public double[] TrueAngleRad { get; }

    /// <summary>Estimated primary angle, rad (NaN while the estimator has no angle).</summary>
    public double[] AngleRad { get; }

    /// <summary>What the citizen was doing at each sample (ground truth, for scoring only).</summary>
    public SessionPhase[] Phase { get; }

    /// <summary>Runs the session.</summary>
    public static SimulatedExerciseSession Run(SimulatedCitizen citizen, Exercise exercise, ExerciseLevel level, int seed)
        => Run(citizen, exercise, level, seed, KneeStart);

    /// <summary>How the knee estimator starts a session (diagnostics; the study uses <see cref="KneeStart"/>).</summary>
    public static KneeSessionStart KneeStart { get; set; } = KneeSessionStart.StoredMountingAndReferencePose;

    /// <summary>Runs the session with an explicit knee start.</summary>
    public static SimulatedExerciseSession Run(SimulatedCitizen citizen, Exercise exercise, ExerciseLevel level, int seed, KneeSessionStart kneeStart)
    {
        ArgumentNullException.ThrowIfNull(citizen);
        ArgumentNullException.ThrowIfNull(exercise);
        LevelPrescription p = exercise.Level(level);
        var program = new List<ProgramItem> { new(exercise.Id, (HwLevel)(int)level, p.Sets, p.Reps) };
        var sim = new SessionSimulator(citizen.Profile, program, SampleRateHz, seed);
        var thigh = new SimulatedImu(citizen.ThighPart, seed * 7 + 1);
        var shank = new SimulatedImu(citizen.ShankPart, seed * 7 + 2);
        JointAngleEstimator? knee = null;
        HipAngleEstimator? hip = null;
        if (exercise.IsHipExercise)
        {
            hip = new HipAngleEstimator();
            BandPlacement placement = BandPlacement.For(BandSite.Thigh, citizen.Profile.Dimensions, citizen.Profile.Side);
            double s = citizen.Profile.Side == BodySide.Right ? 1 : -1;
            Vec3 axisSegment = exercise.PrimaryAngle == PrimaryAngle.HipFlexion ? new Vec3(0, -1, 0) : new Vec3(-s, 0, 0);
            Vec3 h = placement.NominalMounting.RotateInverse(axisSegment);
            hip.SetAxisHint(h.X, h.Y, h.Z);
        }
        else
        {
            knee = SimulatedCitizen.NewKneeEstimator(citizen.Profile);
            if (kneeStart != KneeSessionStart.ReferencePoseOnly) knee.LoadMounting(citizen.Mounting);
        }
        bool kneeReferenced = knee is null || kneeStart == KneeSessionStart.StoredMountingOnly;

        int n = sim.SampleCount;
        var t = new double[n];
        var truth = new double[n];
        var est = new double[n];
        var phase = new SessionPhase[n];
        const double dt = 1.0 / SampleRateHz;
        int k = 0;
        var scratch = new float[6];
        foreach (SessionSample s in sim.Samples())
        {
            ImuSample a = BenchFactoryCalibration.Apply(thigh.Process(s.Thigh), citizen.ThighCalibration, scratch);
            t[k] = s.TimeS;
            phase[k] = s.Phase;
            truth[k] = exercise.PrimaryAngle switch
            {
                PrimaryAngle.KneeFlexion => s.KneeFlexionRad,
                PrimaryAngle.HipFlexion => s.HipFlexionRad,
                _ => s.HipAbductionRad,
            };
            if (knee is not null)
            {
                ImuSample b = BenchFactoryCalibration.Apply(shank.Process(s.Shank), citizen.ShankCalibration, scratch);
                SimulatedCitizen.UpdateKnee(knee, dt, a, b);
                if (!kneeReferenced && s.TimeS >= SimulatedCitizen.ReferencePoseAtS) kneeReferenced = KneeReferencePose.Capture(knee, kneeStart == KneeSessionStart.StoredMountingAndReferencePose ? citizen.Mounting : null, s.KneeFlexionRad, p.Sign < 0);
                // Counting starts once the session's zero is set (a re-zero is a step the rep core would take for a move).
                est[k] = knee.IsValid && kneeReferenced ? knee.FlexionRad : double.NaN;
            }
            else
            {
                hip!.Update(dt, (float)a.AccelerationMPerS2.X, (float)a.AccelerationMPerS2.Y, (float)a.AccelerationMPerS2.Z,
                    (float)a.AngularVelocityRadPerS.X, (float)a.AngularVelocityRadPerS.Y, (float)a.AngularVelocityRadPerS.Z);
                if (!hip.IsValid && s.TimeS >= SimulatedCitizen.ReferencePoseAtS) hip.CaptureReference(truth[k]);
                est[k] = hip.IsValid ? hip.AngleRad : double.NaN;
            }
            k++;
        }
        return new SimulatedExerciseSession(citizen, exercise, level, seed, sim, t, truth, est, phase);
    }
}

/// <summary>How a simulated session starts the knee estimator.</summary>
public enum KneeSessionStart
{
    /// <summary>The stored mounting of the first fitting, no reference pose (a home session).</summary>
    StoredMountingOnly,

    /// <summary>The stored mounting plus a reference pose 2 s in with the true angle (the goniometer value).</summary>
    StoredMountingAndReferencePose,

    /// <summary>Cold axes, reference pose 2 s in with the true angle (the band core harness's first fitting).</summary>
    ReferencePoseOnly,
}
