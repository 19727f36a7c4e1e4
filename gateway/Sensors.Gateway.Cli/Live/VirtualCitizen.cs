using System;
using System.Collections.Generic;
using System.Globalization;
using Sensors.Band.Host;
using Sensors.Band.Joint;
using HipAngleEstimator = Sensors.Band.Joint.HipAngleEstimator;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Accuracy;
using Sensors.Gateway.Exercises.Estimation;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Gateway.Intake.Transports;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;
using Exercise = Sensors.Gateway.Exercises.Exercise;
using ExerciseCatalogue = Sensors.Gateway.Exercises.ExerciseCatalogue;
using HwLevel = Sensors.Hardware.Exercises.ExerciseLevel;
using PrimaryAngle = Sensors.Gateway.Exercises.PrimaryAngle;

namespace Sensors.Gateway.Cli.Live;

/// <summary>
/// A simulated citizen wearing the virtual band (no hardware): for each program item the motion model simulates that
/// exercise (seed = citizen seed + 1000 · item index), the firmware's <see cref="VirtualBand"/> (two simulated MPU-6500s,
/// band core fusion, the same IMU parts for every item) streams angle frames over a simulated link. The first fitting's
/// reference pose (2 s in, the simulator's true angle as the therapist's goniometer) is taken only when the store holds
/// no mounting for this citizen and band; otherwise the stored mounting is loaded and there is no calibration step.
/// The simulator's ground truth per item is kept for comparison (<see cref="Truth"/>).
/// </summary>
public sealed class VirtualCitizen
{
    private readonly Dictionary<int, SessionSimulator> _sims = [];
    private Sensors.Band.Calibration.ImuCalibration? _thighCal;
    private Sensors.Band.Calibration.ImuCalibration? _shankCal;

    public VirtualCitizen(int seed, CitizenArchetype archetype = CitizenArchetype.Healthy, LinkSettings? link = null, bool realTime = false)
    {
        Seed = seed;
        Profile = CitizenProfile.Draw(seed, archetype);
        Link = link ?? new LinkSettings { BaseDelayS = 0.008, JitterMeanS = 0.005, BandClockPpm = 20, Seed = seed };
        RealTime = realTime;
        BandId = "virtual-" + seed.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether the band carries its factory (bench) calibration, as shipped (default true); false = raw parts (a band
    /// without its calibration record, diagnostics).
    /// </summary>
    public bool FactoryCalibrated { get; init; } = true;

    /// <summary>The thigh part's factory calibration (bench: six-position cube + rate table on the band's own part).</summary>
    public Sensors.Band.Calibration.ImuCalibration ThighCalibration => _thighCal ??= BenchFactoryCalibration.For(ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, Seed), Seed);

    /// <summary>The shank part's factory calibration.</summary>
    public Sensors.Band.Calibration.ImuCalibration ShankCalibration => _shankCal ??= BenchFactoryCalibration.For(ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, Seed + 1), Seed + 1);

    /// <summary>Seed of the citizen, straps, sensors and link.</summary>
    public int Seed { get; }

    /// <summary>The simulated citizen.</summary>
    public CitizenProfile Profile { get; }

    /// <summary>Link settings (loss, duplicates, clock ppm …); the seed is varied per item.</summary>
    public LinkSettings Link { get; }

    /// <summary>Paced at the band rate (else as fast as possible).</summary>
    public bool RealTime { get; }

    /// <summary>The band's id (one band for the whole session).</summary>
    public string BandId { get; }

    /// <summary>The citizen's ROM limits as the therapist measured them (the rep core's baseline).</summary>
    public CitizenBaseline Baseline => new()
    {
        KneeExtensionLimitRad = Profile.KneeExtensionLimitRad,
        MaxKneeFlexionRad = Profile.MaxKneeFlexionRad,
        MaxHipFlexionRad = Profile.MaxHipFlexionRad,
        MaxHipAbductionRad = Profile.MaxHipAbductionRad,
    };

    /// <summary>The simulated session of program item <paramref name="index"/> (created on first use).</summary>
    public SessionSimulator Simulation(ProgramEntry item, int index)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_sims.TryGetValue(index, out SessionSimulator? sim))
        {
            var level = Enum.Parse<HwLevel>(item.LevelValue.ToString(), ignoreCase: true);
            sim = new SessionSimulator(Profile, [new ProgramItem(item.ExerciseId, level, item.Sets, item.Reps)], 100.0, Seed + 1000 * index);
            _sims[index] = sim;
        }

        return sim;
    }

    /// <summary>The simulator's own summary of what the citizen did in item <paramref name="index"/>.</summary>
    public SessionSummary Truth(ProgramEntry item, int index) => Simulation(item, index).SummarizeSession();

    /// <summary>The band factory for <see cref="LiveSession"/>.</summary>
    public LiveBand OpenBand(BandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SessionSimulator sim = Simulation(request.Item, request.Index);
        Exercise exercise = ExerciseCatalogue.Default.Get(request.Item.ExerciseId);
        // The reference pose is taken by the gateway (below), 2 s in, as in the accuracy study: never by the band itself.
        // A shipped band carries its parts' factory (bench) calibration; the band applies it to every sample of its angle
        // frames, the gateway to the raw frames of a hip exercise (as the accuracy study's SimulatedCitizen does).
        var settings = new VirtualBandSettings
        {
            ImuSeed = Seed, ReferencePoseAtS = double.NaN,
            ThighCalibration = FactoryCalibrated ? ThighCalibration : null, ShankCalibration = FactoryCalibrated ? ShankCalibration : null,
        };
        var link = new LinkSettings
        {
            LossProbability = Link.LossProbability, DuplicateProbability = Link.DuplicateProbability, ReorderProbability = Link.ReorderProbability,
            BandClockPpm = Link.BandClockPpm, ClockOffsetS = Link.ClockOffsetS, BaseDelayS = Link.BaseDelayS, JitterMeanS = Link.JitterMeanS,
            Seed = Link.Seed + 7919 * request.Index,
        };
        VirtualBandTransport t = VirtualBandTransport.Create(BandId, sim, settings, link, RealTime);
        if (exercise.IsHipExercise)
        {
            // The band's angle frames carry the knee only: raw frames, the gateway-side thigh estimator with the nominal
            // placement's axis hint (hip flexion about the thigh's −y, abduction about ∓x by side), as in the accuracy study.
            var hip = new HipAngleEstimator();
            BandPlacement placement = BandPlacement.For(BandSite.Thigh, Profile.Dimensions, Profile.Side);
            double side = Profile.Side == BodySide.Right ? 1 : -1;
            Vec3 axisSegment = exercise.PrimaryAngle == PrimaryAngle.HipFlexion ? new Vec3(0, -1, 0) : new Vec3(-side, 0, 0);
            Vec3 h = placement.NominalMounting.RotateInverse(axisSegment);
            hip.SetAxisHint(h.X, h.Y, h.Z);
            PrimaryAngle angle = exercise.PrimaryAngle;
            return new LiveBand(t, null, null, hip, bandTimeS =>
            {
                SessionSample truth = sim.SampleAt(bandTimeS);
                return angle == PrimaryAngle.HipFlexion ? truth.HipFlexionRad : truth.HipAbductionRad;
            }, settings.ThighCalibration);
        }

        bool extending = exercise.Level(request.Item.LevelValue).Sign < 0;
        VirtualBand band = t.Band;
        return new LiveBand(t, band.Estimator, bandTimeS => bandTimeS >= ReferencePoseAtS - 1e-9 && KneeReferencePose.Capture(band.Estimator, band.Estimator.Mounting.HasAxes ? band.Estimator.Mounting : null, band.CurrentTruth.KneeFlexionRad, extending));
    }

    /// <summary>Time of the session's reference pose after the start, s (the citizen still in the start posture).</summary>
    public const double ReferencePoseAtS = 2.0;
}
