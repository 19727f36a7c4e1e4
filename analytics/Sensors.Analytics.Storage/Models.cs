using System;
using System.Collections.Generic;
using Sensors.Contracts;

namespace Sensors.Analytics.Storage;

/// <summary>A valid message as received by ingest: the parsed topic (site, gateway), the payload and the arrival time.</summary>
/// <param name="Path">Parsed topic (site and gateway come from here, not from the payload).</param>
/// <param name="Message">The validated payload.</param>
/// <param name="ReceivedAtUtc">When ingest received it.</param>
public sealed record IncomingMessage(TopicPath Path, ContractMessage Message, DateTimeOffset ReceivedAtUtc);

/// <summary>What a <see cref="ITelemetryStore.StoreAsync"/> call did.</summary>
/// <param name="Stored">Messages stored now.</param>
/// <param name="Duplicates">Messages skipped because their message id was stored before (or twice in the batch).</param>
/// <param name="Samples">Angle samples (curve values including gaps) stored now.</param>
public sealed record StoreResult(int Stored, int Duplicates, long Samples);

/// <summary>A session's identity: session ids are unique per gateway.</summary>
public sealed record SessionKey(string Site, string Gateway, string SessionId);

/// <summary>A session summary as stored (from <see cref="SessionSummaryMessage"/>), with the per-exercise results.</summary>
public sealed record SessionRecord(
    SessionKey Key,
    string Citizen,
    DateTimeOffset StartedAtUtc,
    DateTimeOffset EndedAtUtc,
    string? ProgramId,
    int ProgramVersion,
    bool Aborted,
    double GapsS,
    long FramesLost,
    int StrapSlips,
    int CurveChunks,
    IReadOnlyList<string> Bands,
    IReadOnlyList<ExerciseSummary> Exercises);

/// <summary>ROM of one exercise in one session: max flexion and min flexion (best extension; negative = hyperextension), rad.</summary>
public sealed record RomPoint(SessionKey Key, string Citizen, DateTimeOffset StartedAtUtc, string ExerciseId, string Level,
    double MaxFlexionRad, double MinFlexionRad);

/// <summary>One received chunk of a session's angle curve; <c>null</c> = gap (never interpolated).</summary>
public sealed record CurveChunk(string Channel, int Chunk, double StartS, double RateHz, IReadOnlyList<double?> AngleRad);

/// <summary>A session as the therapist opens it.</summary>
/// <param name="Key">Session identity.</param>
/// <param name="Citizen">Pseudonym.</param>
/// <param name="Summary">The summary, null until it arrived.</param>
/// <param name="Curve">Curve chunks ordered by channel then chunk index (gaps kept as null).</param>
/// <param name="Reps">Reps (empty until they arrived).</param>
/// <param name="Events">Feedback events (empty until they arrived).</param>
public sealed record SessionDetail(SessionKey Key, string Citizen, SessionRecord? Summary, IReadOnlyList<CurveChunk> Curve,
    IReadOnlyList<RepRecord> Reps, IReadOnlyList<FeedbackEventRecord> Events)
{
    /// <summary>True when the summary arrived and every curve chunk it announced is stored.</summary>
    public bool CurveComplete => Summary is not null && CountChunks() >= Summary.CurveChunks;

    /// <summary>The curve of one channel on one time axis (s since session start); gaps stay null.</summary>
    public (double[] TimeS, double?[] AngleRad) Flatten(string channel = "knee_flexion")
    {
        var t = new List<double>();
        var a = new List<double?>();
        foreach (CurveChunk c in Curve)
        {
            if (c.Channel != channel) continue;
            for (int i = 0; i < c.AngleRad.Count; i++)
            {
                t.Add(c.StartS + i / c.RateHz);
                a.Add(c.AngleRad[i]);
            }
        }
        return (t.ToArray(), a.ToArray());
    }

    private int CountChunks()
    {
        var seen = new HashSet<int>();
        foreach (CurveChunk c in Curve) seen.Add(c.Chunk);
        return seen.Count;
    }
}

/// <summary>A band status message as stored.</summary>
public sealed record BandStatusRecord(string Site, string Gateway, string BandId, DateTimeOffset SentAtUtc, string? FirmwareVersion,
    double? BatteryFraction, double? BatteryV, double? TemperatureDegC, IReadOnlyList<string> ErrorFlags, CalibrationCertificate? Calibration);

/// <summary>A progression proposal as stored.</summary>
public sealed record ProposalRecord(string Site, string Gateway, string MessageId, DateTimeOffset SentAtUtc, string Citizen,
    string? ProgramId, int ProgramVersion, string ExerciseId, string FromLevel, string ToLevel, string Reason,
    IReadOnlyList<string> EvidenceSessions);

/// <summary>Sessions of a citizen in one ISO week (week starts Monday 00:00 UTC).</summary>
public sealed record WeeklySessionCount(string Citizen, DateOnly WeekStartUtc, int Sessions);

/// <summary>What an erasure removed.</summary>
/// <param name="Citizen">The pseudonym erased.</param>
/// <param name="RecordsDeleted">Rows (and, on InfluxDB, series) removed.</param>
public sealed record ErasureReport(string Citizen, long RecordsDeleted);

/// <summary>A message ingest could not accept.</summary>
public sealed record DeadLetter(long Id, DateTimeOffset ReceivedAtUtc, string Topic, string Reason, byte[] Payload);
