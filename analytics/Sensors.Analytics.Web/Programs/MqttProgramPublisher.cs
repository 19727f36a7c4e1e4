using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using Sensors.Analytics.Web.Data;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Programs;

/// <summary>
/// Publishes programs with MQTTnet: connect, publish retained at QoS 1 (the broker's PUBACK is awaited), disconnect.
/// Programs change rarely, so a short-lived connection keeps no state to go stale.
/// </summary>
public sealed class MqttProgramPublisher(MqttSettings settings, ILogger<MqttProgramPublisher> log) : IProgramPublisher
{
    public async Task<string> PublishAsync(Citizen citizen, ProgramVersion program, CancellationToken ct = default)
    {
        ProgramMessage msg = ProgramMessages.Build(citizen, program, DateTimeOffset.UtcNow);
        string topic = ProgramMessages.Topic(citizen);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutS));
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptionsBuilder options = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(settings.ClientId + "-programs")
            .WithCleanSession(true);
        if (settings.Username is { Length: > 0 }) options = options.WithCredentials(settings.Username, settings.Password);
        if (settings.UseTls)
        {
            options = options.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (settings.CaCertificatePath is { Length: > 0 } ca)
                {
                    var chain = new X509Certificate2Collection();
                    chain.ImportFromPemFile(ca);
                    tls.WithTrustChain(chain);
                }
            });
        }
        await client.ConnectAsync(options.Build(), timeout.Token).ConfigureAwait(false);
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(ContractSerializer.Serialize(msg))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .WithContentType("application/json")
            .Build();
        MqttClientPublishResult result = await client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
        if (!result.IsSuccess)
            throw new InvalidOperationException($"Broker {settings.Host}:{settings.Port} refused program v{program.Version} on '{topic}': {result.ReasonCode} {result.ReasonString}");
        await client.DisconnectAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
        if (log.IsEnabled(LogLevel.Information)) log.LogInformation("Published program v{Version} to {Topic}", program.Version, topic);
        return topic;
    }
}
