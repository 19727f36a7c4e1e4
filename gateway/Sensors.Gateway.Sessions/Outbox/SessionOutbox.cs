using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using Sensors.Contracts;

namespace Sensors.Gateway.Sessions.Outbox;

/// <summary>
/// The gateway's durable outbox (SQLite, WAL, <c>synchronous=FULL</c>): every message is written here before anything
/// is published, a session in one transaction (whole or absent after a power cut), and a row is marked published only
/// after the broker's PUBACK. Bounded by a quota (see <see cref="EnforceQuota"/>) and pruned after the retention period.
/// Thread-safe (one connection behind a lock).
/// </summary>
public sealed class SessionOutbox : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteConnection _db;
    private readonly TimeProvider _clock;
    private OutboxLevel _lastLevel = OutboxLevel.Ok;
    private bool _disposed;

    private SessionOutbox(OutboxSettings settings, TimeProvider clock)
    {
        Settings = settings;
        _clock = clock;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(settings.DatabasePath));
        if (dir is not null) Directory.CreateDirectory(dir);
        _db = new SqliteConnection(ConnectionString(settings.DatabasePath));
        try
        {
            _db.Open();
            Exec("PRAGMA auto_vacuum=INCREMENTAL"); // only takes effect on a new file, before the first table
            string mode = Scalar<string>("PRAGMA journal_mode=WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new OutboxException($"outbox {settings.DatabasePath}: could not switch to WAL (journal_mode={mode})");
            Exec("PRAGMA synchronous=FULL");
            Exec("PRAGMA journal_size_limit=4194304");
            Exec("PRAGMA busy_timeout=10000");
            Exec(Schema);
            Migrate();
        }
        catch (SqliteException ex)
        {
            _db.Dispose();
            throw new OutboxException($"outbox {settings.DatabasePath} cannot be opened: {ex.Message}", ex);
        }
    }

    /// <summary>The settings the outbox was opened with.</summary>
    public OutboxSettings Settings { get; }

    /// <summary>Raised after rows were added (the uplink wakes up to drain them).</summary>
    public event EventHandler? Enqueued;

    /// <summary>Raised when the outbox nears or reaches its quota, drops raw samples, or a row is refused.</summary>
    public event EventHandler<OutboxWarningEventArgs>? Warning;

    /// <summary>Opens (or creates) the outbox file.</summary>
    /// <exception cref="OutboxException">The file cannot be opened or is not an outbox.</exception>
    public static SessionOutbox Open(OutboxSettings settings, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return new SessionOutbox(settings, clock ?? TimeProvider.System);
    }

    /// <summary>
    /// Writes all messages of a session (and optionally its raw samples) in one transaction, committed with a full
    /// sync before returning. False (nothing written) when the session is already in the outbox.
    /// </summary>
    /// <exception cref="OutboxException">A topic is outside the tree, a message id repeats, or the disk is full.</exception>
    public bool AddSession(string sessionId, string citizen, IReadOnlyList<OutboxMessage> messages, byte[]? rawSamples = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!Topics.IsValidId(sessionId)) throw new OutboxException($"session id '{sessionId}' is not a valid id");
        foreach (OutboxMessage m in messages) CheckMessage(m);
        if (messages.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count() != messages.Count)
            throw new OutboxException($"session {sessionId}: message ids repeat");
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                using SqliteTransaction tx = _db.BeginTransaction();
                if (Scalar<long>("SELECT COUNT(*) FROM sessions WHERE session_id=$s", tx, ("$s", sessionId)) > 0) return false;
                long now = NowMs();
                Exec("INSERT INTO sessions(session_id, citizen, message_count, created_at) VALUES($s,$c,$n,$t)", tx,
                    ("$s", sessionId), ("$c", citizen), ("$n", messages.Count), ("$t", now));
                foreach (OutboxMessage m in messages) Insert(m, sessionId, now, tx);
                if (rawSamples is not null)
                    Exec("INSERT INTO raw_samples(session_id, format, bytes, created_at) VALUES($s,'csv.gz',$b,$t)", tx,
                        ("$s", sessionId), ("$b", rawSamples), ("$t", now));
                tx.Commit();
            }
            catch (SqliteException ex)
            {
                throw new OutboxException($"outbox {Settings.DatabasePath}: session {sessionId} was not stored (nothing half-written): {ex.Message}", ex);
            }
        }
        Enqueued?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <summary>Writes one message that belongs to no session (band status, proposal). False when its id is already held.</summary>
    public bool Add(OutboxMessage message)
    {
        CheckMessage(message);
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                using SqliteTransaction tx = _db.BeginTransaction();
                if (Scalar<long>("SELECT COUNT(*) FROM outbox WHERE message_id=$m", tx, ("$m", message.MessageId)) > 0) return false;
                Insert(message, null, NowMs(), tx);
                tx.Commit();
            }
            catch (SqliteException ex)
            {
                throw new OutboxException($"outbox {Settings.DatabasePath}: message {message.MessageId} was not stored: {ex.Message}", ex);
            }
        }
        Enqueued?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <summary>The oldest rows not yet acknowledged (and not refused), in publish order.</summary>
    public IReadOnlyList<OutboxEntry> GetPending(int max = 100) =>
        Query("SELECT * FROM outbox WHERE published_at IS NULL AND rejected_reason IS NULL ORDER BY seq LIMIT $n", ("$n", max));

    /// <summary>Every row of a session in publish order.</summary>
    public IReadOnlyList<OutboxEntry> GetSession(string sessionId) =>
        Query("SELECT * FROM outbox WHERE session_id=$s ORDER BY seq", ("$s", sessionId));

    /// <summary>One row by message id.</summary>
    public bool TryGet(string messageId, out OutboxEntry? entry)
    {
        IReadOnlyList<OutboxEntry> rows = Query("SELECT * FROM outbox WHERE message_id=$m", ("$m", messageId));
        entry = rows.Count > 0 ? rows[0] : null;
        return entry is not null;
    }

    /// <summary>The raw samples (gzip CSV) of a session, when still held.</summary>
    public bool TryGetRawSamples(string sessionId, out byte[]? bytes)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using SqliteCommand cmd = Command("SELECT bytes FROM raw_samples WHERE session_id=$s", null, ("$s", sessionId));
            bytes = cmd.ExecuteScalar() as byte[];
            return bytes is not null;
        }
    }

    /// <summary>Marks a row acknowledged by the broker (PUBACK) and counts the attempt.</summary>
    public void MarkPublished(long seq) =>
        Update("UPDATE outbox SET published_at=$t, attempts=attempts+1, last_error=NULL WHERE seq=$q", ("$t", NowMs()), ("$q", seq));

    /// <summary>Counts a failed attempt (connection lost before PUBACK); the row stays pending.</summary>
    public void MarkAttemptFailed(long seq, string error) =>
        Update("UPDATE outbox SET attempts=attempts+1, last_error=$e WHERE seq=$q", ("$e", error), ("$q", seq));

    /// <summary>Marks a row refused by the broker (e.g. not authorized): kept for diagnosis, never retried.</summary>
    public void MarkRejected(long seq, string reason)
    {
        Update("UPDATE outbox SET attempts=attempts+1, rejected_reason=$r WHERE seq=$q", ("$r", reason), ("$q", seq));
        Warning?.Invoke(this, new OutboxWarningEventArgs(_lastLevel, $"outbox row {seq} refused by the broker: {reason}"));
    }

    /// <summary>
    /// Marks rows whose ids analytics confirmed it has stored (end-to-end receipt). Returns the rows newly confirmed; ids
    /// not held (pruned, another gateway's) are ignored.
    /// </summary>
    public int MarkConfirmed(IReadOnlyCollection<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                using SqliteTransaction tx = _db.BeginTransaction();
                long now = NowMs();
                int n = 0;
                foreach (string id in messageIds)
                    n += Exec("UPDATE outbox SET confirmed_at=$t WHERE message_id=$m AND confirmed_at IS NULL", tx, ("$t", now), ("$m", id));
                tx.Commit();
                return n;
            }
            catch (SqliteException ex)
            {
                throw new OutboxException($"outbox {Settings.DatabasePath}: receipt not recorded: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Puts back to pending the rows the broker acknowledged more than <paramref name="age"/> ago that analytics has not
    /// confirmed, at most <paramref name="maxRepublish"/> times per row (a broker that crashed after its PUBACK may have
    /// lost them; the same message id makes a second copy harmless). Returns the rows put back.
    /// </summary>
    public int RequeueUnconfirmed(TimeSpan age, int maxRepublish)
    {
        long cutoff = NowMs() - (long)age.TotalMilliseconds;
        int n;
        lock (_gate)
        {
            ThrowIfDisposed();
            n = Exec("""
                UPDATE outbox SET published_at=NULL, republished=republished+1
                WHERE published_at IS NOT NULL AND published_at < $c AND confirmed_at IS NULL AND rejected_reason IS NULL AND republished < $max
                """, null, ("$c", cutoff), ("$max", maxRepublish));
        }
        if (n > 0) Enqueued?.Invoke(this, EventArgs.Empty);
        return n;
    }

    /// <summary>Rows the broker acknowledged that analytics has not confirmed yet.</summary>
    public int CountUnconfirmed()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return (int)Scalar<long>("SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL AND confirmed_at IS NULL");
        }
    }

    /// <summary>Row counts.</summary>
    public OutboxCounts GetCounts()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return new OutboxCounts(
                (int)Scalar<long>("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND rejected_reason IS NULL"),
                (int)Scalar<long>("SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL"),
                (int)Scalar<long>("SELECT COUNT(*) FROM outbox WHERE rejected_reason IS NOT NULL"),
                (int)Scalar<long>("SELECT COUNT(*) FROM sessions"),
                (int)Scalar<long>("SELECT COUNT(*) FROM raw_samples"));
        }
    }

    /// <summary>Session ids held, oldest first.</summary>
    public IReadOnlyList<string> GetSessionIds()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using SqliteCommand cmd = Command("SELECT session_id FROM sessions ORDER BY created_at, session_id", null);
            using SqliteDataReader r = cmd.ExecuteReader();
            var ids = new List<string>();
            while (r.Read()) ids.Add(r.GetString(0));
            return ids;
        }
    }

    /// <summary>Live data size, quota and free disk, and the level they give.</summary>
    public OutboxUsage MeasureUsage()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return MeasureUsageLocked();
        }
    }

    /// <summary>
    /// Applies the quota policy: warns at <see cref="OutboxSettings.WarnFraction"/>; at the quota (or low free disk) drops,
    /// in this order and only while still full: (1) raw samples of sessions already published, (2) published sessions
    /// and messages (oldest first), (3) raw samples of unpublished sessions. Unpublished summaries, reps, events and
    /// curves are never dropped; if they alone fill the quota the level stays Full with a warning.
    /// </summary>
    public OutboxUsage EnforceQuota()
    {
        var warnings = new List<OutboxWarningEventArgs>();
        OutboxUsage usage;
        lock (_gate)
        {
            ThrowIfDisposed();
            usage = MeasureUsageLocked();
            if (usage.Level == OutboxLevel.Full)
            {
                usage = Reclaim(usage, "raw samples of published sessions",
                    "DELETE FROM raw_samples WHERE session_id NOT IN (SELECT DISTINCT session_id FROM outbox WHERE session_id IS NOT NULL AND published_at IS NULL AND rejected_reason IS NULL)", warnings);
            }
            if (usage.Level == OutboxLevel.Full)
            {
                usage = Reclaim(usage, "published sessions and messages",
                    PublishedSessionsBefore(long.MaxValue), warnings);
            }
            if (usage.Level == OutboxLevel.Full)
                usage = Reclaim(usage, "raw samples of unpublished sessions", "DELETE FROM raw_samples", warnings);
            if (usage.Level == OutboxLevel.Full)
                warnings.Add(new(OutboxLevel.Full, $"outbox is FULL: {Describe(usage)} held by unpublished sessions only; nothing more is dropped, new sessions are stored without raw samples — restore the uplink"));
            else if (usage.Level == OutboxLevel.Warning && _lastLevel == OutboxLevel.Ok)
                warnings.Add(new(OutboxLevel.Warning, $"outbox nearly full: {Describe(usage)} (warning at {Settings.WarnFraction:P0}); the uplink may be down"));
            _lastLevel = usage.Level;
        }
        foreach (OutboxWarningEventArgs w in warnings) Warning?.Invoke(this, w);
        return usage;
    }

    /// <summary>Deletes sessions whose rows were all published before now − retention (with their raw samples) and
    /// single published messages older than that. Returns the messages deleted.</summary>
    public int Prune()
    {
        long cutoff = NowMs() - (long)Settings.Retention.TotalMilliseconds;
        lock (_gate)
        {
            ThrowIfDisposed();
            using SqliteTransaction tx = _db.BeginTransaction();
            long before = Scalar<long>("SELECT COUNT(*) FROM outbox", tx);
            Exec(PublishedSessionsBefore(cutoff), tx);
            long after = Scalar<long>("SELECT COUNT(*) FROM outbox", tx);
            tx.Commit();
            Exec("PRAGMA incremental_vacuum");
            return (int)(before - after);
        }
    }

    /// <summary>SQLite's integrity_check ("ok" when sound).</summary>
    public string IntegrityCheck()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return Scalar<string>("PRAGMA integrity_check");
        }
    }

    /// <summary>
    /// Checks every session held is whole: its row count equals the count written, each payload reads back under the
    /// contract on its topic, and the summary's curve_chunks equals the curve rows. Returns the problems (empty = whole).
    /// </summary>
    public IReadOnlyList<string> VerifySessions()
    {
        var problems = new List<string>();
        foreach (string id in GetSessionIds())
        {
            long expected;
            lock (_gate) expected = Scalar<long>("SELECT message_count FROM sessions WHERE session_id=$s", null, ("$s", id));
            IReadOnlyList<OutboxEntry> rows = GetSession(id);
            if (rows.Count != expected) problems.Add($"session {id}: {rows.Count} of {expected} messages");
            int curves = 0, summaries = 0;
            foreach (OutboxEntry row in rows)
            {
                if (!ContractSerializer.TryDeserialize(row.Topic, row.Payload, out ContractMessage? msg, out TopicPath? _, out string error))
                {
                    problems.Add($"session {id}: row {row.Seq} ({row.MessageId}) unreadable: {error}");
                    continue;
                }
                if (msg!.MessageId != row.MessageId) problems.Add($"session {id}: row {row.Seq} id {row.MessageId} ≠ payload id {msg.MessageId}");
                if (msg is AngleCurveMessage) curves++;
                if (msg is SessionSummaryMessage s)
                {
                    summaries++;
                    if (rows.Count == expected && s.CurveChunks != rows.Count(r => r.Topic.Contains("/curve/", StringComparison.Ordinal)))
                        problems.Add($"session {id}: summary says {s.CurveChunks} curve chunks");
                }
            }
            if (rows.Count == expected && summaries != 1) problems.Add($"session {id}: {summaries} summaries");
        }
        return problems;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _db.Dispose();
        }
    }

    internal static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS sessions(
          session_id TEXT PRIMARY KEY,
          citizen TEXT NOT NULL,
          message_count INTEGER NOT NULL,
          created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS outbox(
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          message_id TEXT NOT NULL UNIQUE,
          session_id TEXT NULL,
          topic TEXT NOT NULL,
          payload BLOB NOT NULL,
          qos INTEGER NOT NULL,
          retain INTEGER NOT NULL,
          created_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          published_at INTEGER NULL,
          last_error TEXT NULL,
          rejected_reason TEXT NULL);
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox(published_at, seq);
        CREATE INDEX IF NOT EXISTS outbox_session ON outbox(session_id);
        CREATE TABLE IF NOT EXISTS raw_samples(
          session_id TEXT PRIMARY KEY,
          format TEXT NOT NULL,
          bytes BLOB NOT NULL,
          created_at INTEGER NOT NULL);
        """;

    /// <summary>Adds the receipt columns to an outbox file written before receipts existed.</summary>
    private void Migrate()
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        using (SqliteCommand cmd = Command("PRAGMA table_info(outbox)", null))
        using (SqliteDataReader r = cmd.ExecuteReader())
            while (r.Read()) columns.Add(r.GetString(1));
        if (!columns.Contains("confirmed_at")) Exec("ALTER TABLE outbox ADD COLUMN confirmed_at INTEGER NULL");
        if (!columns.Contains("republished")) Exec("ALTER TABLE outbox ADD COLUMN republished INTEGER NOT NULL DEFAULT 0");
    }

    private static string PublishedSessionsBefore(long cutoffMs)
    {
        string c = cutoffMs.ToString(CultureInfo.InvariantCulture);
        string done = $"""
            SELECT session_id FROM sessions s WHERE NOT EXISTS (
              SELECT 1 FROM outbox o WHERE o.session_id = s.session_id AND (o.published_at IS NULL OR o.published_at >= {c}))
            """;
        return $"""
            DELETE FROM raw_samples WHERE session_id IN ({done});
            DELETE FROM outbox WHERE session_id IN ({done});
            DELETE FROM sessions WHERE session_id IN ({done});
            DELETE FROM outbox WHERE session_id IS NULL AND published_at IS NOT NULL AND published_at < {c};
            """;
    }

    private OutboxUsage Reclaim(OutboxUsage before, string what, string sql, List<OutboxWarningEventArgs> warnings)
    {
        int n = Exec(sql);
        Exec("PRAGMA incremental_vacuum");
        OutboxUsage after = MeasureUsageLocked();
        if (n > 0)
            warnings.Add(new(after.Level, $"outbox over quota ({Describe(before)}): dropped {what} ({n} rows); now {Describe(after)}"));
        return after;
    }

    private static string Describe(OutboxUsage u) =>
        string.Create(CultureInfo.InvariantCulture, $"{u.UsedBytes / 1024.0:F0} KiB of {u.QuotaBytes / 1024.0:F0} KiB ({u.Fraction:P0}), disk free {(u.FreeDiskBytes < 0 ? "unknown" : (u.FreeDiskBytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture) + " MiB")}");

    private OutboxUsage MeasureUsageLocked()
    {
        long pageSize = Scalar<long>("PRAGMA page_size");
        long pages = Scalar<long>("PRAGMA page_count");
        long free = Scalar<long>("PRAGMA freelist_count");
        long used = (pages - free) * pageSize;
        long disk = FreeDiskBytes(Settings.DatabasePath);
        OutboxLevel level = used >= Settings.QuotaBytes || (disk >= 0 && disk < Settings.MinFreeDiskBytes) ? OutboxLevel.Full
            : used >= Settings.WarnFraction * Settings.QuotaBytes ? OutboxLevel.Warning
            : OutboxLevel.Ok;
        return new OutboxUsage(used, Settings.QuotaBytes, disk, level);
    }

    private static long FreeDiskBytes(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            DriveInfo? best = null;
            foreach (DriveInfo d in DriveInfo.GetDrives())
            {
                string root = d.RootDirectory.FullName;
                if (full.StartsWith(root, StringComparison.Ordinal) && (best is null || root.Length > best.RootDirectory.FullName.Length))
                    best = d;
            }
            return best?.AvailableFreeSpace ?? -1;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static void CheckMessage(OutboxMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (string.IsNullOrWhiteSpace(m.MessageId)) throw new OutboxException($"message on {m.Topic} has no message id");
        if (!TopicPath.TryParse(m.Topic, out TopicPath? _, out string error)) throw new OutboxException($"message {m.MessageId}: {error}");
        if (m.Qos is < 0 or > 2) throw new OutboxException($"message {m.MessageId}: qos {m.Qos} is not 0, 1 or 2");
        if (m.Payload is null || m.Payload.Length == 0) throw new OutboxException($"message {m.MessageId}: payload is empty");
    }

    private void Insert(OutboxMessage m, string? sessionId, long now, SqliteTransaction tx) =>
        Exec("INSERT INTO outbox(message_id, session_id, topic, payload, qos, retain, created_at) VALUES($m,$s,$t,$p,$q,$r,$c)", tx,
            ("$m", m.MessageId), ("$s", (object?)sessionId ?? DBNull.Value), ("$t", m.Topic), ("$p", m.Payload),
            ("$q", m.Qos), ("$r", m.Retain ? 1 : 0), ("$c", now));

    private IReadOnlyList<OutboxEntry> Query(string sql, params (string, object)[] args)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using SqliteCommand cmd = Command(sql, null, args);
            using SqliteDataReader r = cmd.ExecuteReader();
            var list = new List<OutboxEntry>();
            while (r.Read())
            {
                list.Add(new OutboxEntry(
                    r.GetInt64(r.GetOrdinal("seq")),
                    r.GetString(r.GetOrdinal("message_id")),
                    r.GetString(r.GetOrdinal("topic")),
                    (byte[])r["payload"],
                    r.GetInt32(r.GetOrdinal("qos")),
                    r.GetInt64(r.GetOrdinal("retain")) != 0,
                    r.IsDBNull(r.GetOrdinal("session_id")) ? null : r.GetString(r.GetOrdinal("session_id")),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal("created_at"))),
                    r.GetInt32(r.GetOrdinal("attempts")),
                    r.IsDBNull(r.GetOrdinal("published_at")) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal("published_at"))),
                    r.IsDBNull(r.GetOrdinal("rejected_reason")) ? null : r.GetString(r.GetOrdinal("rejected_reason"))));
            }
            return list;
        }
    }

    private void Update(string sql, params (string, object)[] args)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            try
            {
                Exec(sql, null, args);
            }
            catch (SqliteException ex)
            {
                throw new OutboxException($"outbox {Settings.DatabasePath}: update failed: {ex.Message}", ex);
            }
        }
    }

    private long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private SqliteCommand Command(string sql, SqliteTransaction? tx, params (string, object)[] args)
    {
        SqliteCommand cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach ((string name, object value) in args) cmd.Parameters.AddWithValue(name, value);
        return cmd;
    }

    private int Exec(string sql, SqliteTransaction? tx = null, params (string, object)[] args)
    {
        using SqliteCommand cmd = Command(sql, tx, args);
        return cmd.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, SqliteTransaction? tx = null, params (string, object)[] args)
    {
        using SqliteCommand cmd = Command(sql, tx, args);
        object? v = cmd.ExecuteScalar();
        return (T)Convert.ChangeType(v!, typeof(T), CultureInfo.InvariantCulture);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
