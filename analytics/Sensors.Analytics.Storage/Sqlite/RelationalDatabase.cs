using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Sensors.Contracts;

namespace Sensors.Analytics.Storage.Sqlite;

/// <summary>
/// The relational SQLite side shared by both backends: WAL, synchronous=FULL (a commit survives power loss before ingest acks),
/// one writer connection with prepared statements reused across batches, pooled reader connections.
/// With <c>timeSeriesInline = false</c> (InfluxDB backend) curve samples, ROM rows and band status are left to the time-series store.
/// </summary>
internal sealed class RelationalDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly bool _timeSeriesInline;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private WriteCommands? _commands;

    public RelationalDatabase(SqliteStorageOptions options, bool timeSeriesInline)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path)) throw new ArgumentException("Storage:Sqlite:Path is empty", nameof(options));
        DatabasePath = System.IO.Path.GetFullPath(options.Path);
        _timeSeriesInline = timeSeriesInline;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = options.BusyTimeoutS,
        }.ToString();
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            if (_writer is not null) return;
            string? dir = System.IO.Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var writer = new SqliteConnection(_connectionString);
            await writer.OpenAsync(ct);
            await ExecuteAsync(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;", ct);
            await ExecuteAsync(writer, SqliteSchema.Create, ct);
            await ExecuteAsync(writer, $"INSERT INTO schema_info(version) SELECT {SqliteSchema.Version} WHERE NOT EXISTS (SELECT 1 FROM schema_info);", ct);
            _commands = new WriteCommands(writer);
            _writer = writer;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Stores the batch in one transaction. Messages already recorded (or repeated in the batch) are skipped.
    /// <paramref name="beforeCommit"/> receives the new messages and runs inside the transaction (InfluxDB write): when it
    /// throws the transaction is rolled back and nothing is recorded.
    /// </summary>
    public async Task<StoreResult> StoreAsync(IReadOnlyList<IncomingMessage> batch,
        Func<IReadOnlyList<IncomingMessage>, CancellationToken, Task>? beforeCommit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _writeLock.WaitAsync(ct);
        try
        {
            SqliteConnection writer = _writer ?? throw new InvalidOperationException("the telemetry store is not initialized (call InitializeAsync)");
            WriteCommands c = _commands!;
            using SqliteTransaction tx = writer.BeginTransaction(deferred: false);
            c.Enlist(tx);
            var fresh = new List<IncomingMessage>(batch.Count);
            long samples = 0;
            foreach (IncomingMessage m in batch)
            {
                if (!c.RecordMessage(m)) continue;
                fresh.Add(m);
                samples += Insert(c, m);
            }
            if (beforeCommit is not null && fresh.Count > 0) await beforeCommit(fresh, ct);
            tx.Commit();
            return new StoreResult(fresh.Count, batch.Count - fresh.Count, samples);
        }
        finally
        {
            _commands?.Enlist(null);
            _writeLock.Release();
        }
    }

    private long Insert(WriteCommands c, IncomingMessage m)
    {
        TopicPath p = m.Path;
        switch (m.Message)
        {
            case SessionSummaryMessage s:
                c.InsertSession(p, s);
                if (_timeSeriesInline)
                    for (int i = 0; i < s.Exercises.Count; i++) c.InsertExercise(p, s, i);
                return 0;
            case RepsMessage r:
                c.InsertReps(p, r);
                return 0;
            case FeedbackEventsMessage e:
                c.InsertEvents(p, e);
                return 0;
            case AngleCurveMessage a:
                c.InsertChunk(p, a, _timeSeriesInline);
                return a.AngleRad.Count;
            case BandStatusMessage b:
                if (_timeSeriesInline) c.InsertBandStatus(p, b);
                return 0;
            case ProgressionProposalMessage pr:
                c.InsertProposal(p, pr);
                return 0;
            default:
                throw new ArgumentException($"{m.Message.Schema} message '{m.Message.MessageId}' on an uplink topic cannot be stored (not an uplink payload)");
        }
    }

    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public async Task<IReadOnlyList<SessionRecord>> GetSessionsAsync(string citizen, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = "SELECT site, gateway, session_id, citizen, started_at, ended_at, program_id, program_version, aborted, gaps_s, frames_lost, strap_slips, curve_chunks, bands, exercises FROM sessions WHERE citizen = $c AND started_at >= $f AND started_at < $t ORDER BY started_at, session_id";
        cmd.Parameters.AddWithValue("$c", citizen);
        cmd.Parameters.AddWithValue("$f", Ticks.Of(from));
        cmd.Parameters.AddWithValue("$t", Ticks.Of(to));
        return await ReadSessionsAsync(cmd, ct);
    }

    private static async Task<IReadOnlyList<SessionRecord>> ReadSessionsAsync(SqliteCommand cmd, CancellationToken ct)
    {
        var list = new List<SessionRecord>();
        using SqliteDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new SessionRecord(new SessionKey(r.GetString(0), r.GetString(1), r.GetString(2)), r.GetString(3),
                Ticks.ToUtc(r.GetInt64(4)), Ticks.ToUtc(r.GetInt64(5)), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7),
                r.GetInt64(8) != 0, r.GetDouble(9), r.GetInt64(10), r.GetInt32(11), r.GetInt32(12),
                Json.Read<List<string>>(r.GetString(13)), Json.Read<List<ExerciseSummary>>(r.GetString(14))));
        }
        return list;
    }

    public async Task<IReadOnlyList<RomPoint>> GetRomHistoryAsync(string citizen, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = "SELECT site, gateway, session_id, started_at, exercise_id, level, max_flexion_rad, min_flexion_rad FROM session_exercises WHERE citizen = $c AND started_at >= $f AND started_at < $t ORDER BY started_at, site, gateway, session_id, ordinal";
        cmd.Parameters.AddWithValue("$c", citizen);
        cmd.Parameters.AddWithValue("$f", Ticks.Of(from));
        cmd.Parameters.AddWithValue("$t", Ticks.Of(to));
        var list = new List<RomPoint>();
        using SqliteDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new RomPoint(new SessionKey(r.GetString(0), r.GetString(1), r.GetString(2)), citizen, Ticks.ToUtc(r.GetInt64(3)),
                r.GetString(4), r.GetString(5), r.GetDouble(6), r.GetDouble(7)));
        return list;
    }

    public async Task<IReadOnlyList<SessionKey>> FindSessionAsync(string sessionId, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = """
            SELECT site, gateway FROM sessions WHERE session_id = $s
            UNION SELECT site, gateway FROM curve_chunks WHERE session_id = $s
            UNION SELECT site, gateway FROM session_reps WHERE session_id = $s
            UNION SELECT site, gateway FROM session_events WHERE session_id = $s
            ORDER BY 1, 2
            """;
        cmd.Parameters.AddWithValue("$s", sessionId);
        var list = new List<SessionKey>();
        using SqliteDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new SessionKey(r.GetString(0), r.GetString(1), sessionId));
        return list;
    }

    /// <summary>The session's relational parts; the curve from the BLOBs (inline) or only its chunk metadata (samples empty).</summary>
    public async Task<(SessionDetail? Detail, IReadOnlyList<ChunkMeta> Chunks)> GetSessionAsync(SessionKey key, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        string? citizen = null;
        SessionRecord? summary;
        using (SqliteCommand cmd = KeyCommand(cn, key, "SELECT site, gateway, session_id, citizen, started_at, ended_at, program_id, program_version, aborted, gaps_s, frames_lost, strap_slips, curve_chunks, bands, exercises FROM sessions"))
        {
            IReadOnlyList<SessionRecord> found = await ReadSessionsAsync(cmd, ct);
            summary = found.Count > 0 ? found[0] : null;
        }
        citizen = summary?.Citizen;

        var reps = new List<RepRecord>();
        using (SqliteCommand cmd = KeyCommand(cn, key, "SELECT citizen, reps FROM session_reps"))
        using (SqliteDataReader r = await cmd.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct))
            {
                citizen ??= r.GetString(0);
                reps = Json.Read<List<RepRecord>>(r.GetString(1));
            }

        var events = new List<FeedbackEventRecord>();
        using (SqliteCommand cmd = KeyCommand(cn, key, "SELECT citizen, events FROM session_events"))
        using (SqliteDataReader r = await cmd.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct))
            {
                citizen ??= r.GetString(0);
                events = Json.Read<List<FeedbackEventRecord>>(r.GetString(1));
            }

        var chunks = new List<ChunkMeta>();
        var curve = new List<CurveChunk>();
        using (SqliteCommand cmd = KeyCommand(cn, key, "SELECT citizen, channel, chunk, session_started_at, start_s, rate_hz, count, samples FROM curve_chunks", "ORDER BY channel, chunk"))
        using (SqliteDataReader r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                citizen ??= r.GetString(0);
                var meta = new ChunkMeta(r.GetString(1), r.GetInt32(2), Ticks.ToUtc(r.GetInt64(3)), r.GetDouble(4), r.GetDouble(5), r.GetInt32(6));
                chunks.Add(meta);
                if (!r.IsDBNull(7))
                    curve.Add(new CurveChunk(meta.Channel, meta.Chunk, meta.StartS, meta.RateHz, CurveBlob.Decode((byte[])r.GetValue(7))));
            }

        if (citizen is null) return (null, chunks);
        return (new SessionDetail(key, citizen, summary, curve, reps, events), chunks);
    }

    private static SqliteCommand KeyCommand(SqliteConnection cn, SessionKey key, string select, string suffix = "")
    {
        SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = $"{select} WHERE site = $site AND gateway = $gw AND session_id = $s {suffix}";
        cmd.Parameters.AddWithValue("$site", key.Site);
        cmd.Parameters.AddWithValue("$gw", key.Gateway);
        cmd.Parameters.AddWithValue("$s", key.SessionId);
        return cmd;
    }

    public async Task<IReadOnlyList<BandStatusRecord>> GetLatestBandStatusAsync(CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = $"SELECT {BandColumns} FROM band_status b WHERE NOT EXISTS (SELECT 1 FROM band_status n WHERE n.band_id = b.band_id AND (n.sent_at > b.sent_at OR (n.sent_at = b.sent_at AND n.message_id > b.message_id))) ORDER BY band_id";
        return await ReadBandsAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<BandStatusRecord>> GetBandStatusHistoryAsync(string bandId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = $"SELECT {BandColumns} FROM band_status WHERE band_id = $b AND sent_at >= $f AND sent_at < $t ORDER BY sent_at, message_id";
        cmd.Parameters.AddWithValue("$b", bandId);
        cmd.Parameters.AddWithValue("$f", Ticks.Of(from));
        cmd.Parameters.AddWithValue("$t", Ticks.Of(to));
        return await ReadBandsAsync(cmd, ct);
    }

    private const string BandColumns = "site, gateway, band_id, sent_at, firmware_version, battery_fraction, battery_v, temperature_degc, error_flags, calibration";

    private static async Task<IReadOnlyList<BandStatusRecord>> ReadBandsAsync(SqliteCommand cmd, CancellationToken ct)
    {
        var list = new List<BandStatusRecord>();
        using SqliteDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new BandStatusRecord(r.GetString(0), r.GetString(1), r.GetString(2), Ticks.ToUtc(r.GetInt64(3)),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6),
                r.IsDBNull(7) ? null : r.GetDouble(7), Json.Read<List<string>>(r.GetString(8)),
                r.IsDBNull(9) ? null : Json.Read<CalibrationCertificate>(r.GetString(9))));
        return list;
    }

    public async Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string? citizen, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = "SELECT site, gateway, body FROM proposals WHERE $c IS NULL OR citizen = $c ORDER BY sent_at DESC, message_id";
        cmd.Parameters.AddWithValue("$c", (object?)citizen ?? DBNull.Value);
        var list = new List<ProposalRecord>();
        using SqliteDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ProgressionProposalMessage m = Json.Read<ProgressionProposalMessage>(r.GetString(2));
            list.Add(new ProposalRecord(r.GetString(0), r.GetString(1), m.MessageId, m.SentAt.ToUniversalTime(), m.Citizen, m.ProgramId,
                m.ProgramVersion, m.ExerciseId, m.FromLevel, m.ToLevel, m.Reason, m.EvidenceSessions));
        }
        return list;
    }

    public async Task<IReadOnlyList<WeeklySessionCount>> GetSessionsPerWeekAsync(string? citizen, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = $"SELECT citizen, started_at / {Ticks.PerWeek} AS week, COUNT(*) FROM sessions WHERE ($c IS NULL OR citizen = $c) AND started_at >= $f AND started_at < $t GROUP BY citizen, week ORDER BY citizen, week";
        cmd.Parameters.AddWithValue("$c", (object?)citizen ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$f", Ticks.Of(from));
        cmd.Parameters.AddWithValue("$t", Ticks.Of(to));
        var list = new List<WeeklySessionCount>();
        using SqliteDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new WeeklySessionCount(r.GetString(0), Ticks.WeekStart(r.GetInt64(1)), r.GetInt32(2)));
        return list;
    }

    /// <summary>Deletes every row of the pseudonym in one transaction; <paramref name="alsoElsewhere"/> runs inside it (InfluxDB).</summary>
    public async Task<long> EraseCitizenAsync(string citizen, Func<CancellationToken, Task<long>>? alsoElsewhere, CancellationToken ct)
    {
        if (!Topics.IsValidId(citizen)) throw new ArgumentException($"'{citizen}' is not a valid pseudonym", nameof(citizen));
        await _writeLock.WaitAsync(ct);
        try
        {
            SqliteConnection writer = _writer ?? throw new InvalidOperationException("the telemetry store is not initialized (call InitializeAsync)");
            using SqliteTransaction tx = writer.BeginTransaction(deferred: false);
            long rows = 0;
            foreach (string table in new[] { "sessions", "session_exercises", "session_reps", "session_events", "curve_chunks", "proposals", "messages" })
            {
                using SqliteCommand cmd = writer.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = $"DELETE FROM {table} WHERE citizen = $c";
                cmd.Parameters.AddWithValue("$c", citizen);
                rows += await cmd.ExecuteNonQueryAsync(ct);
            }
            using (SqliteCommand cmd = writer.CreateCommand())
            {
                // Dead letters are raw bytes: erase those whose topic ends with the pseudonym or whose payload names it as a JSON string.
                cmd.Transaction = tx;
                cmd.CommandText = "DELETE FROM dead_letters WHERE topic LIKE $t ESCAPE '\\' OR instr(CAST(payload AS TEXT), $q) > 0";
                cmd.Parameters.AddWithValue("$t", "%/" + citizen.Replace("_", "\\_", StringComparison.Ordinal));
                cmd.Parameters.AddWithValue("$q", "\"" + citizen + "\"");
                rows += await cmd.ExecuteNonQueryAsync(ct);
            }
            if (alsoElsewhere is not null) rows += await alsoElsewhere(ct);
            tx.Commit();
            return rows;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<long> AddDeadLetterAsync(string topic, string reason, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            SqliteConnection writer = _writer ?? throw new InvalidOperationException("the dead-letter store is not initialized (call InitializeAsync)");
            using SqliteCommand cmd = writer.CreateCommand();
            cmd.CommandText = "INSERT INTO dead_letters(received_at, topic, reason, payload) VALUES ($r, $t, $why, $p) RETURNING id";
            cmd.Parameters.AddWithValue("$r", Ticks.Of(receivedAt));
            cmd.Parameters.AddWithValue("$t", topic ?? string.Empty);
            cmd.Parameters.AddWithValue("$why", reason ?? string.Empty);
            cmd.Parameters.AddWithValue("$p", payload.ToArray());
            return (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit, CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = "SELECT id, received_at, topic, reason, payload FROM dead_letters ORDER BY id DESC LIMIT $n";
        cmd.Parameters.AddWithValue("$n", Math.Max(0, limit));
        var list = new List<DeadLetter>();
        using SqliteDataReader r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new DeadLetter(r.GetInt64(0), Ticks.ToUtc(r.GetInt64(1)), r.GetString(2), r.GetString(3), (byte[])r.GetValue(4)));
        return list;
    }

    public async Task<long> CountDeadLettersAsync(CancellationToken ct)
    {
        using SqliteConnection cn = OpenReader();
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM dead_letters";
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(SqliteConnection cn, string sql, CancellationToken ct)
    {
        using SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            _commands?.Dispose();
            _commands = null;
            if (_writer is not null) await _writer.DisposeAsync();
            _writer = null;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

/// <summary>A stored curve chunk's metadata (enough to rebuild the sample times and the gaps).</summary>
internal sealed record ChunkMeta(string Channel, int Chunk, DateTimeOffset SessionStartedAtUtc, double StartS, double RateHz, int Count);

/// <summary>JSON of the nested payload parts, with the contract's options.</summary>
internal static class Json
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, ContractSerializer.Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, ContractSerializer.Options) ?? throw new InvalidOperationException($"stored JSON is null for {typeof(T).Name}");
}
