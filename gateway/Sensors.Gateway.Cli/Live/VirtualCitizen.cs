using System;
using System.Collections.Generic;
using System.Globalization;
using Sensors.Band.Host;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Gateway.Intake.Transports;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;
using HwLevel = Sensors.Hardware.Exercises.ExerciseLevel;

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

    public VirtualCitizen(int seed, CitizenArchetype archetype = CitizenArchetype.Healthy, LinkSettings? link = null, bool realTime = false)
    {
        Seed = seed;
        Profile = CitizenProfile.Draw(seed, archetype);
        Link = link ?? new LinkSettings { BaseDelayS = 0.008, JitterMeanS = 0.005, BandClockPpm = 20, Seed = seed };
        RealTime = realTime;
        BandId = "virtual-" + seed.ToString(CultureInfo.InvariantCulture);
    }

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
        var settings = new VirtualBandSettings { ImuSeed = Seed };
        if (request.HasStoredMounting(BandId)) settings.ReferencePoseAtS = double.NaN; // no calibration step
        var link = new LinkSettings
        {
            LossProbability = Link.LossProbability, DuplicateProbability = Link.DuplicateProbability, ReorderProbability = Link.ReorderProbability,
            BandClockPpm = Link.BandClockPpm, ClockOffsetS = Link.ClockOffsetS, BaseDelayS = Link.BaseDelayS, JitterMeanS = Link.JitterMeanS,
            Seed = Link.Seed + 7919 * request.Index,
        };
        VirtualBandTransport t = VirtualBandTransport.Create(BandId, sim, settings, link, RealTime);
        return new LiveBand(t, t.Band.Estimator);
    }
}
