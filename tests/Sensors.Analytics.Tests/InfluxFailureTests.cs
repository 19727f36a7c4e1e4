using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Influx;
using Sensors.Contracts;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;
using Xunit;
using static Sensors.Analytics.Tests.TelemetryData;

namespace Sensors.Analytics.Tests;

/// <summary>
/// influxd dies in the middle of a store batch (killed, as on power loss, after some of the batch's write requests
/// succeeded): the store throws (so ingest does not ack), nothing of the batch is recorded on the SQLite side, and the
/// retry after influxd restarts stores every message once and every sample exactly once.
/// </summary>
public sealed class InfluxFailureTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new("analytics-influx-fail");

    public InfluxFailureTests() => InfluxFixture.Require();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Influxd_killed_mid_batch_records_nothing_and_the_retry_after_restart_stores_exactly_once()
    {
        await using InfluxServer influx = await InfluxServer.StartAsync();
        var handler = new CountingHandler(new SocketsHttpHandler());
        var options = new InfluxStorageOptions { Url = influx.BaseUri, Database = "fail", BatchPoints = 100, WritesInFlight = 1, MaxRetries = 1 };
        await using var store = new InfluxTelemetryStore(options, new SqliteStorageOptions { Path = _folder.File("meta.db") }, handler);
        await store.InitializeAsync(Ct);

        // An earlier batch that must survive untouched.
        DateTimeOffset start = Monday.AddHours(9);
        List<IncomingMessage> earlier = WholeSession("c-010", "s-earlier", start.AddHours(-2));
        Assert.Equal(earlier.Count, (await store.StoreAsync(earlier, Ct)).Stored);
        int earlierSamples = TrueSamples(3);

        // The batch: 10 chunks ≈ 860 samples = 9 write requests of 100 points; influxd dies after the 3rd succeeded.
        List<IncomingMessage> batch = WholeSession("c-011", "s-cut", start, chunks: 10);
        handler.Reset(afterWrites: 3, () => influx.Stop(kill: true));
        InfluxException failure = await Assert.ThrowsAsync<InfluxException>(() => store.StoreAsync(batch, Ct));
        Assert.Contains("write", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.SucceededWrites);

        // Nothing of the batch is recorded in SQLite (no session, no message ids); the earlier batch is intact.
        Assert.Null(await store.GetSessionAsync(new SessionKey(Site, Gateway, "s-cut"), Ct));
        Assert.Empty(await store.FindSessionAsync("s-cut", Ct));
        Assert.Empty(await store.GetSessionsAsync("c-011", Monday, Monday.AddDays(7), Ct));

        // influxd comes back (its WAL holds the 300 points written before the kill); the redelivered batch is stored once.
        handler.Reset(afterWrites: int.MaxValue, null);
        await influx.StartAgainAsync();
        Assert.Equal(3 * 100 - 2, await CountAsync(store, "s-cut")); // the first request also held the summary's 2 rom points
        StoreResult retry = await store.StoreAsync(batch, Ct);
        Assert.Equal((batch.Count, 0), (retry.Stored, retry.Duplicates));
        StoreResult again = await store.StoreAsync(batch, Ct);
        Assert.Equal((0, batch.Count), (again.Stored, again.Duplicates));

        int expected = TrueSamples(10);
        Assert.Equal(expected, await CountAsync(store, "s-cut"));
        Assert.Equal(earlierSamples, await CountAsync(store, "s-earlier"));
        SessionDetail d = (await store.GetSessionAsync(new SessionKey(Site, Gateway, "s-cut"), Ct))!;
        Assert.True(d.CurveComplete);
        for (int c = 0; c < 10; c++)
            for (int i = 0; i < 100; i++) Assert.Equal(TrueAngle(c, i), d.Curve[c].AngleRad[i]);
        Assert.Equal(2, (await store.GetRomHistoryAsync("c-011", Monday, Monday.AddDays(7), Ct)).Count);
    }

    private static int TrueSamples(int chunks) => Enumerable.Range(0, chunks).Sum(c => Enumerable.Range(0, 100).Count(i => TrueAngle(c, i) is not null));

    private static async Task<long> CountAsync(InfluxTelemetryStore store, string session)
    {
        IReadOnlyList<InfluxSeries> result = await store.Client.QueryAsync($"SELECT COUNT(angle_rad) FROM joint_angle WHERE session = '{session}'", post: false, Ct);
        return result.Count == 0 ? 0 : result[0].Rows[0][result[0].ColumnIndex("count")].GetInt64();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Counts successful <c>/write</c> requests and runs an action after the n-th (here: kill influxd).</summary>
    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _afterWrites = int.MaxValue;
        private Action? _then;

        public int SucceededWrites { get; private set; }

        public void Reset(int afterWrites, Action? then)
        {
            (_afterWrites, _then, SucceededWrites) = (afterWrites, then, 0);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath.EndsWith("/write", StringComparison.Ordinal) == true && response.IsSuccessStatusCode
                && ++SucceededWrites == _afterWrites)
                _then?.Invoke();
            return response;
        }
    }
}
