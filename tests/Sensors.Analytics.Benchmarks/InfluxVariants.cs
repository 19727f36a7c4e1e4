// Write-path variants against a real influxd (issue #5): each variant writes the same curve samples as raw line
// protocol through InfluxClient into its own database, changing one thing against the baseline (or the combination).
// Rates are samples/s; the reference (CPU-only line encoding of the same samples in this process) is measured right
// before each variant so the ratio survives the shared machine's changing load.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Influx;

internal sealed record WriteVariant(string Name, int BatchPoints = 5000, bool Gzip = false, string Precision = "ns",
    bool ShortNames = false, bool FewTags = false, int InFlight = 1, bool Packed = false);

internal static class InfluxVariants
{
    private const int SamplesPerChunk = 600;
    private const double RateHz = 10;
    private static readonly long MondayNs = LineProtocol.UnixNs(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero));

    public static readonly WriteVariant[] All =
    [
        new("baseline ns, 5k lines, 1 in flight"),
        new("batch 10k lines", BatchPoints: 10_000),
        new("gzip body", Gzip: true),
        new("ms precision", Precision: "ms"),
        new("short names (ja,c,ci,g,s,si a)", ShortNames: true),
        new("2 tags (session, channel)", FewTags: true),
        new("2 in flight", InFlight: 2),
        new("4 in flight", InFlight: 4),
        new("packed: 1 point per chunk, 600 fields", Packed: true),
        new("combined: 10k, ms, 2 in flight", BatchPoints: 10_000, Precision: "ms", InFlight: 2),
        new("combined + gzip", BatchPoints: 10_000, Precision: "ms", InFlight: 2, Gzip: true),
    ];

    public static async Task<List<object>> RunAsync(Uri url, int chunks, int repeats)
    {
        // Warm-up (JIT, influxd's first shard), discarded. Then the variants round-robin, so a load change on the shared
        // machine hits every variant alike; the reference is the best of 3 CPU-only encodings right before each write.
        await RunOneAsync(url, All[0], chunks, run: -1);
        var rates = new List<double>[All.Length];
        var ratios = new List<double>[All.Length];
        var bytes = new long[All.Length];
        for (int v = 0; v < All.Length; v++) (rates[v], ratios[v]) = ([], []);
        for (int r = 0; r < repeats; r++)
            for (int v = 0; v < All.Length; v++)
            {
                (double rate, double ratio, long b) = await RunOneAsync(url, All[v], chunks, r);
                rates[v].Add(rate);
                ratios[v].Add(ratio);
                bytes[v] = b;
            }
        var results = new List<object>();
        for (int v = 0; v < All.Length; v++)
        {
            rates[v].Sort();
            ratios[v].Sort();
            double perSample = (double)bytes[v] / (chunks * SamplesPerChunk);
            results.Add(new
            {
                variant = All[v].Name,
                samples = chunks * SamplesPerChunk,
                body_bytes_per_sample = Math.Round(perSample, 1),
                median_samples_per_s = Math.Round(rates[v][repeats / 2]),
                median_ratio_to_encoding = Math.Round(ratios[v][repeats / 2], 4),
                all_samples_per_s = rates[v].ConvertAll(Math.Round),
            });
            Console.Error.WriteLine($"{All[v].Name}: {rates[v][repeats / 2]:F0} samples/s, ratio {ratios[v][repeats / 2]:F4}, {perSample:F1} B/sample");
        }
        return results;
    }

    private static async Task<(double Rate, double Ratio, long Bytes)> RunOneAsync(Uri url, WriteVariant v, int chunks, int run)
    {
        double samples = (double)chunks * SamplesPerChunk;
        double reference = 0;
        for (int e = 0; e < 3; e++)
        {
            var enc = Stopwatch.StartNew();
            await EncodeAndWriteAsync(v, null, chunks, run);
            reference = Math.Max(reference, samples / enc.Elapsed.TotalSeconds);
        }
        var options = new InfluxStorageOptions { Url = url, Database = "variant_" + Guid.NewGuid().ToString("N")[..8], GzipWrites = v.Gzip };
        using var client = new InfluxClient(options);
        await client.CreateDatabaseAsync(CancellationToken.None);
        var sw = Stopwatch.StartNew();
        await EncodeAndWriteAsync(v, client, chunks, run);
        sw.Stop();
        await client.QueryAsync("DROP DATABASE " + LineProtocol.QuoteIdentifier(options.Database), post: true, CancellationToken.None);
        double rate = samples / sw.Elapsed.TotalSeconds;
        return (rate, rate / reference, client.WriteBytes);
    }

    /// <summary>Encodes the samples into pooled buffers and sends each full one (client null: encoding only, the reference).</summary>
    private static async Task EncodeAndWriteAsync(WriteVariant v, InfluxClient? client, int chunks, int run)
    {
        var free = new Stack<LineProtocol>();
        var pending = new List<(Task Write, LineProtocol Buffer)>();
        LineProtocol lp = new();

        async Task FlushAsync()
        {
            if (lp.Points == 0) return;
            if (client is null)
            {
                lp.Clear();
                return;
            }
            while (pending.Count >= v.InFlight)
            {
                Task done = await Task.WhenAny(pending.ConvertAll(p => p.Write));
                int i = pending.FindIndex(p => p.Write == done);
                await done;
                pending[i].Buffer.Clear();
                free.Push(pending[i].Buffer);
                pending.RemoveAt(i);
            }
            pending.Add((client.WriteAsync(lp.Utf8, v.Precision, CancellationToken.None), lp));
            lp = free.Count > 0 ? free.Pop() : new LineProtocol();
        }

        long scale = v.Precision == "ms" ? 1_000_000 : 1;
        for (int k = 0; k < chunks; k++)
        {
            int session = k / 20, chunk = k % 20;
            string citizen = $"c-{session % 50:d3}", sessionId = $"r{run}-bench-{session:d5}";
            long startNs = MondayNs + session * 3_600_000_000_000L;
            string series = v.ShortNames
                ? LineProtocol.SeriesKey("ja", ("c", citizen), ("ch", "knee"), ("g", "gw-01"), ("s", sessionId), ("si", "odense"))
                : v.FewTags ? LineProtocol.SeriesKey("joint_angle", ("channel", "knee"), ("session", sessionId))
                : LineProtocol.SeriesKey("joint_angle", ("channel", "knee"), ("citizen", citizen), ("gateway", "gw-01"), ("session", sessionId), ("site", "odense"));
            if (v.Packed)
            {
                lp.Series(series);
                for (int i = 0; i < SamplesPerChunk; i++)
                    lp.Field("a" + i.ToString("d3", System.Globalization.CultureInfo.InvariantCulture), Angle(chunk, i));
                lp.Timestamp((startNs + (long)(chunk * 60e9)) / scale);
                if (lp.Points * SamplesPerChunk >= v.BatchPoints) await FlushAsync();
                continue;
            }
            byte[] prefix = LineProtocol.SamplePrefix(series, v.ShortNames ? "a" : "angle_rad");
            for (int i = 0; i < SamplesPerChunk; i++)
            {
                long ns = InfluxTelemetryStore.SampleNs(startNs, chunk * 60.0, RateHz, i);
                lp.Sample(prefix, Angle(chunk, i), ns / scale);
                if (lp.Points >= v.BatchPoints) await FlushAsync();
            }
        }
        await FlushAsync();
        foreach ((Task w, LineProtocol _) in pending) await w;
    }

    private static double Angle(int chunk, int i) => 0.8 + 0.7 * Math.Sin((chunk * SamplesPerChunk + i) * 0.09);
}
