using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Ingest;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Sqlite;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Uplink;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Messaging.Tests.Mqtt;

/// <summary>
/// End-to-end receipts between the gateway uplink and the real analytics ingest (SQLite store) over a real Mosquitto:
/// analytics confirms what it stored, the gateway publishes again what stays unconfirmed. The case PUBACKs alone cannot
/// cover: the broker is SIGKILLed right after acknowledging a burst it had not yet saved or forwarded (ingest away).
/// </summary>
public sealed class ReceiptTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (MqttIngestService Ingest, SqliteTelemetryStore Store) StartIngest(MosquittoBroker broker, SqliteStorageOptions sqlite, string clientId)
    {
        var store = new SqliteTelemetryStore(sqlite);
        var ingest = new MqttIngestService(store, new SqliteDeadLetterStore(sqlite), new IngestOptions
        {
            Host = broker.Host, Port = broker.Port, UseTls = false, AllowInsecure = true, ClientId = clientId, ReconnectMinS = 0.1, ReconnectMaxS = 0.5,
        });
        return (ingest, store);
    }

    [Fact]
    public async Task Analytics_confirms_what_it_stored_and_the_gateway_republishes_what_a_killed_broker_lost()
    {
        using var folder = new TempFolder("receipts");
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        var sqlite = new SqliteStorageOptions { Path = folder.File("telemetry.db") };
        string ingestId = "analytics-" + Guid.NewGuid().ToString("N")[..8];
        using var env = new UplinkTestEnvironment();
        MqttUplinkOptions options = UplinkTestEnvironment.Plain(broker) with { ReceiptTimeoutS = 3, MaxRepublish = 3 };

        // 1. Normal operation: every stored message is confirmed; nothing is published twice.
        (MqttIngestService ingest, SqliteTelemetryStore store) = StartIngest(broker, sqlite, ingestId);
        await store.InitializeAsync(Ct);
        await ingest.StartAsync(Ct);
        await Eventually(() => ingest.IsConnected, "ingest connected", broker);
        List<string> first = [.. env.Record("s-r1"), .. env.Record("s-r2")];
        await using (var uplink = new MqttUplink(options, env.Outbox))
        {
            uplink.Start();
            await Eventually(() => uplink.ConfirmedCount == first.Count, $"{first.Count} receipts", broker);
            Assert.Equal(0, env.Outbox.CountUnconfirmed());
            Assert.Equal(0, uplink.RepublishedCount);
        }
        Assert.Equal(first.Count, ingest.Counters.StoredMessages);
        await ingest.StopAsync(Ct);
        ingest.Dispose();

        // 2. Analytics away; the gateway publishes a burst and the broker PUBACKs it, then dies before saving it (SIGKILL
        //    within its 1 s autosave). The queued copies for analytics die with it.
        List<string> burst = [.. Enumerable.Range(3, 8).SelectMany(i => env.Record($"s-r{i}"))];
        await using (var uplink = new MqttUplink(options, env.Outbox))
        {
            uplink.Start();
            await Eventually(() => env.Outbox.GetCounts().Pending == 0, "burst acknowledged by the broker", broker, poll: 1);
            broker.Stop(kill: true);
            int unconfirmed = env.Outbox.CountUnconfirmed();
            Assert.Equal(burst.Count, unconfirmed);
            await broker.StartAgainAsync();

            // 3. Analytics returns (same persistent session): what the broker kept arrives; the gateway publishes the
            //    rest again after the receipt timeout; every message ends stored exactly once.
            (ingest, store) = StartIngest(broker, sqlite, ingestId);
            await ingest.StartAsync(Ct);
            await Eventually(() => env.Outbox.GetCounts().Pending == 0 && env.Outbox.CountUnconfirmed() == 0, "every message of the burst confirmed by analytics", broker, seconds: 40);
            output.WriteLine($"burst of {burst.Count} messages PUBACKed, broker killed: republished for missing receipts {uplink.RepublishedCount}, " +
                $"stored by analytics {ingest.Counters.StoredMessages}, duplicates seen by ingest {ingest.Counters.Duplicates}");
        }

        Assert.Equal(burst.Count, ingest.Counters.StoredMessages);
        foreach (string session in Enumerable.Range(1, 10).Select(i => $"s-r{i}"))
        {
            SessionDetail? d = await store.GetSessionAsync(new SessionKey("odense", "gw-01", session), Ct);
            Assert.True(d is { Summary: not null, CurveComplete: true }, $"{session} incomplete in analytics");
        }
        await ingest.StopAsync(Ct);
        ingest.Dispose();
        await store.DisposeAsync();
    }

    [Fact]
    public void A_receipt_names_1_to_1000_ids_and_round_trips_on_its_topic()
    {
        string topic = Topics.Receipt("odense", "gw-01", "sensors-analytics");
        Assert.Equal("sensors/v1/odense/gw-01/receipts/sensors-analytics", topic);
        var receipt = new ReceiptMessage { MessageId = "r-1", SentAt = DateTimeOffset.UnixEpoch, MessageIds = ["s-1/summary", "s-1/curve/0"] };
        var back = (ReceiptMessage)ContractSerializer.Deserialize(topic, ContractSerializer.Serialize(receipt));
        Assert.Equal(receipt.MessageIds, back.MessageIds);
        Assert.Throws<ContractException>(() => ContractSerializer.Serialize(receipt with { MessageIds = [] }));
        Assert.Throws<ContractException>(() => ContractSerializer.Serialize(receipt with { MessageIds = [.. Enumerable.Range(0, 1001).Select(i => $"m-{i}")] }));
        Assert.False(ContractSerializer.TryDeserialize(topic, """{"schema":"sensors.program","version":1,"message_id":"x","sent_at":"2026-01-01T00:00:00Z"}"""u8, out _, out _, out string error));
        Assert.Contains("schema", error, StringComparison.Ordinal);
    }

    private static async Task Eventually(Func<bool> condition, string what, MosquittoBroker broker, int seconds = 30, int poll = 50)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}\nbroker log:\n{broker.Log}");
            await Task.Delay(poll, Ct);
        }
    }
}
