using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Analytics.Storage.Influx;

/// <summary>One series of an InfluxQL result: name, GROUP BY tags, columns and rows (JSON values; time as integer ns).</summary>
public sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, IReadOnlyList<JsonElement[]> Rows)
{
    /// <summary>Index of a column, -1 when absent.</summary>
    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == name) return i;
        return -1;
    }
}

/// <summary>An InfluxDB answer that is an error (4xx, query error, or 5xx after the retries).</summary>
public sealed class InfluxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InfluxException(string message) : base(message) { }
    /// <summary>Creates the exception with its cause.</summary>
    public InfluxException(string message, Exception inner) : base(message, inner) { }
    /// <summary>Creates the exception.</summary>
    public InfluxException() { }
}

/// <summary>
/// InfluxDB 1.x HTTP API: <c>POST /write?db=…&amp;precision=ns</c> (line protocol) and <c>/query</c> (InfluxQL, JSON with
/// <c>epoch=ns</c>). A 5xx answer or a timeout is retried with exponential back-off (200 ms, 400 ms, …); 4xx is not.
/// </summary>
public sealed class InfluxClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly InfluxStorageOptions _options;

    /// <summary>Creates the client (a handler may be given for tests).</summary>
    public InfluxClient(InfluxStorageOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Database)) throw new ArgumentException("Storage:Influx:Database is empty", nameof(options));
        _options = options;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = options.Url;
        _http.Timeout = TimeSpan.FromSeconds(Math.Max(1, options.TimeoutS));
        if (options.Username is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + (options.Password ?? string.Empty))));
    }

    /// <summary>Write requests sent (including retries), for diagnostics.</summary>
    public long WriteRequests => Interlocked.Read(ref _writeRequests);
    private long _writeRequests;

    /// <summary>Requests retried after a 5xx or a timeout, for diagnostics.</summary>
    public long Retries => Interlocked.Read(ref _retries);
    private long _retries;

    /// <summary>Creates the database when missing (CREATE DATABASE is idempotent in InfluxDB 1.x).</summary>
    public async Task CreateDatabaseAsync(CancellationToken ct)
    {
        await QueryAsync("CREATE DATABASE " + LineProtocol.QuoteIdentifier(_options.Database), post: true, ct);
    }

    /// <summary>Writes line protocol (ns precision).</summary>
    public Task WriteAsync(string lines, CancellationToken ct) => WriteAsync(Encoding.UTF8.GetBytes(lines), ct);

    /// <summary>Writes line protocol given as UTF-8 bytes (ns precision).</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> body, CancellationToken ct) => WriteAsync(body, "ns", ct);

    /// <summary>
    /// Writes line protocol given as UTF-8 bytes with timestamps in <paramref name="precision"/> (<c>ns</c>, <c>u</c>,
    /// <c>ms</c>, <c>s</c>). The body is gzip-compressed (<c>Content-Encoding: gzip</c>) when
    /// <see cref="InfluxStorageOptions.GzipWrites"/> is set. The body must stay unchanged until the task completes.
    /// </summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> body, string precision, CancellationToken ct)
    {
        if (body.Length == 0) return;
        if (precision is not ("ns" or "u" or "ms" or "s" or "m" or "h"))
            throw new ArgumentException($"'{precision}' is not an InfluxDB write precision (ns, u, ms, s, m, h)", nameof(precision));
        string uri = $"write?db={Uri.EscapeDataString(_options.Database)}&precision={precision}";
        ReadOnlyMemory<byte> payload = _options.GzipWrites ? Gzip(body) : body;
        Interlocked.Add(ref _writeBytes, payload.Length);
        await SendAsync(() =>
        {
            Interlocked.Increment(ref _writeRequests);
            var content = new ReadOnlyMemoryContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            if (_options.GzipWrites) content.Headers.ContentEncoding.Add("gzip");
            return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        }, "write", ct);
    }

    /// <summary>Bytes sent in write bodies (after compression, without retries), for diagnostics.</summary>
    public long WriteBytes => Interlocked.Read(ref _writeBytes);
    private long _writeBytes;

    private static ReadOnlyMemory<byte> Gzip(ReadOnlyMemory<byte> body)
    {
        using var output = new MemoryStream(body.Length / 4 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(body.Span);
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    /// <summary>Runs InfluxQL (POST for statements that change data or schema) and returns the series of every statement.</summary>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string influxQl, bool post, CancellationToken ct)
    {
        string query = $"db={Uri.EscapeDataString(_options.Database)}&epoch=ns&q={Uri.EscapeDataString(influxQl)}";
        string json = await SendAsync(() => post
            ? new HttpRequestMessage(HttpMethod.Post, "query") { Content = new StringContent(query, Encoding.UTF8, "application/x-www-form-urlencoded") }
            : new HttpRequestMessage(HttpMethod.Get, "query?" + query), influxQl, ct);
        return Parse(json, influxQl);
    }

    internal static IReadOnlyList<InfluxSeries> Parse(string json, string what)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        var list = new List<InfluxSeries>();
        if (doc.RootElement.TryGetProperty("error", out JsonElement topError))
            throw new InfluxException($"InfluxDB query failed ({what}): {topError.GetString()}");
        if (!doc.RootElement.TryGetProperty("results", out JsonElement results)) return list;
        foreach (JsonElement result in results.EnumerateArray())
        {
            if (result.TryGetProperty("error", out JsonElement error))
                throw new InfluxException($"InfluxDB query failed ({what}): {error.GetString()}");
            if (!result.TryGetProperty("series", out JsonElement series)) continue;
            foreach (JsonElement s in series.EnumerateArray())
            {
                var tags = new Dictionary<string, string>();
                if (s.TryGetProperty("tags", out JsonElement t))
                    foreach (JsonProperty p in t.EnumerateObject()) tags[p.Name] = p.Value.GetString() ?? string.Empty;
                var columns = new List<string>();
                foreach (JsonElement c in s.GetProperty("columns").EnumerateArray()) columns.Add(c.GetString() ?? string.Empty);
                var rows = new List<JsonElement[]>();
                if (s.TryGetProperty("values", out JsonElement values))
                    foreach (JsonElement row in values.EnumerateArray())
                    {
                        var cells = new JsonElement[columns.Count];
                        int i = 0;
                        foreach (JsonElement cell in row.EnumerateArray()) if (i < cells.Length) cells[i++] = cell.Clone();
                        rows.Add(cells);
                    }
                list.Add(new InfluxSeries(s.TryGetProperty("name", out JsonElement n) ? n.GetString() ?? string.Empty : string.Empty, tags, columns, rows));
            }
        }
        return list;
    }

    private async Task<string> SendAsync(Func<HttpRequestMessage> request, string what, CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            bool retry;
            string reason;
            try
            {
                using HttpRequestMessage message = request();
                using HttpResponseMessage response = await _http.SendAsync(message, ct);
                string body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode) return body;
                reason = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Trim(body)}";
                retry = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout;
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                reason = "timeout: " + ex.Message;
                retry = true;
            }
            catch (HttpRequestException ex)
            {
                reason = "connection failed: " + ex.Message;
                retry = true;
            }
            if (!retry || attempt >= _options.MaxRetries)
                throw new InfluxException($"InfluxDB at {_options.Url} database '{_options.Database}' refused {Trim(what)} after {attempt + 1} attempt(s): {reason}");
            Interlocked.Increment(ref _retries);
            await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), ct);
        }
    }

    private static string Trim(string s) => s.Length <= 300 ? s : s[..300].ToString(CultureInfo.InvariantCulture) + "…";

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
