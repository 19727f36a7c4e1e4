using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Intake;
using Sensors.Gateway.Intake.Angles;
using Sensors.Gateway.Intake.Transports;
using GwExercise = Sensors.Gateway.Exercises.Exercise;
using GwLevel = Sensors.Gateway.Exercises.ExerciseLevel;

namespace Sensors.Gateway.Cli.Live;

/// <summary>What a live (or replayed) session produced; every number comes from the pipeline, not from the source.</summary>
public sealed record LiveSummary(
    string BandId, long Datagrams, long Accepted, long Lost, long Duplicates, long Reordered, long Malformed, long Gaps,
    double DriftPpm, long AngleSamples, int RepsComplete, int RepsReported, IReadOnlyList<Rep> Reps, IReadOnlyList<IntakeError> Errors);

/// <summary>
/// The gateway's live pipeline for one band: transport → <see cref="FrameIntake"/> (order, loss, clock) →
/// <see cref="AngleFeed"/> (band angles, or the band core gateway-side for raw frames) → the rep core
/// (<see cref="RepDetector"/> with the catalogue's settings for the exercise and level) → progress callback.
/// Gaps reach the rep core as invalid samples (never interpolated). Optional frame capture (<see cref="FrameLog"/>).
/// TODO(pipeline): feed <c>FeedbackEngine</c> (program-level sets/rests) and the session recorder/outbox
/// (Sensors.Gateway.Sessions) from <see cref="OnAngle"/>; both landed after this class was written.
/// </summary>
public sealed class LiveSession
{
    private readonly IBandTransport _transport;
    private readonly RepDetector _reps;
    private readonly FrameIntake _intake;
    private readonly List<Rep> _repList = [];
    private readonly List<IntakeError> _errors = [];
    private readonly double _periodS;
    private double _lastBandTimeS = double.NaN;

    public LiveSession(IBandTransport transport, GwExercise exercise, GwLevel level, double sampleRateHz = 100)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        ArgumentNullException.ThrowIfNull(exercise);
        _periodS = 1.0 / sampleRateHz;
        _reps = new RepDetector(Sensors.Gateway.Exercises.ExerciseRepSettings.For(exercise, level, null, sampleRateHz), 0);
        Feed = new AngleFeed(OnAngle, OnGap, _errors.Add);
        _intake = new FrameIntake(transport.DeviceId, Feed);
    }

    /// <summary>The angle feed (last status, gateway-side estimator for raw frames).</summary>
    public AngleFeed Feed { get; }

    /// <summary>The intake (counters, clock).</summary>
    public FrameIntake Intake => _intake;

    /// <summary>The rep core.</summary>
    public RepDetector RepCore => _reps;

    /// <summary>Called after each rep (progress display).</summary>
    public Action<Rep>? RepCompleted { get; set; }

    /// <summary>Called for each angle sample (progress display).</summary>
    public Action<AngleSample>? AngleReceived { get; set; }

    /// <summary>Runs until the transport ends or the token fires; frames are captured to <paramref name="capture"/> when given.</summary>
    public async Task<LiveSummary> RunAsync(FrameLogWriter? capture = null, CancellationToken cancellationToken = default)
    {
        await _transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (ReceivedFrame f in _transport.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
            {
                capture?.Write(f);
                _intake.Accept(f);
            }
        }
        catch (OperationCanceledException)
        {
            // stop requested: keep what was accepted
        }

        _intake.Flush();
        await _transport.DisconnectAsync().ConfigureAwait(false);
        IntakeCounters c = _intake.Counters;
        return new LiveSummary(_transport.DeviceId, c.Datagrams, c.Accepted, c.Lost, c.Duplicates, c.Reordered, c.Malformed, c.Gaps,
            _intake.Clock.DriftPpm, Feed.Samples, _reps.RepsComplete, _reps.RepsReported, _repList, _errors);
    }

    private void OnAngle(AngleSample s)
    {
        // Samples lost in between go to the rep core as invalid, one per missing period: its clock stays the band's.
        if (!double.IsNaN(_lastBandTimeS))
        {
            int missing = (int)Math.Round((s.BandTimeS - _lastBandTimeS) / _periodS) - 1;
            for (int i = 0; i < Math.Min(missing, 1000); i++) _reps.Process(0f, false);
        }

        _lastBandTimeS = s.BandTimeS;
        RepEvents e = _reps.Process((float)s.KneeFlexionRad, s.Valid && !double.IsNaN(s.KneeFlexionRad));
        if ((e & RepEvents.RepEnded) != 0 && _reps.TryGetLastRep(out Rep rep))
        {
            _repList.Add(rep);
            RepCompleted?.Invoke(rep);
        }

        AngleReceived?.Invoke(s);
    }

    private static void OnGap(IntakeGap gap)
    {
        // Marked by the invalid samples above; the recorder will store it as a null span (TODO with Sessions).
    }
}
