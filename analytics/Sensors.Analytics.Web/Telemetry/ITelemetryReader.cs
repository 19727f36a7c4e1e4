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

/// <summary>A session with its (downsampled) angle curve, reps and flags.</summary>
public sealed record SessionTrace(SessionSummary Summary, IReadOnlyList<double> TimeS, IReadOnlyList<double> AngleRad, IReadOnlyList<RepMark> Reps, IReadOnlyList<SessionFlag> Flags);

/// <summary>The last known state of a band (from its status messages).</summary>
public sealed record BandState(string BandId, string Site, string Gateway, string? Pseudonym, string FirmwareVersion, double BatteryFraction,
    string? CalibrationCertificate, DateTime? CalibratedUtc, string Status, DateTime LastSeenUtc);

/// <summary>
/// What the web needs from the time-series store (sessions, curves, band status; keyed by pseudonym only).
/// The web depends on this port; the storage adapter adapts the analytics storage backend to it.
/// </summary>
public interface ITelemetryReader
{
    Task<IReadOnlyList<SessionSummary>> SessionsAsync(string pseudonym, CancellationToken ct = default);

    /// <summary>The session with its curve, or null when unknown.</summary>
    Task<SessionTrace?> SessionAsync(string sessionId, CancellationToken ct = default);

    Task<IReadOnlyList<BandState>> BandsAsync(CancellationToken ct = default);

    /// <summary>Erases everything stored under <paramref name="pseudonym"/>; returns how many records went.</summary>
    Task<long> EraseAsync(string pseudonym, CancellationToken ct = default);
}
