using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Sensors.Tests.Shared.Servers;

namespace Sensors.Messaging.Tests.Mqtt;

/// <summary>
/// Stand-in for analytics ingest: a plain MQTTnet client with a persistent session (clean start off) that reconnects
/// by itself and counts every message it receives by message_id.
/// </summary>
internal sealed class TestSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private readonly CancellationTokenSource _stop = new();
    private Task? _reconnect;

    private TestSubscriber(MqttClientOptions options, string filter)
    {
        _options = options;
        _filter = filter;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            byte[] payload = e.ApplicationMessage.Payload.ToArray();
            string id = "(unreadable)";
            try
            {
                using JsonDocument doc = JsonDocument.Parse(payload);
                if (doc.RootElement.TryGetProperty("message_id", out JsonElement m)) id = m.GetString() ?? id;
            }
            catch (JsonException)
            {
                // counted as unreadable
            }
            Received.Enqueue((e.ApplicationMessage.Topic, id, payload, e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += _ =>
        {
            if (!_stop.IsCancellationRequested && _reconnect is null or { IsCompleted: true }) _reconnect = Task.Run(ReconnectAsync);
            return Task.CompletedTask;
        };
    }

    public ConcurrentQueue<(string Topic, string MessageId, byte[] Payload, bool Retain)> Received { get; } = new();

    public int Connects { get; private set; }

    public Dictionary<string, int> CountsById() =>
        Received.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.Count());

    public static async Task<TestSubscriber> StartAsync(MosquittoBroker broker, string clientId, string filter = "sensors/v1/#",
        string? user = null, string? password = null, bool tls = false)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, tls ? broker.TlsPort : broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (user is not null) builder = builder.WithCredentials(user, password);
        if (tls)
        {
            X509Certificate2 ca = broker.CaCertificate!;
            builder = builder.WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(a =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using X509Certificate2 c = X509CertificateLoader.LoadCertificate(a.Certificate.GetRawCertData());
                return chain.Build(c);
            }));
        }
        var s = new TestSubscriber(builder.Build(), filter);
        await s.ConnectAsync();
        return s;
    }

    public async Task<bool> WaitForAsync(Func<TestSubscriber, bool> condition, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(this)) return true;
            await Task.Delay(50);
        }
        return condition(this);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAsync()
    {
        MqttClientConnectResult r = await _client.ConnectAsync(_options);
        Connects++;
        if (!r.IsSessionPresent)
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(_filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
    }

    private async Task ReconnectAsync()
    {
        while (!_stop.IsCancellationRequested && !_client.IsConnected)
        {
            try
            {
                await ConnectAsync();
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                await Task.Delay(200);
            }
        }
    }
}
