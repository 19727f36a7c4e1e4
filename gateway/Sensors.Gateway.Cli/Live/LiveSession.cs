using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Band.Joint;
using HipAngleEstimator = Sensors.Band.Joint.HipAngleEstimator;
using Sensors.Gateway.Calibration;
using Sensors.Gateway.Core.Reps;
using Sensors.Band.Protocol;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Estimation;
using Sensors.Gateway.Exercises.Feedback;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Gateway.Intake;
using Sensors.Gateway.Intake.Angles;
using Sensors.Gateway.Intake.Transports;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using RecordedAngle = Sensors.Gateway.Sessions.Recording.AngleSample;

namespace Sensors.Gateway.Cli.Live;

/// <summary>What the session asks of the band source for one program item.</summary>
/// <param name="Item">The program item (exercise, level, sets × reps).</param>
/// <param name="Index">0-based index of the item in the program.</param>
/// <param name="HasStoredMounting">True when the calibration store holds a mounting for this citizen, the given band and the placement (no calibration step then).</param>
public sealed record BandRequest(ProgramEntry Item, int Index, Func<string, bool> HasStoredMounting);

/// <summary>
/// A band for one exercise: its transport and, when the gateway can reach it, the joint-angle estimator whose mounting the
/// <see cref="MountingSupervisor"/> keeps in the store (the virtual band's estimator; the gateway-side estimator for raw
/// frames; null for a band that computes angles out of reach — its mounting then stays on the band).
/// </summary>
/// <param name="Transport">The band's transport.</param>
/// <param name="MountingEstimator">The knee estimator whose mounting the supervisor keeps (null = none reachable).</param>
/// <param name="KneeReferencePose">
/// The session's reference pose for a knee exercise, called with the band time of each knee sample until it returns true
/// (the pose was taken). Until then the session's zero is not set and samples reach the rep core as invalid (as in the
/// accuracy study). Null = no reference pose (the stored mounting's zero is used from the first sample).
/// </param>
/// <param name="Hip">
/// For a hip exercise: the gateway-side thigh estimator (axis hint set). The session then switches the band to raw IMU
/// frames (SetMode command) and feeds the thigh frames to it; the band's angle frames carry the knee only. Null = knee angle.
/// </param>
/// <param name="HipReferenceRad">The hip angle of the start posture at a band time (the therapist's goniometer), used once 2 s in.</param>
/// <param name="ThighFactoryCalibration">
/// The thigh IMU's factory (bench) calibration from the band's calibration record, applied gateway-side to the raw thigh
/// frames of a hip exercise (raw frames carry uncalibrated counts; the band applies it to its own angle frames). Null = none.
/// </param>
public sealed record LiveBand(IBandTransport Transport, JointAngleEstimator? MountingEstimator = null,
    Func<double, bool>? KneeReferencePose = null, HipAngleEstimator? Hip = null, Func<double, double>? HipReferenceRad = null,
    Sensors.Band.Calibration.ImuCalibration? ThighFactoryCalibration = null);

/// <summary>Settings of a <see cref="LiveSession"/>; defaults documented in gateway/README.md ("Live session").</summary>
public sealed record LiveSessionOptions
{
    /// <summary>Site id (MQTT tree). Default <c>home</c>.</summary>
    public string Site { get; init; } = "home";

    /// <summary>Gateway id (MQTT tree). Default <c>gw-1</c>.</summary>
    public string Gateway { get; init; } = "gw-1";

    /// <summary>Pseudonymous citizen id (never a name). Default <c>citizen-1</c>.</summary>
    public string Citizen { get; init; } = "citizen-1";

    /// <summary>Band placement for the mounting store. Default <c>left_knee</c>.</summary>
    public string Placement { get; init; } = "left_knee";

    /// <summary>Session id; null = <c>{gateway}-{start UTC yyyyMMdd-HHmmss}</c>.</summary>
    public string? SessionId { get; init; }

    /// <summary>Program id written into the summary (null = the catalogue default program).</summary>
    public string? ProgramId { get; init; }

    /// <summary>Band sample rate, Hz. Default 100.</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>The citizen's ROM limits for the rep core (null = catalogue defaults).</summary>
    public CitizenBaseline? Baseline { get; init; }

    /// <summary>
    /// Rest between sets, s, overriding the level's (null = the level's). A simulated citizen follows its own script, not
    /// the display: use 0 so reps done while the display would say "rest" are still counted.
    /// </summary>
    public double? RestOverrideS { get; init; }

    /// <summary>
    /// Whether a home session (stored mounting loaded) writes its refinements, slip re-fits and session-end mounting back
    /// to the store. Default false: every session loads the first fitting's mounting (as the accuracy study does) and
    /// only logs suspected slips; a first fitting always stores. True: the <see cref="MountingSupervisor"/> defaults
    /// (measured: with seed 3 the refits after false slips, written back, cost the later exercises ~25 reps of 138).
    /// </summary>
    public bool UpdateStoredMounting { get; init; }

    /// <summary>Session start (wall clock); null = now. Session times run on the band clock from here.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>One exercise of a live session as the pipeline saw it.</summary>
public sealed record LiveExerciseResult(
    ProgramEntry Item, string BandId, double OffsetS, double DurationS, IntakeCounters Counters, double DriftPpm,
    long AngleSamples, IReadOnlyList<Rep> Reps, int SetsDone, int SlipsDetected, bool MountingWasStored, IReadOnlyList<IntakeError> Errors)
{
    /// <summary>Complete reps counted.</summary>
    public int RepsComplete => Reps.Count(r => r.Complete);
}

/// <summary>What a session produced: per-exercise results, the record handed to the recorder and what the outbox stored.</summary>
public sealed record LiveSessionResult(string SessionId, IReadOnlyList<LiveExerciseResult> Exercises, SessionRecord Record,
    RecordedSession? Recorded, IReadOnlyList<string> MountingLog);

/// <summary>
/// The gateway's live pipeline for one citizen session: the program (cached from the therapist, or a catalogue default) →
/// for each exercise: band transport → <see cref="FrameIntake"/> (order, loss, clock) → <see cref="AngleFeed"/> →
/// <see cref="FeedbackEngine"/> (the rep core inside: sets, rests, hold countdown) → <see cref="Feedback"/> callback;
/// <see cref="MountingSupervisor"/> loads the stored mounting at the start (the first fitting stores it) and logs slips
/// without ever asking the citizen; at the end the <see cref="SessionRecorder"/> builds the contract messages and writes
/// them durably to the <see cref="SessionOutbox"/> (one transaction) before anything is published — publishing is the
/// uplink's job (<see cref="OutboxPublisher"/>). Gaps reach the rep core and the recorder as invalid samples
/// (never interpolated). Session time runs on the band clock: exercise k starts where exercise k−1 ended.
/// </summary>
public sealed class LiveSession
{
    private readonly CitizenProgram _program;
    private readonly Func<BandRequest, LiveBand> _bands;
    private readonly SessionOutbox? _outbox;
    private readonly SqliteCalibrationStore? _calibration;
    private readonly List<RecordedAngle> _angles = [];
    private readonly List<RepResult> _reps = [];
    private readonly List<Sessions.Recording.SessionEvent> _events = [];
    private readonly List<string> _mountingLog = [];

    /// <param name="program">The citizen's program (validated against the catalogue).</param>
    /// <param name="bands">Opens the band for each program item (virtual, serial, replay).</param>
    /// <param name="outbox">Where the session is recorded; null = not recorded (a dry replay).</param>
    /// <param name="calibration">The mounting store; null = no mounting kept (replay).</param>
    /// <param name="options">Ids, rate, baseline.</param>
    public LiveSession(CitizenProgram program, Func<BandRequest, LiveBand> bands, SessionOutbox? outbox = null,
        SqliteCalibrationStore? calibration = null, LiveSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        _program = program.Validate();
        _bands = bands ?? throw new ArgumentNullException(nameof(bands));
        _outbox = outbox;
        _calibration = calibration;
        Options = options ?? new LiveSessionOptions();
    }

    /// <summary>The session's settings.</summary>
    public LiveSessionOptions Options { get; }

    /// <summary>Called for each feedback event (rep counted, target reached, hold, set done …) with the exercise's time offset, s.</summary>
    public Action<FeedbackEvent, Rep?>? Feedback { get; set; }

    /// <summary>Called when an exercise starts (item, index).</summary>
    public Action<ProgramEntry, int>? ExerciseStarted { get; set; }

    /// <summary>Called for each mounting log line (loaded, first fitting, slip, refit).</summary>
    public Action<string>? MountingLogged { get; set; }

    /// <summary>The default program for one exercise at a level (catalogue prescription), used when no program is cached.</summary>
    public static CitizenProgram DefaultProgram(string citizen, string exerciseId, ExerciseLevel level) =>
        new(citizen, 1, [ProgramEntry.Prescribed(ExerciseCatalogue.Default.Get(exerciseId), level)]);

    /// <summary>Runs every program item in turn, then records the session into the outbox (when one is given).</summary>
    public async Task<LiveSessionResult> RunAsync(Func<IBandTransport, FrameLogWriter?>? capture = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset started = Options.StartedAt ?? DateTimeOffset.UtcNow;
        string sessionId = Options.SessionId ?? string.Create(CultureInfo.InvariantCulture, $"{Options.Gateway}-{started.UtcDateTime:yyyyMMdd-HHmmss}");
        var results = new List<LiveExerciseResult>();
        double offsetS = 0;
        bool aborted = false;
        for (int i = 0; i < _program.Items.Count && !aborted; i++)
        {
            ProgramEntry item = _program.Items[i];
            ExerciseStarted?.Invoke(item, i);
            LiveBand band = _bands(new BandRequest(item, i, HasStoredMounting));
            FrameLogWriter? log = capture?.Invoke(band.Transport);
            try
            {
                LiveExerciseResult r = await RunExerciseAsync(item, i, band, sessionId, offsetS, log, cancellationToken).ConfigureAwait(false);
                log?.Complete();
                results.Add(r);
                offsetS += r.DurationS;
            }
            finally
            {
                log?.Dispose();
                await band.Transport.DisposeAsync().ConfigureAwait(false);
            }

            aborted = cancellationToken.IsCancellationRequested;
        }

        var record = new SessionRecord
        {
            SessionId = sessionId,
            Citizen = Options.Citizen,
            Bands = results.Select(r => r.BandId).Distinct(StringComparer.Ordinal).ToList(),
            StartedAt = started,
            EndedAt = started + TimeSpan.FromSeconds(offsetS),
            ProgramId = Options.ProgramId,
            ProgramVersion = _program.Version,
            Aborted = aborted,
            Exercises = _program.Items.Select(x => ToExerciseResult(x, results)).ToList(),
            Reps = _reps,
            Events = _events,
            Angles = _angles,
            GapsS = results.Sum(r => r.Counters.Lost) / Options.SampleRateHz,
            FramesLost = results.Sum(r => r.Counters.Lost),
            StrapSlips = results.Sum(r => r.SlipsDetected),
        };

        // Durably in the outbox (one transaction) before anything is published.
        RecordedSession? recorded = _outbox is null ? null : new SessionRecorder(_outbox, Options.Site, Options.Gateway).Record(record);
        return new LiveSessionResult(sessionId, results, record, recorded, _mountingLog);
    }

    private bool HasStoredMounting(string bandId) =>
        _calibration is not null && _calibration.TryGetMounting(Options.Citizen, bandId, Options.Placement, out _);

    private async Task<LiveExerciseResult> RunExerciseAsync(ProgramEntry item, int index, LiveBand band, string sessionId, double offsetS,
        FrameLogWriter? capture, CancellationToken ct)
    {
        IBandTransport transport = band.Transport;
        var errors = new List<IntakeError>();
        var program = new CitizenProgram(_program.CitizenId, _program.Version, [item]);
        var engine = new FeedbackEngine(program, Options.Baseline, new FeedbackSettings { SampleRateHz = Options.SampleRateHz, RestOverrideS = Options.RestOverrideS });
        var feedback = new List<FeedbackEvent>();
        var reps = new List<Rep>();
        double periodS = 1.0 / Options.SampleRateHz;
        long samplesFed = 0;
        bool last = index == _program.Items.Count - 1;
        MountingSupervisor? supervisor = null;
        bool mountingStored = false;
        int logged = 0;
        if (_calibration is not null && band.MountingEstimator is not null)
        {
            bool keepStored = !Options.UpdateStoredMounting && HasStoredMounting(transport.DeviceId);
            // Keeping the fitted mounting: nothing is written during the session (slips are still detected and logged).
            MountingSupervisorSettings? keep = keepStored
                ? new MountingSupervisorSettings { RefineThresholdDeg = double.PositiveInfinity, SlipRefitDelayS = double.PositiveInfinity }
                : null;
            supervisor = new MountingSupervisor(_calibration, band.MountingEstimator, Options.Citizen, transport.DeviceId, Options.Placement, sessionId, keep);
            mountingStored = supervisor.Start();
        }

        void FlushLog()
        {
            if (supervisor is null) return;
            for (; logged < supervisor.Log.Count; logged++)
            {
                string line = $"{item.ExerciseId}: {supervisor.Log[logged]}";
                _mountingLog.Add(line);
                _events.Add(new Sessions.Recording.SessionEvent { TS = offsetS + engine.TimeS, Kind = "mounting", ExerciseId = item.ExerciseId, Detail = supervisor.Log[logged] });
                MountingLogged?.Invoke(line);
            }
        }

        void Feed(float angle, bool valid)
        {
            engine.Process(angle, valid, feedback);
            samplesFed++;
            _angles.Add(new RecordedAngle(offsetS + (samplesFed - 1) * periodS, valid ? angle : 0, valid));
            if (feedback.Count == 0) return;
            foreach (FeedbackEvent e in feedback)
            {
                Rep? rep = null;
                if (e.Kind == FeedbackKind.RepCounted && engine.Detector is { } d && d.TryGetLastRep(out Rep r))
                {
                    rep = r;
                    reps.Add(r);
                    _reps.Add(ToRepResult(item, e.SetIndex + 1, r, offsetS));
                }

                if (e.Kind != FeedbackKind.SessionDone || last) _events.Add(ToEvent(e, offsetS));
                Feedback?.Invoke(e with { TimeS = e.TimeS + offsetS }, rep);
            }

            feedback.Clear();
        }

        double firstBandS = double.NaN;
        bool referenced = band.KneeReferencePose is null;
        void OnAngle(double bandTimeS, double angleRad, bool sampleValid)
        {
            if (double.IsNaN(firstBandS)) firstBandS = bandTimeS;
            // Samples lost in between reach the rep core as invalid, one per missing period: its clock stays the band's.
            long due = (long)Math.Round((bandTimeS - firstBandS) / periodS);
            for (long k = samplesFed; k < due && k - samplesFed < 100_000; k++) Feed(0f, false);
            if (due < samplesFed) return; // a late duplicate time: the intake already ordered the stream
            if (!referenced) referenced = band.KneeReferencePose!(bandTimeS);
            // An angle beyond ±π is no joint angle (estimator wrap): kept out of the count and the curve as a gap.
            // Counting starts once the session's zero is set (a re-zero is a step the rep core would take for a move).
            bool valid = referenced && sampleValid && !double.IsNaN(angleRad) && Math.Abs(angleRad) <= Math.PI;
            Feed(valid ? (float)angleRad : 0f, valid);
            if (supervisor is not null)
            {
                supervisor.Observe(bandTimeS - firstBandS);
                if (supervisor.Log.Count > logged) FlushLog();
            }
        }

        IIntakeObserver angleFeed;
        Func<long> angleSamples;
        if (band.Hip is { } hip)
        {
            var hipFeed = new HipAngleFeed(hip, band.HipReferenceRad, OnAngle, errors.Add, band.ThighFactoryCalibration);
            angleFeed = hipFeed;
            angleSamples = () => hipFeed.Samples;
        }
        else
        {
            var kneeFeed = new AngleFeed(s => OnAngle(s.BandTimeS, s.KneeFlexionRad, s.Valid), null, errors.Add);
            angleFeed = kneeFeed;
            angleSamples = () => kneeFeed.Samples;
        }

        var intake = new FrameIntake(transport.DeviceId, angleFeed);

        await transport.ConnectAsync(ct).ConfigureAwait(false);
        if (band.Hip is not null) await transport.SendCommandAsync(SetModeCommand(StreamMode.RawImu), ct).ConfigureAwait(false);
        try
        {
            await foreach (ReceivedFrame f in transport.ReadFramesAsync(ct).ConfigureAwait(false))
            {
                capture?.Write(f);
                intake.Accept(f);
            }
        }
        catch (OperationCanceledException)
        {
            // stop requested: keep what was accepted
        }

        intake.Flush();
        await transport.DisconnectAsync().ConfigureAwait(false);
        double durationS = samplesFed * periodS;
        if (Options.UpdateStoredMounting || !mountingStored) supervisor?.End(durationS);
        FlushLog();
        int setsDone = engine.SessionDone ? item.Sets : engine.SetIndex;
        return new LiveExerciseResult(item, transport.DeviceId, offsetS, durationS, intake.Counters, intake.Clock.DriftPpm, angleSamples(),
            reps, setsDone, supervisor?.SlipsDetected ?? 0, mountingStored, errors);
    }

    private static ReadOnlyMemory<byte> SetModeCommand(StreamMode mode)
    {
        var c = new CommandFrame();
        c.Set(1, CommandOpcode.SetMode);
        c.AddByte((byte)mode);
        byte[] buffer = new byte[ProtocolConstants.DefaultMaxFrameBytes];
        int n = FrameEncoder.EncodeCommand(c, buffer, 0);
        return buffer.AsMemory(0, n);
    }

    private static ExerciseResult ToExerciseResult(ProgramEntry item, List<LiveExerciseResult> results)
    {
        Exercise ex = ExerciseCatalogue.Default.Get(item.ExerciseId);
        LevelPrescription level = ex.Level(item.LevelValue);
        bool extending = level.Sign < 0;
        LiveExerciseResult? r = results.FirstOrDefault(x => ReferenceEquals(x.Item, item));
        return new ExerciseResult
        {
            ExerciseId = item.ExerciseId,
            Level = item.Level,
            SetsPrescribed = item.Sets,
            SetsDone = r?.SetsDone ?? 0,
            RepsPrescribed = item.Reps * item.Sets,
            TargetFlexionRad = extending ? null : level.TargetRad,
            TargetExtensionRad = extending ? level.TargetRad : null,
        };
    }

    private static RepResult ToRepResult(ProgramEntry item, int set, Rep r, double offsetS)
    {
        var flags = new List<string>();
        if (r.Has(RepFindings.TargetReached)) flags.Add("target_reached");
        if (r.Has(RepFindings.TooFast)) flags.Add("too_fast");
        if (r.Has(RepFindings.HoldTooShort)) flags.Add("hold_too_short");
        if (r.Has(RepFindings.Hyperextension)) flags.Add("hyperextension");
        if (r.Has(RepFindings.Compensation)) flags.Add("compensation");
        if (r.Has(RepFindings.SpansGap)) flags.Add("spans_gap");
        return new RepResult
        {
            ExerciseId = item.ExerciseId,
            Level = item.Level,
            Set = set,
            StartS = Math.Max(0, offsetS + r.StartS),
            EndS = Math.Max(0, offsetS + r.EndS),
            PeakFlexionRad = r.PeakFlexionRad,
            MinFlexionRad = r.MinFlexionRad,
            PeakRateRadPerS = r.PeakRateRadPerS,
            HoldS = r.HoldS,
            Smoothness = r.VelocityPeaks,
            Complete = r.Complete,
            Flags = flags,
        };
    }

    private static Sessions.Recording.SessionEvent ToEvent(FeedbackEvent e, double offsetS) => new()
    {
        TS = offsetS + Math.Max(0, e.TimeS),
        Kind = e.Kind switch
        {
            FeedbackKind.RepCounted => "rep_counted",
            FeedbackKind.TargetReached => "target_reached",
            FeedbackKind.TargetMissed => "target_missed",
            FeedbackKind.SlowDown => "slow_down",
            FeedbackKind.Hold => "hold",
            FeedbackKind.StraightenFully => "straighten_fully",
            FeedbackKind.SetDone => "set_done",
            _ => "session_done",
        },
        ExerciseId = e.ExerciseId,
        Set = e.SetIndex + 1,
        Rep = e.RepIndex,
        Detail = e.Kind switch
        {
            FeedbackKind.Hold => string.Create(CultureInfo.InvariantCulture, $"{e.Value:0} s left"),
            FeedbackKind.SetDone => string.Create(CultureInfo.InvariantCulture, $"rest {e.Value:0} s"),
            FeedbackKind.RepCounted => string.Create(CultureInfo.InvariantCulture, $"{e.RepsInSet}/{e.RepsPrescribed}, peak {e.Value * 180 / Math.PI:0.0}°"),
            _ => null,
        },
    };
}
