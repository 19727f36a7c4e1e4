using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Sensors.Analytics.Ingest;
using Sensors.Analytics.Storage;
using Sensors.Contracts;
using Sensors.Tests.Shared.Servers;
using Xunit;
using static Sensors.Analytics.Tests.TelemetryData;

namespace Sensors.Analytics.Tests;

/// <summary>MQTT ingest through a real Mosquitto into SQLite: exactly once, dead letters, ack only after the store commits.</summary>
public sealed class IngestTests
{
    private static System.Threading.CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = Monday.AddDays(3).AddHours(9);

    private static async Task<int> SessionCount(IngestEnvironment env, string citizen) =>
        (await env.Store.GetSessionsAsync(citizen, Monday, Monday.AddDays(7))).Count;

    private static async Task<bool> WholeSessionStored(IngestEnvironment env, string session)
    {
        SessionDetail? d = await env.Store.GetSessionAsync(new SessionKey(Site, Gateway, session));
        return d is { CurveComplete: true } && d.Reps.Count == 5 && d.Events.Count == 2;
    }

    [Fact]
    public async Task Session_published_twice_is_stored_once()
    {
        await using IngestEnvironment env = await IngestEnvironment.StartAsync();
        MqttIngestService ingest = await env.StartIngestAsync();
        List<IncomingMessage> session = WholeSession("c-100", "s-100", Start);
        foreach (IncomingMessage m in session) await env.PublishAsync(m);
        foreach (IncomingMessage m in session) await env.PublishAsync(m); // the gateway's outbox re-sends after a lost PUBACK

        await env.Eventually(async () => ingest.Counters.StoredMessages + ingest.Counters.Duplicates == 2 * session.Count
            && ingest.Counters.Acks == 2 * session.Count, "both copies stored and acknowledged");
        Assert.Equal(session.Count, ingest.Counters.StoredMessages);
        Assert.Equal(session.Count, ingest.Counters.Duplicates);
        Assert.Equal(2 * session.Count, ingest.Counters.Acks);
        Assert.Equal(1, await SessionCount(env, "c-100"));
        Assert.True(await WholeSessionStored(env, "s-100"));
        SessionDetail d = (await env.Store.GetSessionAsync(new SessionKey(Site, Gateway, "s-100"), Ct))!;
        Assert.Equal(3, d.Curve.Count);
        for (int i = 0; i < 100; i++) Assert.Equal(TrueAngle(1, i), d.Curve[1].AngleRad[i]);
        Assert.Equal(0, await env.DeadLetters.CountAsync(ct: Ct));
    }

    [Fact]
    public async Task Bad_messages_become_dead_letters_with_the_reason_and_ingest_keeps_going()
    {
        await using IngestEnvironment env = await IngestEnvironment.StartAsync();
        MqttIngestService ingest = await env.StartIngestAsync();

        string summaryTopic = Topics.SessionSummary(Site, Gateway, "s-bad");
        byte[] valid = ContractSerializer.Serialize(Summary("c-101", "s-bad", Start));
        string validJson = Encoding.UTF8.GetString(valid);
        AngleCurveMessage curve = Curve("c-101", "s-bad", Start, 0);
        string curveJson = Encoding.UTF8.GetString(ContractSerializer.Serialize(curve));
        string degrees = curveJson.Replace($"\"angle_rad\":[{curve.AngleRad[0]!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
            "\"angle_rad\":[95.5", StringComparison.Ordinal); // an angle in degrees
        Assert.NotEqual(curveJson, degrees);

        var cases = new (string Topic, byte[] Payload, string Reason)[]
        {
            (summaryTopic, Encoding.UTF8.GetBytes("{\"schema\":\"sensors.session-summary\",\"version\":1,"), "malformed"),
            (summaryTopic, Encoding.UTF8.GetBytes(validJson.Replace("\"version\":1", "\"version\":7", StringComparison.Ordinal)), "unknown version 7"),
            (Topics.SessionReps(Site, Gateway, "s-bad"), valid, "does not belong on this topic"),
            (Topics.SessionCurve(Site, Gateway, "s-bad", 0), Encoding.UTF8.GetBytes(degrees), "angle_rad[0] 95.5 is out of range"),
            ("sensors/v1/odense/gw-01/toaster/t-1/status", valid, "does not match any topic"),
        };
        foreach ((string topic, byte[] payload, string _) in cases) await env.PublishAsync(topic, payload);
        await env.PublishAsync(summaryTopic, valid); // a good one after the bad ones

        await env.Eventually(async () => await SessionCount(env, "c-101") == 1 && ingest.Counters.DeadLetters == cases.Length
            && ingest.Counters.Acks == cases.Length + 1, "good message stored and acknowledged after the dead letters");
        IReadOnlyList<DeadLetter> letters = (await env.DeadLetters.GetRecentAsync(10, Ct)).Reverse().ToList();
        Assert.Equal(cases.Length, letters.Count);
        for (int i = 0; i < cases.Length; i++)
        {
            Assert.Equal(cases[i].Topic, letters[i].Topic);
            Assert.Contains(cases[i].Reason, letters[i].Reason, StringComparison.Ordinal);
            Assert.Equal(cases[i].Payload, letters[i].Payload);
        }
        Assert.Equal(cases.Length + 1, ingest.Counters.Acks);
        Assert.True(ingest.IsConnected);
    }

    [Fact]
    public async Task Store_failure_before_ack_means_redelivery_and_the_message_is_stored_once()
    {
        await using IngestEnvironment env = await IngestEnvironment.StartAsync();
        var flaky = new FlakyStore(env.Store, failures: 1);
        MqttIngestService ingest = await env.StartIngestAsync(store: flaky);
        List<IncomingMessage> session = WholeSession("c-102", "s-102", Start);
        foreach (IncomingMessage m in session) await env.PublishAsync(m);

        await env.Eventually(() => WholeSessionStored(env, "s-102"), "session stored after the outage");
        Assert.Equal(1, ingest.Counters.StoreFailures);
        Assert.True(ingest.Counters.Connects >= 2, "reconnected to get the unacknowledged messages again");
        Assert.Equal(1, await SessionCount(env, "c-102"));
        Assert.Equal(session.Count, ingest.Counters.StoredMessages);
        SessionDetail d = (await env.Store.GetSessionAsync(new SessionKey(Site, Gateway, "s-102"), Ct))!;
        Assert.Equal(new[] { 0, 1, 2 }, d.Curve.Select(c => c.Chunk));
    }

    [Fact]
    public async Task Messages_published_while_ingest_is_down_arrive_on_the_persistent_session()
    {
        await using IngestEnvironment env = await IngestEnvironment.StartAsync();
        MqttIngestService first = await env.StartIngestAsync();
        await env.StopIngestAsync(first); // subscription and session stay at the broker (CleanStart = false, expiry 7 days)

        List<IncomingMessage> session = WholeSession("c-103", "s-103", Start);
        foreach (IncomingMessage m in session) await env.PublishAsync(m);
        await env.Broker.RestartAsync(); // and the broker restarts meanwhile (persistence on)

        MqttIngestService second = await env.StartIngestAsync();
        await env.Eventually(() => WholeSessionStored(env, "s-103"), "queued session delivered");
        Assert.Equal(session.Count, second.Counters.StoredMessages);
    }

    [Fact]
    public async Task Tls_with_credentials_ingests_and_plain_tcp_is_refused_without_allow_insecure()
    {
        await using IngestEnvironment env = await IngestEnvironment.StartAsync(new MosquittoOptions
        {
            Tls = true,
            Users = new Dictionary<string, string> { ["analytics"] = "s3cret", ["gw"] = "gwpass" },
        });
        IngestOptions tls = env.PlainOptions();
        tls.UseTls = true;
        tls.AllowInsecure = false;
        tls.Port = env.Broker.TlsPort;
        tls.Host = "localhost";
        tls.CaCertificatePath = env.Broker.CaCertificatePath;
        tls.Username = "analytics";
        tls.Password = "s3cret";
        MqttIngestService ingest = await env.StartIngestAsync(tls);
        Assert.True(ingest.IsConnected);

        IngestOptions insecure = env.PlainOptions();
        insecure.AllowInsecure = false;
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(insecure.Validate);
        Assert.Contains("Ingest:UseTls", e.Message, StringComparison.Ordinal);
    }
}
