using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Outbox;

namespace Sensors.Gateway.Sessions.Recording;

/// <summary>What <see cref="SessionRecorder.Record"/> did.</summary>
/// <param name="SessionId">Session id.</param>
/// <param name="Messages">The messages, in publish order (summary, reps, events, curve chunks).</param>
/// <param name="Stored">False when the session was already in the outbox (nothing written twice).</param>
/// <param name="RawSamplesStored">True when the raw samples were kept.</param>
/// <param name="Usage">Outbox use after the write.</param>
public sealed record RecordedSession(string SessionId, IReadOnlyList<OutboxMessage> Messages, bool Stored, bool RawSamplesStored, OutboxUsage Usage);

/// <summary>
/// Turns a finished or aborted session into the contract messages (deterministic ids <c>{session}/summary</c>,
/// <c>{session}/reps</c>, <c>{session}/events</c>, <c>{session}/curve/{chunk}</c>) and writes them to the outbox in one
/// transaction BEFORE anything is published. Recording the same session again is a no-op.
/// </summary>
public sealed class SessionRecorder
{
    private readonly SessionOutbox _outbox;
    private readonly TimeProvider _clock;

    /// <summary>Creates a recorder for one gateway.</summary>
    public SessionRecorder(SessionOutbox outbox, string site, string gateway, RecorderSettings? settings = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (!Topics.IsValidId(site)) throw new ArgumentException($"site '{site}' is not a valid id", nameof(site));
        if (!Topics.IsValidId(gateway)) throw new ArgumentException($"gateway '{gateway}' is not a valid id", nameof(gateway));
        _outbox = outbox;
        Site = site;
        Gateway = gateway;
        Settings = settings ?? new RecorderSettings();
        Settings.Validate();
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Site id.</summary>
    public string Site { get; }

    /// <summary>Gateway id.</summary>
    public string Gateway { get; }

    /// <summary>Settings.</summary>
    public RecorderSettings Settings { get; }

    /// <summary>Builds the messages and commits them (and the raw samples when kept and the outbox is not full).</summary>
    /// <exception cref="SessionRecordException">The session is not valid (names the session and field).</exception>
    /// <exception cref="OutboxException">The outbox could not store it (nothing half-written).</exception>
    public RecordedSession Record(SessionRecord session)
    {
        IReadOnlyList<OutboxMessage> messages = BuildMessages(session);
        byte[]? raw = null;
        if (Settings.KeepRawSamples && session.Angles.Count > 0 && _outbox.MeasureUsage().Level != OutboxLevel.Full)
            raw = RawSamplesCsv.Write(session.Angles);
        bool stored = _outbox.AddSession(session.SessionId, session.Citizen, messages, raw);
        OutboxUsage usage = _outbox.EnforceQuota();
        return new RecordedSession(session.SessionId, messages, stored, stored && raw is not null && _outbox.TryGetRawSamples(session.SessionId, out _), usage);
    }

    /// <summary>The contract messages of a session in publish order, without writing anything.</summary>
    /// <exception cref="SessionRecordException">The session is not valid.</exception>
    public IReadOnlyList<OutboxMessage> BuildMessages(SessionRecord session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Check(session);
        DateTimeOffset sentAt = _clock.GetUtcNow();
        string id = session.SessionId;
        double durationS = (session.EndedAt - session.StartedAt).TotalSeconds;

        double?[] curve;
        try
        {
            curve = new CurveDownsampler(Settings.CurveRateHz).ApplyTo(session.Angles, durationS);
        }
        catch (ArgumentException ex)
        {
            throw new SessionRecordException($"session {id}: {ex.Message}", ex);
        }
        int chunkCount = (curve.Length + Settings.CurveChunkSamples - 1) / Settings.CurveChunkSamples;

        var list = new List<OutboxMessage>(3 + chunkCount);
        var summary = new SessionSummaryMessage
        {
            MessageId = id + "/summary",
            SentAt = sentAt,
            SessionId = id,
            Citizen = session.Citizen,
            Bands = session.Bands,
            StartedAt = session.StartedAt,
            EndedAt = session.EndedAt,
            ProgramId = session.ProgramId,
            ProgramVersion = session.ProgramVersion,
            Aborted = session.Aborted,
            Exercises = session.Exercises.Select(x => Summarize(x, session.Reps)).ToList(),
            GapsS = session.GapsS,
            FramesLost = session.FramesLost,
            StrapSlips = session.StrapSlips,
            CurveChunks = chunkCount,
        };
        list.Add(Serialize(Topics.SessionSummary(Site, Gateway, id), summary));
        var reps = new RepsMessage
        {
            MessageId = id + "/reps",
            SentAt = sentAt,
            SessionId = id,
            Citizen = session.Citizen,
            SessionStartedAt = session.StartedAt,
            Reps = session.Reps.Select((r, i) => new RepRecord
            {
                Index = i,
                ExerciseId = r.ExerciseId,
                Level = r.Level,
                Set = r.Set,
                StartS = r.StartS,
                EndS = r.EndS,
                PeakFlexionRad = r.PeakFlexionRad,
                MinFlexionRad = r.MinFlexionRad,
                RomRad = r.PeakFlexionRad - r.MinFlexionRad,
                PeakVelocityRadPerS = r.PeakRateRadPerS,
                HoldS = r.HoldS,
                Smoothness = r.Smoothness,
                Complete = r.Complete,
                Flags = r.Flags,
            }).ToList(),
        };
        list.Add(Serialize(Topics.SessionReps(Site, Gateway, id), reps));
        var events = new FeedbackEventsMessage
        {
            MessageId = id + "/events",
            SentAt = sentAt,
            SessionId = id,
            Citizen = session.Citizen,
            SessionStartedAt = session.StartedAt,
            Events = session.Events.Select(e => new FeedbackEventRecord
            {
                TS = e.TS, Kind = e.Kind, ExerciseId = e.ExerciseId, Set = e.Set, Rep = e.Rep, Detail = e.Detail,
            }).ToList(),
        };
        list.Add(Serialize(Topics.SessionEvents(Site, Gateway, id), events));
        for (int c = 0; c < chunkCount; c++)
        {
            int from = c * Settings.CurveChunkSamples;
            int n = Math.Min(Settings.CurveChunkSamples, curve.Length - from);
            var chunk = new AngleCurveMessage
            {
                MessageId = id + "/curve/" + c.ToString(CultureInfo.InvariantCulture),
                SentAt = sentAt,
                SessionId = id,
                Citizen = session.Citizen,
                SessionStartedAt = session.StartedAt,
                Chunk = c,
                Channel = session.Channel,
                StartS = from / Settings.CurveRateHz,
                RateHz = Settings.CurveRateHz,
                AngleRad = new ArraySegment<double?>(curve, from, n).ToArray(),
            };
            list.Add(Serialize(Topics.SessionCurve(Site, Gateway, id, c), chunk));
        }
        return list;
    }

    private static ExerciseSummary Summarize(ExerciseResult x, IReadOnlyList<RepResult> allReps)
    {
        List<RepResult> reps = allReps.Where(r => r.ExerciseId == x.ExerciseId && r.Level == x.Level).ToList();
        List<RepResult> complete = reps.Where(r => r.Complete).ToList();
        var flags = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string f in reps.SelectMany(r => r.Flags)) flags[f] = flags.GetValueOrDefault(f) + 1;
        return new ExerciseSummary
        {
            ExerciseId = x.ExerciseId,
            Level = x.Level,
            SetsPrescribed = x.SetsPrescribed,
            SetsDone = x.SetsDone,
            RepsPrescribed = x.RepsPrescribed,
            RepsComplete = complete.Count,
            RepsIncomplete = reps.Count - complete.Count,
            MaxFlexionRad = reps.Count > 0 ? reps.Max(r => r.PeakFlexionRad) : 0,
            MinFlexionRad = reps.Count > 0 ? reps.Min(r => r.MinFlexionRad) : 0,
            MeanRomRad = complete.Count > 0 ? complete.Average(r => r.PeakFlexionRad - r.MinFlexionRad) : 0,
            TargetFlexionRad = x.TargetFlexionRad,
            TargetExtensionRad = x.TargetExtensionRad,
            FlagCounts = flags,
        };
    }

    private static OutboxMessage Serialize(string topic, ContractMessage message)
    {
        try
        {
            return OutboxMessage.From(topic, message);
        }
        catch (ContractException ex)
        {
            throw new SessionRecordException(ex.Message, ex);
        }
    }

    private static void Check(SessionRecord s)
    {
        string id = s.SessionId;
        if (!Topics.IsValidId(id)) throw new SessionRecordException($"session id '{id}' is not a valid id (1–64 of a-z, 0-9, '-', '_')");
        if (!Topics.IsValidId(s.Citizen)) throw new SessionRecordException($"session {id}: citizen '{s.Citizen}' is not a pseudonym id");
        if (s.EndedAt < s.StartedAt) throw new SessionRecordException($"session {id}: ended_at {s.EndedAt:O} is before started_at {s.StartedAt:O}");
        if ((s.EndedAt - s.StartedAt).TotalDays > 1) throw new SessionRecordException($"session {id}: lasts more than a day ({s.StartedAt:O} → {s.EndedAt:O}); clock jump?");
        for (int i = 0; i < s.Reps.Count; i++)
        {
            RepResult r = s.Reps[i];
            if (!s.Exercises.Any(x => x.ExerciseId == r.ExerciseId && x.Level == r.Level))
                throw new SessionRecordException($"session {id}: reps[{i}] is of {r.ExerciseId}/{r.Level}, which is not among the session's exercises");
        }
    }
}
