using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Analytics.Storage.Sqlite;

/// <summary>
/// The embedded backend (default): everything in one SQLite file (WAL, synchronous=FULL, batched transactions, prepared
/// statements). Curves are stored per chunk as a float64 BLOB (NaN = gap).
/// </summary>
public sealed class SqliteTelemetryStore : ITelemetryStore
{
    private readonly RelationalDatabase _db;

    /// <summary>Opens (lazily, in <see cref="InitializeAsync"/>) the database at <see cref="SqliteStorageOptions.Path"/>.</summary>
    public SqliteTelemetryStore(SqliteStorageOptions options) => _db = new RelationalDatabase(options, timeSeriesInline: true);

    internal RelationalDatabase Database => _db;

    /// <inheritdoc />
    public string Backend => "sqlite";

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken ct = default) => _db.InitializeAsync(ct);

    /// <inheritdoc />
    public Task<StoreResult> StoreAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct = default) => _db.StoreAsync(batch, null, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionRecord>> GetSessionsAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        _db.GetSessionsAsync(citizen, fromUtc, toUtc, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<RomPoint>> GetRomHistoryAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        _db.GetRomHistoryAsync(citizen, fromUtc, toUtc, ct);

    /// <inheritdoc />
    public async Task<SessionDetail?> GetSessionAsync(SessionKey key, CancellationToken ct = default) => (await _db.GetSessionAsync(key, ct)).Detail;

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionKey>> FindSessionAsync(string sessionId, CancellationToken ct = default) => _db.FindSessionAsync(sessionId, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<BandStatusRecord>> GetLatestBandStatusAsync(CancellationToken ct = default) => _db.GetLatestBandStatusAsync(ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<BandStatusRecord>> GetBandStatusHistoryAsync(string bandId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        _db.GetBandStatusHistoryAsync(bandId, fromUtc, toUtc, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string? citizen = null, CancellationToken ct = default) => _db.GetProposalsAsync(citizen, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<WeeklySessionCount>> GetSessionsPerWeekAsync(string? citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        _db.GetSessionsPerWeekAsync(citizen, fromUtc, toUtc, ct);

    /// <inheritdoc />
    public async Task<ErasureReport> EraseCitizenAsync(string citizen, CancellationToken ct = default) =>
        new(citizen, await _db.EraseCitizenAsync(citizen, null, ct));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
