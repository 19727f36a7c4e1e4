using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;
using Sensors.Band.Calibration;
using Sensors.Band.Joint;

namespace Sensors.Gateway.Calibration;

/// <summary>
/// The gateway's persistent calibration store (SQLite, WAL journal, synchronous FULL: a committed row survives a power
/// cut). Two tables:
/// <list type="bullet">
/// <item><c>factory_record</c>: the band's 320-byte factory calibration record, exactly as on the band, verified with
/// <see cref="CalibrationRecordCodec"/> (CRC-32 and plausibility) before it is stored and again when it is read; every
/// upload is a new row, the newest valid one is in use.</item>
/// <item><c>mounting</c>: mounting (sensor-to-segment) calibration per citizen + band + placement, with history — every
/// first fitting, refinement, strap-slip refit and session end is a new row with its reason; the newest is in use.</item>
/// </list>
/// A damaged row (bit rot, manual edits) is never returned: the reader falls back to the newest older valid row and says
/// so in <see cref="Problems"/>. Not thread-safe: one store per process part.
/// </summary>
public sealed class SqliteCalibrationStore : IDisposable
{
    /// <summary>Schema version in <c>PRAGMA user_version</c>.</summary>
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly List<string> _problems = [];

    private SqliteCalibrationStore(string path, SqliteConnection connection)
    {
        FilePath = path;
        _connection = connection;
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Damaged rows met while reading (each names the table, row id and band), oldest first.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public static SqliteCalibrationStore Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new CalibrationStoreException("calibration store path is empty.");
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
            long version = Scalar(connection, "PRAGMA user_version;");
            if (version > SchemaVersion)
                throw new CalibrationStoreException($"{full}: calibration store schema {version} is newer than this gateway ({SchemaVersion}).");
            Exec(connection, """
                CREATE TABLE IF NOT EXISTS factory_record (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    band_id TEXT NOT NULL,
                    stored_at_unix_s REAL NOT NULL,
                    band_serial TEXT NOT NULL,
                    technician_id TEXT NOT NULL,
                    certificate TEXT NOT NULL,
                    calibrated_at_unix_s INTEGER NOT NULL,
                    crc32 INTEGER NOT NULL,
                    record BLOB NOT NULL);
                CREATE INDEX IF NOT EXISTS factory_record_band ON factory_record(band_id, id);
                CREATE TABLE IF NOT EXISTS mounting (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    citizen_id TEXT NOT NULL,
                    band_id TEXT NOT NULL,
                    placement TEXT NOT NULL,
                    stored_at_unix_s REAL NOT NULL,
                    reason TEXT NOT NULL,
                    session_id TEXT,
                    slip_count INTEGER NOT NULL,
                    note TEXT,
                    record BLOB NOT NULL);
                CREATE INDEX IF NOT EXISTS mounting_key ON mounting(citizen_id, band_id, placement, id);
                PRAGMA user_version = 1;
                """);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new CalibrationStoreException($"{full}: cannot open the calibration store ({ex.Message}).", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteCalibrationStore(full, connection);
    }

    /// <summary>Verifies and stores a factory record received from band <paramref name="bandId"/> (e.g. via CalibrationRead).</summary>
    public FactoryRecordEntry PutFactoryRecord(string bandId, ReadOnlySpan<byte> record, double? storedAtUnixS = null)
    {
        RequireId(bandId, "band id");
        byte[] bytes = record.ToArray();
        var decoded = new CalibrationRecord();
        CalibrationRecordState state = CalibrationRecordCodec.TryDecode(bytes, 0, bytes.Length, decoded);
        if (state != CalibrationRecordState.Valid)
            throw new CalibrationStoreException($"band {bandId}: factory calibration record rejected ({state}, {bytes.Length} bytes); nothing stored.");
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        double now = storedAtUnixS ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO factory_record (band_id, stored_at_unix_s, band_serial, technician_id, certificate, calibrated_at_unix_s, crc32, record)
            VALUES ($band, $at, $serial, $tech, $cert, $cal, $crc, $record) RETURNING id;
            """;
        cmd.Parameters.AddWithValue("$band", bandId);
        cmd.Parameters.AddWithValue("$at", now);
        cmd.Parameters.AddWithValue("$serial", decoded.BandSerial);
        cmd.Parameters.AddWithValue("$tech", decoded.TechnicianId);
        cmd.Parameters.AddWithValue("$cert", decoded.CertificateNumber);
        cmd.Parameters.AddWithValue("$cal", decoded.CalibratedAtUnixS);
        cmd.Parameters.AddWithValue("$crc", (long)crc);
        cmd.Parameters.AddWithValue("$record", bytes);
        long id = (long)cmd.ExecuteScalar()!;
        return new FactoryRecordEntry(id, bandId, now, bytes, decoded, crc);
    }

    /// <summary>Encodes and stores a factory record (bench calibration on the gateway side).</summary>
    public FactoryRecordEntry PutFactoryRecord(string bandId, CalibrationRecord record, double? storedAtUnixS = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new byte[CalibrationRecordCodec.RecordBytes];
        int n = CalibrationRecordCodec.Encode(record, buffer, 0);
        return PutFactoryRecord(bandId, buffer.AsSpan(0, n), storedAtUnixS);
    }

    /// <summary>The newest valid factory record of a band; false when the band has none (a session then uses identity and says so).</summary>
    public bool TryGetFactoryRecord(string bandId, [NotNullWhen(true)] out FactoryRecordEntry? entry)
    {
        foreach (FactoryRecordEntry e in ReadFactory(bandId, newestFirst: true, limitValid: 1))
        {
            entry = e;
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>Every valid factory record of a band, oldest first (damaged rows are reported in <see cref="Problems"/>).</summary>
    public IReadOnlyList<FactoryRecordEntry> GetFactoryHistory(string bandId) => ReadFactory(bandId, newestFirst: false, limitValid: int.MaxValue);

    /// <summary>Bands with any factory record or mounting, sorted.</summary>
    public IReadOnlyList<string> ListBands()
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT band_id FROM factory_record UNION SELECT band_id FROM mounting ORDER BY 1;";
        using SqliteDataReader r = cmd.ExecuteReader();
        var bands = new List<string>();
        while (r.Read()) bands.Add(r.GetString(0));
        return bands;
    }

    /// <summary>Appends a mounting row (never overwrites: history).</summary>
    public MountingEntry AddMounting(string citizenId, string bandId, string placement, MountingRecord mounting, MountingReason reason,
        string? sessionId = null, int slipCount = 0, string? note = null, double? storedAtUnixS = null)
    {
        RequireId(citizenId, "citizen id");
        RequireId(bandId, "band id");
        RequireId(placement, "placement");
        ArgumentNullException.ThrowIfNull(mounting);
        var floats = new float[MountingRecord.SerializedLength];
        mounting.CopyTo(floats, 0);
        foreach (float f in floats)
            if (!float.IsFinite(f)) throw new CalibrationStoreException($"citizen {citizenId}, band {bandId} ({placement}): mounting has a non-finite value; nothing stored.");
        var blob = new byte[floats.Length * 4];
        for (int i = 0; i < floats.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(blob.AsSpan(i * 4), floats[i]);
        double now = storedAtUnixS ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO mounting (citizen_id, band_id, placement, stored_at_unix_s, reason, session_id, slip_count, note, record)
            VALUES ($c, $b, $p, $at, $reason, $s, $slips, $note, $record) RETURNING id;
            """;
        cmd.Parameters.AddWithValue("$c", citizenId);
        cmd.Parameters.AddWithValue("$b", bandId);
        cmd.Parameters.AddWithValue("$p", placement);
        cmd.Parameters.AddWithValue("$at", now);
        cmd.Parameters.AddWithValue("$reason", reason.ToString());
        cmd.Parameters.AddWithValue("$s", (object?)sessionId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$slips", slipCount);
        cmd.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$record", blob);
        long id = (long)cmd.ExecuteScalar()!;
        var copy = new MountingRecord();
        copy.CopyFrom(mounting);
        return new MountingEntry(id, citizenId, bandId, placement, now, reason, sessionId, slipCount, note, copy);
    }

    /// <summary>The mounting in use (newest valid row) for a citizen + band + placement.</summary>
    public bool TryGetMounting(string citizenId, string bandId, string placement, [NotNullWhen(true)] out MountingEntry? entry)
    {
        IReadOnlyList<MountingEntry> rows = ReadMountings(citizenId, bandId, placement, newestFirst: true, limitValid: 1);
        entry = rows.Count > 0 ? rows[0] : null;
        return entry is not null;
    }

    /// <summary>Mounting history, oldest first; null filters match everything.</summary>
    public IReadOnlyList<MountingEntry> GetMountingHistory(string? citizenId = null, string? bandId = null, string? placement = null) =>
        ReadMountings(citizenId, bandId, placement, newestFirst: false, limitValid: int.MaxValue);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private List<FactoryRecordEntry> ReadFactory(string bandId, bool newestFirst, int limitValid)
    {
        RequireId(bandId, "band id");
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT id, stored_at_unix_s, crc32, record FROM factory_record WHERE band_id = $b ORDER BY id " + (newestFirst ? "DESC" : "ASC") + ";";
        cmd.Parameters.AddWithValue("$b", bandId);
        using SqliteDataReader r = cmd.ExecuteReader();
        var result = new List<FactoryRecordEntry>();
        while (r.Read() && result.Count < limitValid)
        {
            long id = r.GetInt64(0);
            byte[] bytes = (byte[])r["record"];
            var decoded = new CalibrationRecord();
            CalibrationRecordState state = CalibrationRecordCodec.TryDecode(bytes, 0, bytes.Length, decoded);
            uint crc = bytes.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) : 0;
            if (state != CalibrationRecordState.Valid || crc != (uint)r.GetInt64(2))
            {
                Problem(string.Create(CultureInfo.InvariantCulture, $"{FilePath}: factory_record row {id} (band {bandId}) is damaged ({state}); skipped."));
                continue;
            }

            result.Add(new FactoryRecordEntry(id, bandId, r.GetDouble(1), bytes, decoded, crc));
        }

        return result;
    }

    private List<MountingEntry> ReadMountings(string? citizenId, string? bandId, string? placement, bool newestFirst, int limitValid)
    {
        using SqliteCommand cmd = _connection.CreateCommand();
        cmd.CommandText = """
            SELECT id, citizen_id, band_id, placement, stored_at_unix_s, reason, session_id, slip_count, note, record FROM mounting
            WHERE ($c IS NULL OR citizen_id = $c) AND ($b IS NULL OR band_id = $b) AND ($p IS NULL OR placement = $p)
            ORDER BY id
            """ + (newestFirst ? " DESC;" : " ASC;");
        cmd.Parameters.AddWithValue("$c", (object?)citizenId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$b", (object?)bandId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$p", (object?)placement ?? DBNull.Value);
        using SqliteDataReader r = cmd.ExecuteReader();
        var result = new List<MountingEntry>();
        while (r.Read() && result.Count < limitValid)
        {
            long id = r.GetInt64(0);
            byte[] blob = (byte[])r["record"];
            var mounting = new MountingRecord();
            bool ok = blob.Length == MountingRecord.SerializedLength * 4 && Enum.TryParse(r.GetString(5), out MountingReason reason);
            reason = ok ? Enum.Parse<MountingReason>(r.GetString(5)) : default;
            if (ok)
            {
                var floats = new float[MountingRecord.SerializedLength];
                for (int i = 0; i < floats.Length; i++)
                {
                    floats[i] = BinaryPrimitives.ReadSingleLittleEndian(blob.AsSpan(i * 4));
                    ok &= float.IsFinite(floats[i]);
                }

                ok = ok && mounting.TryCopyFrom(floats, 0);
            }

            if (!ok)
            {
                Problem(string.Create(CultureInfo.InvariantCulture, $"{FilePath}: mounting row {id} (citizen {r.GetString(1)}, band {r.GetString(2)}) is damaged; skipped."));
                continue;
            }

            result.Add(new MountingEntry(id, r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), reason,
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8), mounting));
        }

        return result;
    }

    private void Problem(string message)
    {
        if (!_problems.Contains(message)) _problems.Add(message);
    }

    private static void RequireId(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new CalibrationStoreException($"{what} is empty.");
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
