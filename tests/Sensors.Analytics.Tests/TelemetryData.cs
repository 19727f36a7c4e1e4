using System;
using System.Collections.Generic;
using Sensors.Analytics.Storage;
using Sensors.Contracts;

namespace Sensors.Analytics.Tests;

/// <summary>
/// Deterministic contract messages with known values (the truth the stores are checked against): a session's summary,
/// reps, events and curve chunks (a sine flexion curve with gaps), band status and proposals.
/// </summary>
internal static class TelemetryData
{
    public const string Site = "odense";
    public const string Gateway = "gw-01";
    public static readonly DateTimeOffset Monday = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero); // a Monday

    public static IncomingMessage In(string topic, ContractMessage message)
    {
        if (!TopicPath.TryParse(topic, out TopicPath? path, out string error)) throw new ArgumentException(error);
        return new IncomingMessage(path!, message, message.SentAt);
    }

    /// <summary>Max flexion of session <paramref name="n"/>: rises 1.0 → 2.0 rad over the weeks; min flexion falls 0.2 → -0.05 rad.</summary>
    public static double MaxFlexion(int n, int exercise) => 1.0 + 0.01 * n + 0.1 * exercise;

    public static double MinFlexion(int n, int exercise) => 0.2 - 0.003 * n - 0.01 * exercise;

    public static SessionSummaryMessage Summary(string citizen, string session, DateTimeOffset start, int n = 0, int chunks = 3, int exercises = 2) => new()
    {
        MessageId = session + "/summary",
        SentAt = start.AddMinutes(31),
        SessionId = session,
        Citizen = citizen,
        Bands = ["band-7"],
        StartedAt = start,
        EndedAt = start.AddMinutes(30),
        ProgramId = "knee-basic",
        ProgramVersion = 2,
        GapsS = 1.5,
        FramesLost = 12,
        StrapSlips = 1,
        CurveChunks = chunks,
        Exercises = BuildExercises(n, exercises),
    };

    private static List<ExerciseSummary> BuildExercises(int n, int count)
    {
        var list = new List<ExerciseSummary>();
        string[] ids = ["heel_slide", "knee_extension_seated", "straight_leg_raise"];
        for (int e = 0; e < count; e++)
            list.Add(new ExerciseSummary
            {
                ExerciseId = ids[e % ids.Length],
                Level = Levels.All[e % 3],
                SetsPrescribed = 3,
                SetsDone = 3,
                RepsPrescribed = 30,
                RepsComplete = 28 - e,
                RepsIncomplete = 2 + e,
                MaxFlexionRad = MaxFlexion(n, e),
                MinFlexionRad = MinFlexion(n, e),
                MeanRomRad = MaxFlexion(n, e) - MinFlexion(n, e) - 0.1,
                TargetFlexionRad = 1.5,
                TargetExtensionRad = e == 0 ? 0.0 : null,
                FlagCounts = new Dictionary<string, int> { ["too_fast"] = e + 1 },
            });
        return list;
    }

    public static RepsMessage Reps(string citizen, string session, DateTimeOffset start, int count = 5) => new()
    {
        MessageId = session + "/reps",
        SentAt = start.AddMinutes(31),
        SessionId = session,
        Citizen = citizen,
        SessionStartedAt = start,
        Reps = BuildReps(count),
    };

    private static List<RepRecord> BuildReps(int count)
    {
        var list = new List<RepRecord>();
        for (int i = 0; i < count; i++)
            list.Add(new RepRecord
            {
                Index = i,
                ExerciseId = "heel_slide",
                Level = "medium",
                Set = 1 + i / 3,
                StartS = 10 + 4 * i,
                EndS = 13 + 4 * i,
                PeakFlexionRad = 1.2 + 0.01 * i,
                MinFlexionRad = 0.05 - 0.01 * i,
                RomRad = 1.15 + 0.02 * i,
                PeakVelocityRadPerS = 2.5,
                HoldS = 0.5 * i,
                Smoothness = 0.8,
                Complete = i != 2,
                Flags = i == 3 ? ["too_fast", "hyperextension"] : ["target_reached"],
            });
        return list;
    }

    public static FeedbackEventsMessage Events(string citizen, string session, DateTimeOffset start) => new()
    {
        MessageId = session + "/events",
        SentAt = start.AddMinutes(31),
        SessionId = session,
        Citizen = citizen,
        SessionStartedAt = start,
        Events =
        [
            new FeedbackEventRecord { TS = 12.5, Kind = "rep_counted", ExerciseId = "heel_slide", Set = 1, Rep = 0 },
            new FeedbackEventRecord { TS = 23.25, Kind = "slow_down", ExerciseId = "heel_slide", Set = 1, Rep = 3, Detail = "slower, please" },
        ],
    };

    /// <summary>The true angle of sample <paramref name="i"/> of chunk <paramref name="chunk"/>, or null in the gaps (every 7th sample, and 20 in a row in chunk 1).</summary>
    public static double? TrueAngle(int chunk, int i)
    {
        if (i % 7 == 3) return null;
        if (chunk == 1 && i >= 40 && i < 60) return null;
        double t = chunk * 10.0 + i * 0.1;
        return 0.8 + 0.7 * Math.Sin(t * 0.9) - 0.05 * chunk;
    }

    public static AngleCurveMessage Curve(string citizen, string session, DateTimeOffset start, int chunk, int samples = 100,
        string channel = "knee_flexion", double rateHz = 10)
    {
        var angles = new double?[samples];
        for (int i = 0; i < samples; i++) angles[i] = TrueAngle(chunk, i);
        return new AngleCurveMessage
        {
            MessageId = $"{session}/curve/{chunk}" + (channel == "knee_flexion" ? "" : "/" + channel.GetHashCode(StringComparison.Ordinal).ToString("x", System.Globalization.CultureInfo.InvariantCulture)),
            SentAt = start.AddSeconds(chunk * 10 + 10),
            SessionId = session,
            Citizen = citizen,
            SessionStartedAt = start,
            Chunk = chunk,
            Channel = channel,
            StartS = chunk * samples / rateHz,
            RateHz = rateHz,
            AngleRad = angles,
        };
    }

    public static BandStatusMessage Band(string band, DateTimeOffset at, double battery, string[]? flags = null) => new()
    {
        MessageId = $"{band}/status/{at.ToUnixTimeSeconds()}",
        SentAt = at,
        BandId = band,
        FirmwareVersion = "1.4.2",
        BatteryFraction = battery,
        BatteryV = 3.3 + battery,
        TemperatureDegC = 31.5,
        ErrorFlags = flags ?? [],
        Calibration = new CalibrationCertificate { CertificateId = "cert-" + band, CalibratedAt = new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero), RecordCrc32 = "1a2b3c4d", Passed = true },
    };

    public static ProgressionProposalMessage Proposal(string citizen, string id, DateTimeOffset at) => new()
    {
        MessageId = id,
        SentAt = at,
        Citizen = citizen,
        ProgramId = "knee-basic",
        ProgramVersion = 2,
        ExerciseId = "heel_slide",
        FromLevel = "easy",
        ToLevel = "medium",
        Reason = "3 sessions with all reps at target (\"easy\" done)",
        EvidenceSessions = ["s-1", "s-2", "s-3"],
    };

    /// <summary>Every message of one whole session (summary, reps, events, all chunks).</summary>
    public static List<IncomingMessage> WholeSession(string citizen, string session, DateTimeOffset start, int n = 0, int chunks = 3, string gateway = Gateway)
    {
        var list = new List<IncomingMessage>
        {
            In(Topics.SessionSummary(Site, gateway, session), Summary(citizen, session, start, n, chunks)),
            In(Topics.SessionReps(Site, gateway, session), Reps(citizen, session, start)),
            In(Topics.SessionEvents(Site, gateway, session), Events(citizen, session, start)),
        };
        for (int c = 0; c < chunks; c++) list.Add(In(Topics.SessionCurve(Site, gateway, session, c), Curve(citizen, session, start, c)));
        return list;
    }
}
