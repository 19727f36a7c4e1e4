using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Sensors.Contracts;

/// <summary>
/// Base of every MQTT payload: self-describing (<c>schema</c> + <c>version</c>) and idempotent (<c>message_id</c>:
/// a redelivered or re-published message carries the same id, so ingest stores it once).
/// Ids are deterministic where possible: <c>{session}/summary</c>, <c>{session}/reps</c>, <c>{session}/curve/{chunk}</c>.
/// SI units inside (rad, rad/s, s); the unit is in every field name.
/// </summary>
public abstract record ContractMessage
{
    /// <summary>Payload schema name, e.g. <c>sensors.session-summary</c>.</summary>
    [JsonPropertyOrder(-3)]
    public abstract string Schema { get; }

    /// <summary>Payload version of this schema (this build writes and reads 1).</summary>
    [JsonPropertyOrder(-2)]
    public int Version { get; init; } = 1;

    /// <summary>Idempotency key: the same message always has the same id.</summary>
    [JsonPropertyOrder(-1)]
    public required string MessageId { get; init; }

    /// <summary>When the gateway created the message (UTC).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>Checks value ranges; returns null when valid, else a reason naming the field.</summary>
    public virtual string? Validate() =>
        string.IsNullOrWhiteSpace(MessageId) ? "message_id is empty" : null;
}

/// <summary>Training levels of the catalogue.</summary>
public static class Levels
{
    /// <summary>The three levels, easiest first.</summary>
    public static readonly IReadOnlyList<string> All = ["easy", "medium", "hard"];

    /// <summary>True for easy, medium or hard.</summary>
    public static bool IsValid(string? level) => level is "easy" or "medium" or "hard";
}

/// <summary>One exercise of a finished session (summary level).</summary>
public sealed record ExerciseSummary
{
    /// <summary>Catalogue exercise id (e.g. heel_slide).</summary>
    public required string ExerciseId { get; init; }
    /// <summary>easy, medium or hard.</summary>
    public required string Level { get; init; }
    /// <summary>Sets prescribed by the program.</summary>
    public int SetsPrescribed { get; init; }
    /// <summary>Sets done.</summary>
    public int SetsDone { get; init; }
    /// <summary>Reps prescribed in total (reps × sets).</summary>
    public int RepsPrescribed { get; init; }
    /// <summary>Complete reps counted.</summary>
    public int RepsComplete { get; init; }
    /// <summary>Incomplete (partial) reps, reported, not counted.</summary>
    public int RepsIncomplete { get; init; }
    /// <summary>Largest joint angle reached (flexion +), rad.</summary>
    public double MaxFlexionRad { get; init; }
    /// <summary>Smallest joint angle reached (the best extension; negative = hyperextension), rad.</summary>
    public double MinFlexionRad { get; init; }
    /// <summary>Mean range of motion of the complete reps, rad.</summary>
    public double MeanRomRad { get; init; }
    /// <summary>The level's flexion target, rad (null when the exercise has none).</summary>
    public double? TargetFlexionRad { get; init; }
    /// <summary>The level's extension target, rad (null when the exercise has none).</summary>
    public double? TargetExtensionRad { get; init; }
    /// <summary>Rep flags counted over the exercise (flag name → reps).</summary>
    public IReadOnlyDictionary<string, int> FlagCounts { get; init; } = new Dictionary<string, int>();
}

/// <summary><c>sessions/{session}/summary</c>: one finished (or aborted) session.</summary>
public sealed record SessionSummaryMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.session-summary";
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Session id (unique per gateway; an id segment).</summary>
    public required string SessionId { get; init; }
    /// <summary>Citizen pseudonym (never a name or national id).</summary>
    public required string Citizen { get; init; }
    /// <summary>Bands used.</summary>
    public IReadOnlyList<string> Bands { get; init; } = [];
    /// <summary>Session start (UTC, gateway clock).</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Session end (UTC, gateway clock).</summary>
    public required DateTimeOffset EndedAt { get; init; }
    /// <summary>Program id the session followed.</summary>
    public string? ProgramId { get; init; }
    /// <summary>Program version the session followed.</summary>
    public int ProgramVersion { get; init; }
    /// <summary>True when the citizen ended the session before the program was done.</summary>
    public bool Aborted { get; init; }
    /// <summary>Per exercise results.</summary>
    public IReadOnlyList<ExerciseSummary> Exercises { get; init; } = [];
    /// <summary>Time without data (radio gaps), s.</summary>
    public double GapsS { get; init; }
    /// <summary>Frames lost (sequence gaps).</summary>
    public long FramesLost { get; init; }
    /// <summary>Strap slips detected and re-fitted from movement.</summary>
    public int StrapSlips { get; init; }
    /// <summary>Curve chunks published for this session (so ingest knows when the curve is whole).</summary>
    public int CurveChunks { get; init; }

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (!Topics.IsValidId(SessionId)) return $"session_id '{SessionId}' is not a valid id";
        if (!Topics.IsValidId(Citizen)) return $"citizen '{Citizen}' is not a valid pseudonym";
        if (EndedAt < StartedAt) return $"ended_at {EndedAt:O} is before started_at {StartedAt:O}";
        for (int i = 0; i < Exercises.Count; i++)
        {
            ExerciseSummary x = Exercises[i];
            if (!Levels.IsValid(x.Level)) return $"exercises[{i}].level '{x.Level}' is not easy|medium|hard";
            if (!Angles.IsPlausible(x.MaxFlexionRad)) return $"exercises[{i}].max_flexion_rad {x.MaxFlexionRad} is out of range";
            if (!Angles.IsPlausible(x.MinFlexionRad)) return $"exercises[{i}].min_flexion_rad {x.MinFlexionRad} is out of range";
            if (x.RepsComplete < 0 || x.RepsIncomplete < 0) return $"exercises[{i}] has a negative rep count";
        }
        return null;
    }
}

/// <summary>One rep as counted by the gateway's rep core.</summary>
public sealed record RepRecord
{
    /// <summary>Rep index within the session (0-based, stable: the idempotency key with the session).</summary>
    public required int Index { get; init; }
    /// <summary>Catalogue exercise id.</summary>
    public required string ExerciseId { get; init; }
    /// <summary>easy, medium or hard.</summary>
    public required string Level { get; init; }
    /// <summary>Set number within the exercise (1-based).</summary>
    public int Set { get; init; }
    /// <summary>Start, s since session start.</summary>
    public double StartS { get; init; }
    /// <summary>End, s since session start.</summary>
    public double EndS { get; init; }
    /// <summary>Peak flexion, rad.</summary>
    public double PeakFlexionRad { get; init; }
    /// <summary>Lowest angle (peak extension; negative = hyperextension), rad.</summary>
    public double MinFlexionRad { get; init; }
    /// <summary>Range of motion, rad.</summary>
    public double RomRad { get; init; }
    /// <summary>Peak angular velocity magnitude, rad/s.</summary>
    public double PeakVelocityRadPerS { get; init; }
    /// <summary>Time held at the target, s.</summary>
    public double HoldS { get; init; }
    /// <summary>Smoothness score (see gateway README; higher is smoother).</summary>
    public double Smoothness { get; init; }
    /// <summary>True for a complete rep; false = incomplete (partial), reported but not counted.</summary>
    public bool Complete { get; init; }
    /// <summary>Flags: target_reached, too_fast, hold_too_short, hyperextension, compensation, spans_gap.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}

/// <summary><c>sessions/{session}/reps</c>: all reps of a session (published once, at the end).</summary>
public sealed record RepsMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.session-reps";
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Session id.</summary>
    public required string SessionId { get; init; }
    /// <summary>Citizen pseudonym.</summary>
    public required string Citizen { get; init; }
    /// <summary>Session start (UTC), so times are absolute without the summary.</summary>
    public required DateTimeOffset SessionStartedAt { get; init; }
    /// <summary>The reps.</summary>
    public IReadOnlyList<RepRecord> Reps { get; init; } = [];

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (!Topics.IsValidId(SessionId)) return $"session_id '{SessionId}' is not a valid id";
        if (!Topics.IsValidId(Citizen)) return $"citizen '{Citizen}' is not a valid pseudonym";
        for (int i = 0; i < Reps.Count; i++)
        {
            RepRecord r = Reps[i];
            if (!Levels.IsValid(r.Level)) return $"reps[{i}].level '{r.Level}' is not easy|medium|hard";
            if (!Angles.IsPlausible(r.PeakFlexionRad)) return $"reps[{i}].peak_flexion_rad {r.PeakFlexionRad} is out of range";
            if (!Angles.IsPlausible(r.MinFlexionRad)) return $"reps[{i}].min_flexion_rad {r.MinFlexionRad} is out of range";
            if (r.EndS < r.StartS) return $"reps[{i}] ends ({r.EndS} s) before it starts ({r.StartS} s)";
        }
        return null;
    }
}

/// <summary>
/// <c>sessions/{session}/curve/{chunk}</c>: a chunk of the joint-angle curve downsampled for therapists
/// (default 10 Hz, 600 samples per chunk). Gaps are <c>null</c>, never interpolated.
/// </summary>
public sealed record AngleCurveMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.angle-curve";
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Session id.</summary>
    public required string SessionId { get; init; }
    /// <summary>Citizen pseudonym.</summary>
    public required string Citizen { get; init; }
    /// <summary>Session start (UTC).</summary>
    public required DateTimeOffset SessionStartedAt { get; init; }
    /// <summary>Chunk index (0-based).</summary>
    public required int Chunk { get; init; }
    /// <summary>Angle channel, e.g. knee_flexion, hip_flexion, hip_abduction.</summary>
    public string Channel { get; init; } = "knee_flexion";
    /// <summary>Time of the first sample, s since session start.</summary>
    public double StartS { get; init; }
    /// <summary>Sample rate, Hz.</summary>
    public required double RateHz { get; init; }
    /// <summary>Angles, rad; null = no data (gap).</summary>
    public IReadOnlyList<double?> AngleRad { get; init; } = [];

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (!Topics.IsValidId(SessionId)) return $"session_id '{SessionId}' is not a valid id";
        if (!Topics.IsValidId(Citizen)) return $"citizen '{Citizen}' is not a valid pseudonym";
        if (Chunk < 0) return $"chunk {Chunk} is negative";
        if (!(RateHz > 0 && RateHz <= 1000)) return $"rate_hz {RateHz} is out of range (0, 1000]";
        for (int i = 0; i < AngleRad.Count; i++)
            if (AngleRad[i] is { } a && !Angles.IsPlausible(a)) return $"angle_rad[{i}] {a} is out of range";
        return null;
    }
}

/// <summary>One feedback event as shown to the citizen.</summary>
public sealed record FeedbackEventRecord
{
    /// <summary>Time, s since session start.</summary>
    [JsonPropertyName("t_s")]
    public double TS { get; init; }
    /// <summary>rep_counted, target_reached, target_missed, slow_down, hold, straighten_fully, set_done, session_done.</summary>
    public required string Kind { get; init; }
    /// <summary>Exercise id.</summary>
    public string? ExerciseId { get; init; }
    /// <summary>Set (1-based), 0 when not applicable.</summary>
    public int Set { get; init; }
    /// <summary>Rep index, -1 when not applicable.</summary>
    public int Rep { get; init; } = -1;
    /// <summary>Text shown or extra detail.</summary>
    public string? Detail { get; init; }
}

/// <summary><c>sessions/{session}/events</c>: feedback events of a session.</summary>
public sealed record FeedbackEventsMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.feedback-events";
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Session id.</summary>
    public required string SessionId { get; init; }
    /// <summary>Citizen pseudonym.</summary>
    public required string Citizen { get; init; }
    /// <summary>Session start (UTC).</summary>
    public required DateTimeOffset SessionStartedAt { get; init; }
    /// <summary>Events in time order.</summary>
    public IReadOnlyList<FeedbackEventRecord> Events { get; init; } = [];

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (!Topics.IsValidId(SessionId)) return $"session_id '{SessionId}' is not a valid id";
        if (!Topics.IsValidId(Citizen)) return $"citizen '{Citizen}' is not a valid pseudonym";
        return null;
    }
}

/// <summary>A band's factory (bench) calibration certificate.</summary>
public sealed record CalibrationCertificate
{
    /// <summary>Certificate id.</summary>
    public required string CertificateId { get; init; }
    /// <summary>When the bench calibration was done (UTC).</summary>
    public required DateTimeOffset CalibratedAt { get; init; }
    /// <summary>CRC-32 of the 320-byte calibration record on the band (hex).</summary>
    public string? RecordCrc32 { get; init; }
    /// <summary>True when the bench residuals met the acceptance limits.</summary>
    public bool Passed { get; init; }
}

/// <summary><c>bands/{band}/status</c>: battery, firmware and calibration of a band.</summary>
public sealed record BandStatusMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.band-status";
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Band id.</summary>
    public required string BandId { get; init; }
    /// <summary>Firmware version (semver).</summary>
    public string? FirmwareVersion { get; init; }
    /// <summary>Battery state of charge, 0…1.</summary>
    public double? BatteryFraction { get; init; }
    /// <summary>Battery voltage, V.</summary>
    public double? BatteryV { get; init; }
    /// <summary>Die temperature, °C (named degc like the recording column temp_degc).</summary>
    [JsonPropertyName("temperature_degc")]
    public double? TemperatureDegC { get; init; }
    /// <summary>Error flags reported by the band.</summary>
    public IReadOnlyList<string> ErrorFlags { get; init; } = [];
    /// <summary>Factory calibration, when known.</summary>
    public CalibrationCertificate? Calibration { get; init; }

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (!Topics.IsValidId(BandId)) return $"band_id '{BandId}' is not a valid id";
        if (BatteryFraction is { } b && !(b >= 0 && b <= 1)) return $"battery_fraction {b} is outside 0…1";
        return null;
    }
}

/// <summary>One exercise of a program.</summary>
public sealed record ProgramExercise
{
    /// <summary>Catalogue exercise id.</summary>
    public required string ExerciseId { get; init; }
    /// <summary>easy, medium or hard.</summary>
    public required string Level { get; init; }
    /// <summary>Reps per set.</summary>
    public required int Reps { get; init; }
    /// <summary>Sets per session.</summary>
    public required int Sets { get; init; }
    /// <summary>Sessions per week.</summary>
    public required int SessionsPerWeek { get; init; }
    /// <summary>Hold override, s (null = the catalogue level's hold).</summary>
    public double? HoldS { get; init; }
}

/// <summary><c>programs/{citizen}</c> (downlink, retained): the citizen's current program.</summary>
public sealed record ProgramMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.program";
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Citizen pseudonym.</summary>
    public required string Citizen { get; init; }
    /// <summary>Program id.</summary>
    public required string ProgramId { get; init; }
    /// <summary>Program version (increases with every change; gateways keep the highest).</summary>
    public required int ProgramVersion { get; init; }
    /// <summary>Catalogue version the program refers to.</summary>
    public int CatalogueVersion { get; init; } = 1;
    /// <summary>Valid from (UTC).</summary>
    public DateTimeOffset ValidFrom { get; init; }
    /// <summary>The exercises in order.</summary>
    public IReadOnlyList<ProgramExercise> Exercises { get; init; } = [];

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (!Topics.IsValidId(Citizen)) return $"citizen '{Citizen}' is not a valid pseudonym";
        if (ProgramVersion < 1) return $"program_version {ProgramVersion} must be ≥ 1";
        for (int i = 0; i < Exercises.Count; i++)
        {
            ProgramExercise x = Exercises[i];
            if (!Levels.IsValid(x.Level)) return $"exercises[{i}].level '{x.Level}' is not easy|medium|hard";
            if (x.Reps < 1 || x.Sets < 1 || x.SessionsPerWeek < 1) return $"exercises[{i}] needs reps, sets and sessions_per_week ≥ 1";
        }
        return null;
    }
}

/// <summary><c>proposals/{citizen}</c>: the gateway proposes a level change for the therapist to accept or decline.</summary>
public sealed record ProgressionProposalMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.progression-proposal";
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Citizen pseudonym.</summary>
    public required string Citizen { get; init; }
    /// <summary>Program id and version the proposal is based on.</summary>
    public string? ProgramId { get; init; }
    /// <summary>Program version the proposal is based on.</summary>
    public int ProgramVersion { get; init; }
    /// <summary>Exercise id.</summary>
    public required string ExerciseId { get; init; }
    /// <summary>Current level.</summary>
    public required string FromLevel { get; init; }
    /// <summary>Proposed level.</summary>
    public required string ToLevel { get; init; }
    /// <summary>Why (rule and numbers), in words for the therapist.</summary>
    public required string Reason { get; init; }
    /// <summary>Sessions the rule looked at.</summary>
    public IReadOnlyList<string> EvidenceSessions { get; init; } = [];

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (!Topics.IsValidId(Citizen)) return $"citizen '{Citizen}' is not a valid pseudonym";
        if (!Levels.IsValid(FromLevel)) return $"from_level '{FromLevel}' is not easy|medium|hard";
        if (!Levels.IsValid(ToLevel)) return $"to_level '{ToLevel}' is not easy|medium|hard";
        return null;
    }
}

/// <summary>
/// <c>receipts/{ingest}</c>: analytics confirms to a gateway the message ids it has durably stored (or already held). The
/// gateway marks those outbox rows confirmed; rows still unconfirmed a while after their PUBACK are published again.
/// </summary>
public sealed record ReceiptMessage : ContractMessage
{
    /// <summary>Schema name.</summary>
    public const string SchemaName = "sensors.receipt";
    /// <summary>Most ids in one receipt.</summary>
    public const int MaxIds = 1000;
    /// <inheritdoc />
    public override string Schema => SchemaName;
    /// <summary>Ids of the gateway's messages now stored by analytics.</summary>
    public required IReadOnlyList<string> MessageIds { get; init; }

    /// <inheritdoc />
    public override string? Validate()
    {
        if (base.Validate() is { } e) return e;
        if (MessageIds.Count is 0 or > MaxIds) return $"message_ids must hold 1–{MaxIds} ids (has {MessageIds.Count})";
        for (int i = 0; i < MessageIds.Count; i++)
            if (string.IsNullOrWhiteSpace(MessageIds[i])) return $"message_ids[{i}] is empty";
        return null;
    }
}

/// <summary>Range checks for joint angles in payloads.</summary>
public static class Angles
{
    /// <summary>Largest magnitude a joint angle may have in a payload: π rad (180°).</summary>
    public const double MaxAbsRad = Math.PI;

    /// <summary>True for a finite angle within ±π rad.</summary>
    public static bool IsPlausible(double rad) => double.IsFinite(rad) && Math.Abs(rad) <= MaxAbsRad;
}
