using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Uplink;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Messaging.Tests.Mqtt;

/// <summary>TLS, credentials and ACL against a real Mosquitto with a test CA, a password file and a production-like ACL.</summary>
public sealed class UplinkSecurityTests
{
    private static Task<MosquittoBroker> StartSecureBrokerAsync() => MosquittoBroker.StartAsync(new MosquittoOptions
    {
        Tls = true, Users = UplinkTestEnvironment.Users, Acl = UplinkTestEnvironment.Acl,
    });

    [Fact]
    public async Task Production_uplink_publishes_over_tls_with_the_test_ca_and_refuses_to_start_without_tls()
    {
        await using MosquittoBroker broker = await StartSecureBrokerAsync();
        using var env = new UplinkTestEnvironment();
        await using TestSubscriber ingest = await TestSubscriber.StartAsync(broker, "analytics-ingest", user: "analytics",
            password: UplinkTestEnvironment.AnalyticsPassword, tls: true);
        IReadOnlyList<string> expected = env.Record("s-tls");

        MqttUplinkOptions production = UplinkTestEnvironment.Production(broker);
        await using (var uplink = new MqttUplink(production, env.Outbox))
        {
            uplink.Start();
            Assert.True(await ingest.WaitForAsync(s => expected.All(s.CountsById().ContainsKey), TimeSpan.FromSeconds(15)),
                $"uplink {uplink.State}: {uplink.LastError}\n{broker.Log}");
        }

        // plain MQTT in production: refused before any connection is tried
        var plain = production with { Port = broker.Port, Tls = new MqttTlsOptions() };
        var refused = Assert.Throws<UplinkConfigurationException>(() => new MqttUplink(plain, env.Outbox));
        Assert.Contains("requires TLS", refused.Message, StringComparison.Ordinal);
        // without credentials too
        Assert.Contains("credentials", Assert.Throws<UplinkConfigurationException>(() =>
            new MqttUplink(production with { Username = null, Password = null }, env.Outbox)).Message, StringComparison.Ordinal);
        // TLS without our CA (system trust only) fails the handshake with a clear reason
        await using var untrusted = new MqttUplink(production with { Tls = production.Tls with { CaFile = null } }, env.Outbox);
        var tlsError = await Assert.ThrowsAsync<UplinkConnectionException>(() => untrusted.ConnectOnceAsync(TestContext.Current.CancellationToken));
        Assert.Contains("TLS", tlsError.Message, StringComparison.Ordinal);
        // the same plain options are accepted only when explicitly in development (and then the broker wants credentials)
        _ = new MqttUplink(plain with { Environment = "development" }, env.Outbox);
    }

    [Fact]
    public async Task Wrong_credentials_give_a_clear_error_naming_broker_gateway_and_user()
    {
        await using MosquittoBroker broker = await StartSecureBrokerAsync();
        using var env = new UplinkTestEnvironment();
        await using var uplink = new MqttUplink(UplinkTestEnvironment.Production(broker, password: "wrong"), env.Outbox);

        var ex = await Assert.ThrowsAsync<UplinkConnectionException>(() => uplink.ConnectOnceAsync(TestContext.Current.CancellationToken));

        Assert.True(ex.IsAuthenticationFailure, ex.Message);
        Assert.Contains("refused the credentials of user 'gw-01'", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{broker.Host}:{broker.TlsPort}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("odense/gw-01", ex.Message, StringComparison.Ordinal);
        uplink.Start();
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (uplink.State != UplinkState.AuthenticationFailed && DateTime.UtcNow < deadline) await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(UplinkState.AuthenticationFailed, uplink.State);
    }

    [Fact]
    public async Task Acl_drops_a_gateway_publish_outside_its_subtree_and_the_row_is_kept_as_refused()
    {
        await using MosquittoBroker broker = await StartSecureBrokerAsync();
        using var env = new UplinkTestEnvironment();
        await using TestSubscriber ingest = await TestSubscriber.StartAsync(broker, "analytics-ingest", user: "analytics",
            password: UplinkTestEnvironment.AnalyticsPassword, tls: true);
        string foreign = Topics.BandStatus("odense", "gw-02", "band-09");
        env.Outbox.Add(OutboxMessage.From(foreign, new BandStatusMessage { MessageId = "band-09/status/1", SentAt = UplinkTestEnvironment.Start, BandId = "band-09" }));
        IReadOnlyList<string> own = env.Record("s-acl"); // published after the foreign one, in order

        await using var uplink = new MqttUplink(UplinkTestEnvironment.Production(broker), env.Outbox);
        uplink.Start();
        Assert.True(await ingest.WaitForAsync(s => own.All(s.CountsById().ContainsKey), TimeSpan.FromSeconds(15)), $"{uplink.LastError}\n{broker.Log}");

        Assert.DoesNotContain(ingest.Received, r => r.Topic == foreign);
        Assert.True(env.Outbox.TryGet("band-09/status/1", out OutboxEntry? row));
        Assert.Null(row!.PublishedAt);
        Assert.Contains("NotAuthorized", row.RejectedReason, StringComparison.Ordinal);
        Assert.Equal(0, env.Outbox.GetCounts().Pending);
    }
}
