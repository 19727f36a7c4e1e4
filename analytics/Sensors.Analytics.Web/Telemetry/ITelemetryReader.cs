using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>One training session as the web shows it (angles signed: flexion positive, extension beyond 0° negative).</summary>
/// <param name="MaxFlexionRad">Largest joint angle reached in the session.</param>
/// <param name="MaxExtensionRad">Smallest joint angle reached (best extension; positive = extension deficit, negative = hyperextension).</param>
/// <param name="Quality">Rep quality 0..1: complete reps / all reps (complete + incomplete); 0 when no rep was made.</param>
/// <param name="TargetFlexionRad">The level's flexion target reported by the gateway (null when the exercise has none).</param>
/// <param name="TargetExtensionRad">The level's extension target reported by the gateway (null when none).</param>
public sealed record SessionSummary(string SessionId, string Pseudonym, DateTime StartUtc, double DurationS, string ExerciseId, string Level,
    int RepsCompleted, int RepsIncomplete, int RepsPrescribed, double MaxFlexionRad, double MaxExtensionRad, double Quality,
    double? TargetFlexionRad, double? TargetExtensionRad);

/// <summary>A rep on the session's time axis (seconds from session start).</summary>
public sealed record RepMark(int Index, double StartS, double PeakS, double EndS, double PeakFlexionRad, bool Complete, double Quality);

/// <summary>A feedback event or warning during a session (e.g. too fast, strap slip, incomplete rep).</summary>
public sealed record SessionFlag(double AtS, string Kind, string Message);

/// <summary>A session with its angle curve (gaps left out, never interpolated), reps and flags.</summary>
public sealed record SessionTrace(SessionSummary Summary, IReadOnlyList<double> TimeS, IReadOnlyList<double> AngleRad, IReadOnlyList<RepMark> Reps, IReadOnlyList<SessionFlag> Flags);

/// <summary>A level change proposed by the gateway; <paramref name="ProposalId"/> = site/gateway/message id (unique).</summary>
public sealed record GatewayProposal(string ProposalId, string ExerciseId, string FromLevel, string ToLevel, string Reason, DateTime SentUtc);

/// <summary>The last known state of a band (from its status messages).</summary>
public sealed record BandState(string BandId, string Site, string Gateway, string? Pseudonym, string FirmwareVersion, double BatteryFraction,
    string? CalibrationCertificate, DateTime? CalibratedUtc, string Status, DateTime LastSeenUtc);

/// <summary>
/// What the web needs from the time-series store (sessions, curves, band status; keyed by pseudonym only).
/// The web depends on this port; <see cref="StoreTelemetry"/> adapts the analytics storage (<c>ITelemetryStore</c>) to it.
/// </summary>
public interface ITelemetryReader
{
    Task<IReadOnlyList<SessionSummary>> SessionsAsync(string pseudonym, CancellationToken ct = default);

    /// <summary>The session <paramref name="sessionId"/> of citizen <paramref name="pseudonym"/> with its curve; null when unknown,
    /// of another citizen, or its summary has not arrived yet.</summary>
    Task<SessionTrace?> SessionAsync(string pseudonym, string sessionId, CancellationToken ct = default);

    /// <summary>Progression proposals the citizen's gateway sent (newest first).</summary>
    Task<IReadOnlyList<GatewayProposal>> ProposalsAsync(string pseudonym, CancellationToken ct = default);

    Task<IReadOnlyList<BandState>> BandsAsync(CancellationToken ct = default);

    /// <summary>Erases everything stored under <paramref name="pseudonym"/>; returns how many records went.</summary>
    Task<long> EraseAsync(string pseudonym, CancellationToken ct = default);

    /// <summary>Backend name for diagnostics (<c>sqlite</c> or <c>influxdb</c>).</summary>
    string Backend { get; }
}
