using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Analytics.Storage;

/// <summary>
/// The analytics telemetry store: what ingest writes and what the therapist UI reads, keyed by citizen pseudonym only.
/// Two backends behind it, chosen by <c>Storage:Backend</c>: embedded SQLite (default) and InfluxDB (time series) with
/// SQLite beside it for the relational rest. Every write is idempotent: a message whose (site, gateway, message id) was
/// stored before is skipped, so a redelivered or re-published message creates no duplicate.
/// </summary>
public interface ITelemetryStore : IAsyncDisposable
{
    /// <summary>Backend name: <c>sqlite</c> or <c>influxdb</c>.</summary>
    string Backend { get; }

    /// <summary>Creates the database/schema when missing (idempotent; called by ingest and the host at start).</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>
    /// Stores a batch of valid messages durably in one transaction (all or nothing) and returns what happened to each.
    /// Throws when the backend fails (nothing of the batch is recorded as stored then; the caller must not acknowledge).
    /// </summary>
    Task<StoreResult> StoreAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct = default);

    /// <summary>Sessions of a citizen that started in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), oldest first, with the per-exercise summary.</summary>
    Task<IReadOnlyList<SessionRecord>> GetSessionsAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>ROM per session and exercise (max flexion, min flexion = best extension) for sessions started in the period, oldest first.</summary>
    Task<IReadOnlyList<RomPoint>> GetRomHistoryAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>A session with its summary (when received), angle curve (chunks in order, gaps kept as null), reps and feedback events; null when nothing of it is stored.</summary>
    Task<SessionDetail?> GetSessionAsync(SessionKey key, CancellationToken ct = default);

    /// <summary>Finds the sessions with this id (session ids are unique per gateway; usually one).</summary>
    Task<IReadOnlyList<SessionKey>> FindSessionAsync(string sessionId, CancellationToken ct = default);

    /// <summary>The latest status of every band, by band id.</summary>
    Task<IReadOnlyList<BandStatusRecord>> GetLatestBandStatusAsync(CancellationToken ct = default);

    /// <summary>Status history of one band sent in the period, oldest first.</summary>
    Task<IReadOnlyList<BandStatusRecord>> GetBandStatusHistoryAsync(string bandId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>Progression proposals, newest first; all citizens when <paramref name="citizen"/> is null.</summary>
    Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string? citizen = null, CancellationToken ct = default);

    /// <summary>Sessions per ISO week (Monday 00:00 UTC) per citizen in the period; all citizens when <paramref name="citizen"/> is null.</summary>
    Task<IReadOnlyList<WeeklySessionCount>> GetSessionsPerWeekAsync(string? citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default);

    /// <summary>Deletes everything stored under a pseudonym (sessions, curves, reps, events, proposals, message-id records, dead letters naming it).</summary>
    Task<ErasureReport> EraseCitizenAsync(string citizen, CancellationToken ct = default);
}

/// <summary>
/// Dead letters: messages the ingest could not accept (malformed, unknown version, wrong schema, out of range), kept
/// with the reason and the raw bytes. Always in the relational SQLite database, whatever the telemetry backend.
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>Stores a dead letter durably and returns its id.</summary>
    Task<long> AddAsync(string topic, string reason, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAtUtc, CancellationToken ct = default);

    /// <summary>The newest dead letters first (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<DeadLetter>> GetRecentAsync(int limit = 100, CancellationToken ct = default);

    /// <summary>How many dead letters are stored.</summary>
    Task<long> CountAsync(CancellationToken ct = default);
}
