// Analytics storage benchmarks (issue #5): ingest throughput per backend in samples/s (a sample = one angle value of a
// curve chunk) and latency of a 12-week ROM-curve query for one citizen with 50 citizens × 12 weeks × 5 sessions stored.
// Prints one JSON object. Usage:
//   dotnet run --project tests/Sensors.Analytics.Benchmarks -c Release [-- --influx-url http://127.0.0.1:8086/ | --no-influx]
// Without --influx-url a private influxd is started (Debian package influxdb). The reference runs are the CPU-only
// encoding of the same samples (SQLite BLOB / line protocol) in the same process: ratio = store throughput / encoding throughput.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Influx;
using Sensors.Analytics.Storage.Sqlite;
using Sensors.Contracts;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;

string? influxUrl = null;
bool noInflux = false;
int variantChunks = 0;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--influx-url" && i + 1 < args.Length) influxUrl = args[++i];
    else if (args[i] == "--no-influx") noInflux = true;
    else if (args[i] == "--influx-variants" && i + 1 < args.Length) variantChunks = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else
    {
        Console.Error.WriteLine($"unknown argument '{args[i]}' (use --influx-url URL, --no-influx or --influx-variants CHUNKS)");
        return 2;
    }
}

using var folder = new TempFolder("analytics-bench");
var results = new Dictionary<string, object>
{
    ["machine"] = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
};

// Write-path variants only (raw line protocol against influxd, see InfluxVariants.cs).
if (variantChunks > 0)
{
    InfluxServer? own = influxUrl is null ? await InfluxServer.StartAsync() : null;
    try
    {
        results["influx_write_variants"] = await InfluxVariants.RunAsync(own?.BaseUri ?? new Uri(influxUrl!), variantChunks, repeats: 3);
    }
    finally
    {
        own?.Dispose();
    }
    Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}

// SQLite
{
    await using var store = new SqliteTelemetryStore(new SqliteStorageOptions { Path = folder.File("bench.db") });
    await store.InitializeAsync();
    results["sqlite"] = await Bench.RunAsync(store, chunks: 4000, batch: 100);
}
SqliteConnection.ClearAllPools();

// InfluxDB
if (!noInflux)
{
    InfluxServer? server = null;
    if (influxUrl is null)
    {
        server = await InfluxServer.StartAsync();
        influxUrl = server.BaseUri.ToString();
    }
    try
    {
        await using var store = new InfluxTelemetryStore(new InfluxStorageOptions { Url = new Uri(influxUrl), Database = "bench_" + Guid.NewGuid().ToString("N")[..8], BatchPoints = 5000, WritesInFlight = 1 },
            new SqliteStorageOptions { Path = folder.File("influx-meta.db") });
        await store.InitializeAsync();
        results["influxdb"] = await Bench.RunAsync(store, chunks: 1000, batch: 50);
        results["influxdb_client"] = new { write_requests = store.Client.WriteRequests, retries = store.Client.Retries, body_bytes = store.Client.WriteBytes, writes_in_flight = 1, batch_points = 5000 };
    }
    finally
    {
        server?.Dispose();
    }
}

Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
return 0;

internal static class Bench
{
    private const string Site = "odense";
    private const int SamplesPerChunk = 600; // the contract's default: 60 s at 10 Hz
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    public static async Task<object> RunAsync(ITelemetryStore store, int chunks, int batch)
    {
        // Ingest: curve chunks of 600 samples, 20 chunks per session, stored in batches (one transaction each).
        List<IncomingMessage> messages = Curves(chunks);
        long samples = (long)chunks * SamplesPerChunk;
        double encodeRate = 0; // best of 3 (the first includes JIT)
        for (int r = 0; r < 3; r++) encodeRate = Math.Max(encodeRate, ReferenceEncodingRate(store.Backend, messages));
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < messages.Count; i += batch)
            await store.StoreAsync(messages.GetRange(i, Math.Min(batch, messages.Count - i)));
        sw.Stop();
        double ingestRate = samples / sw.Elapsed.TotalSeconds;

        // ROM query: 50 citizens × 12 weeks × 5 sessions × 3 exercises stored, then one citizen's 12 weeks.
        var summaries = new List<IncomingMessage>();
        for (int c = 0; c < 50; c++)
            for (int w = 0; w < 12; w++)
                for (int s = 0; s < 5; s++)
                    summaries.Add(Summary($"c-{c:d3}", $"s-{c:d3}-{w:d2}-{s}", Monday.AddDays(7 * w + s).AddHours(8 + c % 10), w * 5 + s));
        var swLoad = Stopwatch.StartNew();
        for (int i = 0; i < summaries.Count; i += 500) await store.StoreAsync(summaries.GetRange(i, Math.Min(500, summaries.Count - i)));
        swLoad.Stop();
        var latencies = new List<double>();
        int points = 0;
        for (int q = 0; q < 60; q++)
        {
            var one = Stopwatch.StartNew();
            IReadOnlyList<RomPoint> rom = await store.GetRomHistoryAsync($"c-{q % 50:d3}", Monday, Monday.AddDays(84));
            one.Stop();
            if (q >= 10) latencies.Add(one.Elapsed.TotalMilliseconds); // the first 10 warm up
            points = rom.Count;
        }
        if (points != 12 * 5 * 3) throw new InvalidOperationException($"ROM query returned {points} points, expected {12 * 5 * 3}");
        latencies.Sort();
        return new
        {
            ingest_samples = samples,
            ingest_chunks = chunks,
            ingest_batch_messages = batch,
            ingest_seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
            ingest_samples_per_s = Math.Round(ingestRate),
            reference_encoding_samples_per_s = Math.Round(encodeRate),
            ratio_store_to_encoding = Math.Round(ingestRate / encodeRate, 3),
            rom_sessions_stored = summaries.Count,
            rom_load_seconds = Math.Round(swLoad.Elapsed.TotalSeconds, 3),
            rom_query_points = points,
            rom_query_median_ms = Math.Round(latencies[latencies.Count / 2], 2),
            rom_query_p95_ms = Math.Round(latencies[(int)(latencies.Count * 0.95)], 2),
        };
    }

    /// <summary>Samples/s of the CPU-only encoding the backend does (BLOB or line protocol), no I/O.</summary>
    private static double ReferenceEncodingRate(string backend, List<IncomingMessage> messages)
    {
        var lp = new LineProtocol();
        var sw = Stopwatch.StartNew();
        long n = 0, bytes = 0;
        foreach (IncomingMessage m in messages)
        {
            var a = (AngleCurveMessage)m.Message;
            if (backend == "sqlite") bytes += CurveBlobProbe.Encode(a.AngleRad);
            else
            {
                // The store's path: one prefix per chunk, allocation-free sample lines into a reused buffer.
                byte[] prefix = LineProtocol.SamplePrefix(LineProtocol.SeriesKey("joint_angle", ("channel", a.Channel), ("citizen", a.Citizen), ("gateway", m.Path.Gateway), ("session", a.SessionId), ("site", Site)), "angle_rad");
                long startNs = LineProtocol.UnixNs(a.SessionStartedAt);
                for (int i = 0; i < a.AngleRad.Count; i++) lp.Sample(prefix, a.AngleRad[i]!.Value, InfluxTelemetryStore.SampleNs(startNs, a.StartS, a.RateHz, i));
                bytes += lp.Length;
                lp.Clear();
            }
            n += a.AngleRad.Count;
        }
        sw.Stop();
        GC.KeepAlive(bytes);
        return n / sw.Elapsed.TotalSeconds;
    }

    private static List<IncomingMessage> Curves(int chunks)
    {
        var list = new List<IncomingMessage>(chunks);
        for (int k = 0; k < chunks; k++)
        {
            int session = k / 20, chunk = k % 20;
            string citizen = $"c-{session % 50:d3}", sessionId = $"bench-{session:d5}";
            var angles = new double?[SamplesPerChunk];
            for (int i = 0; i < SamplesPerChunk; i++) angles[i] = 0.8 + 0.7 * Math.Sin((chunk * SamplesPerChunk + i) * 0.09);
            var m = new AngleCurveMessage
            {
                MessageId = $"{sessionId}/curve/{chunk}",
                SentAt = Monday,
                SessionId = sessionId,
                Citizen = citizen,
                SessionStartedAt = Monday.AddHours(session),
                Chunk = chunk,
                StartS = chunk * 60.0,
                RateHz = 10,
                AngleRad = angles,
            };
            list.Add(new IncomingMessage(Path(Topics.SessionCurve(Site, "gw-01", sessionId, chunk)), m, Monday));
        }
        return list;
    }

    private static IncomingMessage Summary(string citizen, string session, DateTimeOffset start, int n)
    {
        var m = new SessionSummaryMessage
        {
            MessageId = session + "/summary",
            SentAt = start.AddMinutes(30),
            SessionId = session,
            Citizen = citizen,
            StartedAt = start,
            EndedAt = start.AddMinutes(30),
            CurveChunks = 20,
            Exercises = Enumerable.Range(0, 3).Select(e => new ExerciseSummary
            {
                ExerciseId = new[] { "heel_slide", "knee_extension_seated", "straight_leg_raise" }[e],
                Level = "medium",
                MaxFlexionRad = 1.0 + 0.01 * n,
                MinFlexionRad = 0.2 - 0.003 * n,
                RepsComplete = 30,
            }).ToList(),
        };
        return new IncomingMessage(Path(Topics.SessionSummary(Site, "gw-01", session)), m, start);
    }

    private static TopicPath Path(string topic) =>
        TopicPath.TryParse(topic, out TopicPath? path, out string error) ? path! : throw new InvalidOperationException(error);
}

/// <summary>The SQLite backend's BLOB encoding (same format as the store's), for the reference run.</summary>
internal static class CurveBlobProbe
{
    public static int Encode(IReadOnlyList<double?> samples)
    {
        var bytes = new byte[samples.Count * 8];
        for (int i = 0; i < samples.Count; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), samples[i] ?? double.NaN);
        return bytes.Length;
    }
}
