using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Outbox;

namespace Sensors.Gateway.Sessions.Downlink;

/// <summary>What <see cref="ProgramCache.Offer"/> did with a received program.</summary>
public enum ProgramOfferResult
{
    /// <summary>Newer than the cached one (or the first): stored and current.</summary>
    Accepted,
    /// <summary>Same or older program_version than the cached one: ignored.</summary>
    Ignored,
    /// <summary>Not a valid program for this gateway: not stored.</summary>
    Invalid,
}

/// <summary>
/// The citizens' current programs (retained downlink), cached in SQLite so a gateway trains offline and after a restart.
/// Keeps the highest <c>program_version</c> per citizen; older or equal versions are ignored. Thread-safe.
/// </summary>
public sealed class ProgramCache : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteConnection _db;
    private bool _disposed;

    /// <summary>Opens (or creates) the cache; it may share the outbox's file.</summary>
    public ProgramCache(string databasePath, string site, string gateway)
    {
        Site = site;
        Gateway = gateway;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (dir is not null) Directory.CreateDirectory(dir);
        _db = new SqliteConnection(SessionOutbox.ConnectionString(databasePath));
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;");
        Exec("""
            CREATE TABLE IF NOT EXISTS program_cache(
              citizen TEXT PRIMARY KEY,
              program_id TEXT NOT NULL,
              program_version INTEGER NOT NULL,
              message_id TEXT NOT NULL,
              topic TEXT NOT NULL,
              payload BLOB NOT NULL,
              received_at INTEGER NOT NULL);
            """);
    }

    /// <summary>Site id this gateway accepts programs for.</summary>
    public string Site { get; }

    /// <summary>Gateway id this gateway accepts programs for.</summary>
    public string Gateway { get; }

    /// <summary>Raised after a newer program was stored.</summary>
    public event EventHandler<ProgramMessage>? ProgramChanged;

    /// <summary>Last refusal reason (diagnostics).</summary>
    public string? LastError { get; private set; }

    /// <summary>Validates a received payload (contract, topic of this gateway, citizen matches) and stores it when newer.</summary>
    public ProgramOfferResult Offer(string topic, ReadOnlySpan<byte> payload, out string error)
    {
        if (!ContractSerializer.TryDeserialize(topic, payload, out ContractMessage? message, out TopicPath? path, out error))
            return Refuse(ref error, error);
        if (path!.Kind != TopicKind.Program || message is not ProgramMessage program)
            return Refuse(ref error, $"{topic}: not a program topic");
        if (path.Site != Site || path.Gateway != Gateway)
            return Refuse(ref error, $"{topic}: program for {path.Site}/{path.Gateway}, this gateway is {Site}/{Gateway}");
        if (program.Citizen != path.Id)
            return Refuse(ref error, $"{topic}: program '{program.MessageId}' is for citizen '{program.Citizen}', topic says '{path.Id}'");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using SqliteCommand cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT INTO program_cache(citizen, program_id, program_version, message_id, topic, payload, received_at)
                VALUES($c,$p,$v,$m,$t,$b,$r)
                ON CONFLICT(citizen) DO UPDATE SET program_id=excluded.program_id, program_version=excluded.program_version,
                  message_id=excluded.message_id, topic=excluded.topic, payload=excluded.payload, received_at=excluded.received_at
                WHERE excluded.program_version > program_cache.program_version
                """;
            cmd.Parameters.AddWithValue("$c", program.Citizen);
            cmd.Parameters.AddWithValue("$p", program.ProgramId);
            cmd.Parameters.AddWithValue("$v", program.ProgramVersion);
            cmd.Parameters.AddWithValue("$m", program.MessageId);
            cmd.Parameters.AddWithValue("$t", topic);
            cmd.Parameters.AddWithValue("$b", payload.ToArray());
            cmd.Parameters.AddWithValue("$r", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (cmd.ExecuteNonQuery() == 0) return ProgramOfferResult.Ignored;
        }
        ProgramChanged?.Invoke(this, program);
        return ProgramOfferResult.Accepted;
    }

    /// <summary>The cached program of a citizen.</summary>
    public bool TryGetProgram(string citizen, out ProgramMessage? program)
    {
        program = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using SqliteCommand cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT topic, payload FROM program_cache WHERE citizen=$c";
            cmd.Parameters.AddWithValue("$c", citizen);
            using SqliteDataReader r = cmd.ExecuteReader();
            if (!r.Read()) return false;
            program = (ProgramMessage)ContractSerializer.Deserialize(r.GetString(0), (byte[])r[1]);
            return true;
        }
    }

    /// <summary>Every cached program (one per citizen).</summary>
    public IReadOnlyList<ProgramMessage> GetPrograms()
    {
        var list = new List<ProgramMessage>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using SqliteCommand cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT topic, payload FROM program_cache ORDER BY citizen";
            using SqliteDataReader r = cmd.ExecuteReader();
            while (r.Read()) list.Add((ProgramMessage)ContractSerializer.Deserialize(r.GetString(0), (byte[])r[1]));
        }
        return list;
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

    private ProgramOfferResult Refuse(ref string error, string reason)
    {
        error = reason;
        LastError = reason;
        return ProgramOfferResult.Invalid;
    }

    private void Exec(string sql)
    {
        using SqliteCommand cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
