using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Programs;
using Sensors.Contracts;
using ProgramExercise = Sensors.Analytics.Web.Data.ProgramExercise;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Analytics.Web.Tests;

/// <summary><see cref="MqttProgramPublisher"/> against a real Mosquitto: retained QoS 1, received by a gateway that connects later.</summary>
public sealed class ProgramPublisherBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Citizen Citizen = new(7, "c-pub-1", "Never Sent", "NID-never-sent", 1, "north", "gw-07");

    private static readonly ProgramVersion Program = new(11, 7, 3, DateTime.UtcNow, "anna", null,
        [new ProgramExercise("heel_slide", "medium", 12, 3, 5), new ProgramExercise("knee_extension_seated", "easy", 10, 2, 4)]);

    [Fact]
    public async Task A_gateway_connecting_after_publish_receives_the_retained_program()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        var publisher = new MqttProgramPublisher(new MqttSettings { Host = broker.Host, Port = broker.Port, ClientId = "analytics-test" }, NullLogger<MqttProgramPublisher>.Instance);
        string topic = await publisher.PublishAsync(Citizen, Program, Ct);
        Assert.Equal(Topics.Program("north", "gw-07", "c-pub-1"), topic);

        (string Topic, byte[] Payload, bool Retained) got = await ReceiveRetainedAsync(broker, null, Topics.ProgramsOf("north", "gw-07"));
        Assert.Equal(topic, got.Topic);
        Assert.True(got.Retained);
        var msg = Assert.IsType<ProgramMessage>(ContractSerializer.Deserialize(got.Topic, got.Payload));
        Assert.Equal("c-pub-1", msg.Citizen);
        Assert.Equal(3, msg.ProgramVersion);
        Assert.Equal(Program.Exercises.Select(e => (e.ExerciseId, e.Level, e.Reps, e.Sets, e.SessionsPerWeek)),
            msg.Exercises.Select(e => (e.ExerciseId, e.Level, e.Reps, e.Sets, e.SessionsPerWeek)));
        // Identities never leave the service.
        string json = System.Text.Encoding.UTF8.GetString(got.Payload);
        Assert.DoesNotContain("Never Sent", json, StringComparison.Ordinal);
        Assert.DoesNotContain("NID-never-sent", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_over_tls_with_credentials_reaches_the_gateway_and_wrong_credentials_are_refused()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            Tls = true,
            Users = new Dictionary<string, string> { ["analytics"] = "s3cret-analytics", ["gw-07"] = "s3cret-gw" },
        });
        var good = new MqttSettings { Host = broker.Host, Port = broker.TlsPort, UseTls = true, CaCertificatePath = broker.CaCertificatePath, Username = "analytics", Password = "s3cret-analytics", ClientId = "analytics-tls" };
        string topic = await new MqttProgramPublisher(good, NullLogger<MqttProgramPublisher>.Instance).PublishAsync(Citizen, Program, Ct);
        (string Topic, byte[] Payload, bool Retained) got = await ReceiveRetainedAsync(broker, ("gw-07", "s3cret-gw"), topic);
        Assert.Equal(3, Assert.IsType<ProgramMessage>(ContractSerializer.Deserialize(got.Topic, got.Payload)).ProgramVersion);

        var wrong = new MqttSettings { Host = broker.Host, Port = broker.TlsPort, UseTls = true, CaCertificatePath = broker.CaCertificatePath, Username = "analytics", Password = "wrong", ClientId = "analytics-tls2", TimeoutS = 5 };
        await Assert.ThrowsAnyAsync<Exception>(() => new MqttProgramPublisher(wrong, NullLogger<MqttProgramPublisher>.Instance).PublishAsync(Citizen, Program, Ct));
    }

    /// <summary>Connects a fresh client (after the publish), subscribes and returns the first message.</summary>
    private static async Task<(string Topic, byte[] Payload, bool Retained)> ReceiveRetainedAsync(MosquittoBroker broker, (string User, string Password)? credentials, string filter)
    {
        using IMqttClient gw = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource<(string, byte[], bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        gw.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        MqttClientOptionsBuilder b = new MqttClientOptionsBuilder().WithClientId("gw-07-" + Guid.NewGuid().ToString("N")[..6])
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500);
        if (credentials is { } c)
        {
            var ca = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            ca.ImportFromPemFile(broker.CaCertificatePath);
            b = b.WithTcpServer(broker.Host, broker.TlsPort).WithCredentials(c.User, c.Password).WithTlsOptions(t => t.UseTls().WithTrustChain(ca));
        }
        else b = b.WithTcpServer(broker.Host, broker.Port);
        await gw.ConnectAsync(b.Build(), Ct);
        await gw.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        (string, byte[], bool) result = await received.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await gw.DisconnectAsync(cancellationToken: Ct);
        return result;
    }
}
