using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Analytics.Storage.Sqlite;

/// <summary>Dead letters in the relational SQLite database (table <c>dead_letters</c>), for either telemetry backend.</summary>
public sealed class SqliteDeadLetterStore : IDeadLetterStore, IAsyncDisposable
{
    private readonly RelationalDatabase _db;
    private readonly bool _ownsDatabase;
    private Task? _init;

    /// <summary>Opens its own connection to the database at <see cref="SqliteStorageOptions.Path"/> (created on first use).</summary>
    public SqliteDeadLetterStore(SqliteStorageOptions options)
    {
        _db = new RelationalDatabase(options, timeSeriesInline: true);
        _ownsDatabase = true;
    }

    internal SqliteDeadLetterStore(RelationalDatabase shared) => _db = shared;

    private Task EnsureAsync(CancellationToken ct) => _init ??= _db.InitializeAsync(ct);

    /// <inheritdoc />
    public async Task<long> AddAsync(string topic, string reason, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAtUtc, CancellationToken ct = default)
    {
        await EnsureAsync(ct);
        return await _db.AddDeadLetterAsync(topic, reason, payload, receivedAtUtc, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> GetRecentAsync(int limit = 100, CancellationToken ct = default)
    {
        await EnsureAsync(ct);
        return await _db.GetDeadLettersAsync(limit, ct);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await EnsureAsync(ct);
        return await _db.CountDeadLettersAsync(ct);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _ownsDatabase ? _db.DisposeAsync() : ValueTask.CompletedTask;
}
