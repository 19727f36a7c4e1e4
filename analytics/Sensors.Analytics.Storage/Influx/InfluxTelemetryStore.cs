using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Storage.Sqlite;
using Sensors.Contracts;

namespace Sensors.Analytics.Storage.Influx;

/// <summary>
/// InfluxDB backend: the time series in InfluxDB, the relational rest (sessions, reps, events, proposals, curve chunk
/// metadata, message-id record, dead letters) in SQLite beside it. Measurements (tags sorted by key; ns precision):
/// <code>
/// joint_angle,channel=…,citizen=…,gateway=…,session=…,site=…  angle_rad=&lt;float&gt;                          t = session start + start_s + i / rate_hz
/// rom,citizen=…,exercise=…,gateway=…,level=…,session=…,site=…  max_flexion_rad,min_flexion_rad,ordinal=&lt;i&gt;  t = session start + ordinal ns
/// band_status,band=…,gateway=…,site=…  message_id,firmware_version,error_flags,calibration (strings), battery_fraction,battery_v,temperature_degc  t = sent_at
/// </code>
/// Gaps (null samples) are not written; reading rebuilds them from the chunk metadata. Idempotency: the message-id record
/// in SQLite skips a known message; a message whose InfluxDB write succeeded but whose SQLite commit did not is written
/// again with the same series keys and timestamps, which InfluxDB overwrites (no duplicate point).
/// </summary>
public sealed class InfluxTelemetryStore : ITelemetryStore
{
    private const double NsPerS = 1e9;
    private readonly RelationalDatabase _db;
    private readonly InfluxClient _influx;
    private readonly InfluxStorageOptions _options;
    private readonly Stack<LineProtocol> _linePool = new();

    /// <summary>Creates the store (nothing is contacted before <see cref="InitializeAsync"/>).</summary>
    public InfluxTelemetryStore(InfluxStorageOptions influx, SqliteStorageOptions sqlite, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(influx);
        _options = influx;
        _db = new RelationalDatabase(sqlite, timeSeriesInline: false);
        _influx = new InfluxClient(influx, handler);
    }

    /// <summary>The HTTP client (request and retry counters for diagnostics).</summary>
    public InfluxClient Client => _influx;

    /// <inheritdoc />
    public string Backend => "influxdb";

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await _db.InitializeAsync(ct);
        await _influx.CreateDatabaseAsync(ct);
    }

    /// <inheritdoc />
    public Task<StoreResult> StoreAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct = default) =>
        _db.StoreAsync(batch, WritePointsAsync, ct);

    private async Task WritePointsAsync(IReadOnlyList<IncomingMessage> fresh, CancellationToken ct)
    {
        // Runs under the relational write lock (one batch at a time), so the buffer pool needs no locking.
        var writer = new InfluxBatchWriter(_influx, _linePool, _options, "ns", ct);
        foreach (IncomingMessage m in fresh)
        {
            TopicPath p = m.Path;
            switch (m.Message)
            {
                case AngleCurveMessage a:
                {
                    byte[] prefix = LineProtocol.SamplePrefix(AngleSeries(p.Site, p.Gateway, a.SessionId, a.Citizen, a.Channel), "angle_rad");
                    long startNs = LineProtocol.UnixNs(a.SessionStartedAt);
                    for (int i = 0; i < a.AngleRad.Count; i++)
                    {
                        if (a.AngleRad[i] is not { } v) continue;
                        writer.Lines.Sample(prefix, v, SampleNs(startNs, a.StartS, a.RateHz, i));
                        await writer.FlushIfFullAsync();
                    }
                    break;
                }
                case SessionSummaryMessage s:
                    for (int i = 0; i < s.Exercises.Count; i++)
                    {
                        ExerciseSummary x = s.Exercises[i];
                        writer.Lines.Measurement("rom").Tag("citizen", s.Citizen).Tag("exercise", x.ExerciseId).Tag("gateway", p.Gateway)
                            .Tag("level", x.Level).Tag("session", s.SessionId).Tag("site", p.Site)
                            .Field("max_flexion_rad", x.MaxFlexionRad).Field("min_flexion_rad", x.MinFlexionRad).Field("ordinal", (long)i)
                            .Timestamp(LineProtocol.UnixNs(s.StartedAt) + i);
                        await writer.FlushIfFullAsync();
                    }
                    break;
                case BandStatusMessage b:
                    writer.Lines.Measurement("band_status").Tag("band", b.BandId).Tag("gateway", p.Gateway).Tag("site", p.Site)
                        .Field("message_id", b.MessageId).Field("firmware_version", b.FirmwareVersion)
                        .Field("battery_fraction", b.BatteryFraction).Field("battery_v", b.BatteryV).Field("temperature_degc", b.TemperatureDegC)
                        .Field("error_flags", Json.Write(b.ErrorFlags))
                        .Field("calibration", b.Calibration is null ? null : Json.Write(b.Calibration))
                        .Timestamp(LineProtocol.UnixNs(b.SentAt));
                    await writer.FlushIfFullAsync();
                    break;
            }
        }
        await writer.CompleteAsync();
    }

    private static string AngleSeries(string site, string gateway, string session, string citizen, string channel) =>
        LineProtocol.SeriesKey("joint_angle", ("channel", channel), ("citizen", citizen), ("gateway", gateway), ("session", session), ("site", site));

    /// <summary>Timestamp of sample <paramref name="i"/> of a chunk, ns (the same function on write and read, so keys match exactly).</summary>
    internal static long SampleNs(long sessionStartNs, double startS, double rateHz, int i) =>
        sessionStartNs + (long)Math.Round((startS + i / rateHz) * NsPerS, MidpointRounding.AwayFromZero);

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionRecord>> GetSessionsAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        _db.GetSessionsAsync(citizen, fromUtc, toUtc, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RomPoint>> GetRomHistoryAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default)
    {
        string q = $"SELECT max_flexion_rad, min_flexion_rad, ordinal, site, gateway, session, exercise, level FROM rom WHERE citizen = {LineProtocol.QuoteLiteral(citizen)} AND time >= {Ns(fromUtc)} AND time < {Ns(toUtc)}";
        var points = new List<(long Time, long Ordinal, RomPoint Point)>();
        foreach (InfluxSeries s in await _influx.QueryAsync(q, post: false, ct))
        {
            int t = s.ColumnIndex("time"), max = s.ColumnIndex("max_flexion_rad"), min = s.ColumnIndex("min_flexion_rad"), ord = s.ColumnIndex("ordinal");
            int site = s.ColumnIndex("site"), gw = s.ColumnIndex("gateway"), session = s.ColumnIndex("session"), ex = s.ColumnIndex("exercise"), level = s.ColumnIndex("level");
            foreach (JsonElement[] row in s.Rows)
            {
                long time = row[t].GetInt64();
                long ordinal = row[ord].GetInt64();
                var key = new SessionKey(row[site].GetString()!, row[gw].GetString()!, row[session].GetString()!);
                points.Add((time, ordinal, new RomPoint(key, citizen, LineProtocol.FromUnixNs(time - ordinal), row[ex].GetString()!,
                    row[level].GetString()!, row[max].GetDouble(), row[min].GetDouble())));
            }
        }
        points.Sort((a, b) =>
        {
            int c = (a.Time - a.Ordinal).CompareTo(b.Time - b.Ordinal);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.Point.Key.Site + "/" + a.Point.Key.Gateway + "/" + a.Point.Key.SessionId,
                b.Point.Key.Site + "/" + b.Point.Key.Gateway + "/" + b.Point.Key.SessionId);
            return c != 0 ? c : a.Ordinal.CompareTo(b.Ordinal);
        });
        return points.ConvertAll(p => p.Point);
    }

    /// <inheritdoc />
    public async Task<SessionDetail?> GetSessionAsync(SessionKey key, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        (SessionDetail? detail, IReadOnlyList<ChunkMeta> chunks) = await _db.GetSessionAsync(key, ct);
        if (detail is null) return null;
        if (chunks.Count == 0) return detail;

        // Every expected sample time → (chunk, index); the points found fill those slots, the rest stay null (gaps).
        var slots = new Dictionary<(string Channel, long Ns), (int Chunk, int Index)>();
        var curve = new double?[chunks.Count][];
        long minNs = long.MaxValue, maxNs = long.MinValue;
        for (int c = 0; c < chunks.Count; c++)
        {
            ChunkMeta m = chunks[c];
            curve[c] = new double?[m.Count];
            long start = LineProtocol.UnixNs(m.SessionStartedAtUtc);
            for (int i = 0; i < m.Count; i++)
            {
                long ns = SampleNs(start, m.StartS, m.RateHz, i);
                slots[(m.Channel, ns)] = (c, i);
                minNs = Math.Min(minNs, ns);
                maxNs = Math.Max(maxNs, ns);
            }
        }
        string q = $"SELECT angle_rad FROM joint_angle WHERE site = {LineProtocol.QuoteLiteral(key.Site)} AND gateway = {LineProtocol.QuoteLiteral(key.Gateway)} AND session = {LineProtocol.QuoteLiteral(key.SessionId)} AND time >= {minNs} AND time <= {maxNs} GROUP BY channel";
        foreach (InfluxSeries s in await _influx.QueryAsync(q, post: false, ct))
        {
            string channel = s.Tags.TryGetValue("channel", out string? ch) ? ch : string.Empty;
            int t = s.ColumnIndex("time"), a = s.ColumnIndex("angle_rad");
            foreach (JsonElement[] row in s.Rows)
                if (row[a].ValueKind == JsonValueKind.Number && slots.TryGetValue((channel, row[t].GetInt64()), out (int Chunk, int Index) slot))
                    curve[slot.Chunk][slot.Index] = row[a].GetDouble();
        }
        var list = new List<CurveChunk>(chunks.Count);
        for (int c = 0; c < chunks.Count; c++) list.Add(new CurveChunk(chunks[c].Channel, chunks[c].Chunk, chunks[c].StartS, chunks[c].RateHz, curve[c]));
        return detail with { Curve = list };
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionKey>> FindSessionAsync(string sessionId, CancellationToken ct = default) => _db.FindSessionAsync(sessionId, ct);

    /// <inheritdoc />
    public async Task<IReadOnlyList<BandStatusRecord>> GetLatestBandStatusAsync(CancellationToken ct = default)
    {
        var list = new List<BandStatusRecord>();
        foreach (InfluxSeries s in await _influx.QueryAsync("SELECT * FROM band_status GROUP BY band ORDER BY time DESC LIMIT 1", post: false, ct))
            list.AddRange(ReadBands(s));
        list.Sort((a, b) => string.CompareOrdinal(a.BandId, b.BandId));
        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BandStatusRecord>> GetBandStatusHistoryAsync(string bandId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default)
    {
        string q = $"SELECT * FROM band_status WHERE band = {LineProtocol.QuoteLiteral(bandId)} AND time >= {Ns(fromUtc)} AND time < {Ns(toUtc)} GROUP BY band ORDER BY time ASC";
        var list = new List<BandStatusRecord>();
        foreach (InfluxSeries s in await _influx.QueryAsync(q, post: false, ct)) list.AddRange(ReadBands(s));
        return list;
    }

    private static IEnumerable<BandStatusRecord> ReadBands(InfluxSeries s)
    {
        string band = s.Tags.TryGetValue("band", out string? b) ? b : string.Empty;
        int t = s.ColumnIndex("time"), site = s.ColumnIndex("site"), gw = s.ColumnIndex("gateway"), fw = s.ColumnIndex("firmware_version");
        int bat = s.ColumnIndex("battery_fraction"), v = s.ColumnIndex("battery_v"), temp = s.ColumnIndex("temperature_degc");
        int flags = s.ColumnIndex("error_flags"), cal = s.ColumnIndex("calibration");
        foreach (JsonElement[] row in s.Rows)
        {
            string? calJson = Str(row, cal);
            yield return new BandStatusRecord(Str(row, site) ?? string.Empty, Str(row, gw) ?? string.Empty, band,
                LineProtocol.FromUnixNs(row[t].GetInt64()), Str(row, fw), Num(row, bat), Num(row, v), Num(row, temp),
                Str(row, flags) is { } f ? Json.Read<List<string>>(f) : [], calJson is null ? null : Json.Read<CalibrationCertificate>(calJson));
        }
    }

    private static string? Str(JsonElement[] row, int i) => i >= 0 && row[i].ValueKind == JsonValueKind.String ? row[i].GetString() : null;

    private static double? Num(JsonElement[] row, int i) => i >= 0 && row[i].ValueKind == JsonValueKind.Number ? row[i].GetDouble() : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string? citizen = null, CancellationToken ct = default) => _db.GetProposalsAsync(citizen, ct);

    /// <inheritdoc />
    public Task<IReadOnlyList<WeeklySessionCount>> GetSessionsPerWeekAsync(string? citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) =>
        _db.GetSessionsPerWeekAsync(citizen, fromUtc, toUtc, ct);

    /// <inheritdoc />
    public async Task<ErasureReport> EraseCitizenAsync(string citizen, CancellationToken ct = default)
    {
        long rows = await _db.EraseCitizenAsync(citizen, async token =>
        {
            string where = $"WHERE citizen = {LineProtocol.QuoteLiteral(citizen)}";
            long series = 0;
            foreach (InfluxSeries s in await _influx.QueryAsync("SHOW SERIES " + where, post: false, token)) series += s.Rows.Count;
            await _influx.QueryAsync("DROP SERIES " + where, post: true, token);
            return series;
        }, ct);
        return new ErasureReport(citizen, rows);
    }

    private static string Ns(DateTimeOffset t) => LineProtocol.UnixNs(t).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        _influx.Dispose();
    }
}
