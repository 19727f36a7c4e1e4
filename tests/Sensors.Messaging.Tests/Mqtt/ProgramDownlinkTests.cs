using System;
using System.Text;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Downlink;
using Sensors.Gateway.Sessions.Uplink;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Messaging.Tests.Mqtt;

/// <summary>Retained programs (downlink) through a real Mosquitto into the gateway's SQLite cache.</summary>
public sealed class ProgramDownlinkTests
{
    private static ProgramMessage Program(int version, string citizen = "c-7f3a") => new()
    {
        MessageId = $"{citizen}/program/{version}",
        SentAt = UplinkTestEnvironment.Start,
        Citizen = citizen,
        ProgramId = "knee-basic",
        ProgramVersion = version,
        Exercises = [new ProgramExercise { ExerciseId = "heel_slide", Level = version >= 3 ? "medium" : "easy", Reps = 10, Sets = 3, SessionsPerWeek = 5 }],
    };

    [Fact]
    public async Task Retained_program_reaches_a_gateway_that_connects_later_keeps_the_highest_version_and_survives_a_restart_offline()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            Tls = true, Users = UplinkTestEnvironment.Users, Acl = UplinkTestEnvironment.Acl,
        });
        using var env = new UplinkTestEnvironment();
        using IMqttClient analytics = new MqttClientFactory().CreateMqttClient();
        await analytics.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
            .WithCredentials("analytics", UplinkTestEnvironment.AnalyticsPassword).WithProtocolVersion(MqttProtocolVersion.V500).Build(),
            TestContext.Current.CancellationToken);
        string topic = Topics.Program("odense", "gw-01", "c-7f3a");
        async Task PublishAsync(byte[] payload) => await analytics.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
            .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build(), TestContext.Current.CancellationToken);
        await PublishAsync(ContractSerializer.Serialize(Program(2))); // before the gateway exists

        using (var cache = new ProgramCache(env.DatabasePath, "odense", "gw-01"))
        {
            await using var uplink = new MqttUplink(UplinkTestEnvironment.Production(broker), env.Outbox, cache);
            uplink.Start();
            Assert.True(await WaitAsync(() => cache.TryGetProgram("c-7f3a", out ProgramMessage? p) && p!.ProgramVersion == 2), $"{uplink.LastError}\n{broker.Log}");

            await PublishAsync(ContractSerializer.Serialize(Program(1))); // older: ignored
            await PublishAsync(Encoding.UTF8.GetBytes("""{"schema":"sensors.program","version":1,"message_id":"x","sent_at":"2026-11-23T09:00:00Z","citizen":"c-7f3a","program_id":"p","program_version":"three"}"""));
            await PublishAsync(ContractSerializer.Serialize(Program(3)));
            Assert.True(await WaitAsync(() => cache.TryGetProgram("c-7f3a", out ProgramMessage? p) && p!.ProgramVersion == 3));
            await PublishAsync(ContractSerializer.Serialize(Program(2))); // late older version after the newer one
            await Task.Delay(500, TestContext.Current.CancellationToken);
            Assert.True(cache.TryGetProgram("c-7f3a", out ProgramMessage? current));
            Assert.Equal(3, current!.ProgramVersion);
            Assert.Equal("medium", current.Exercises[0].Level);
            Assert.Contains("program_version", cache.LastError, StringComparison.Ordinal); // the malformed one was refused, naming the field
        }

        // gateway restart with the broker gone: the program comes from the cache
        broker.Stop();
        using var restarted = new ProgramCache(env.DatabasePath, "odense", "gw-01");
        Assert.True(restarted.TryGetProgram("c-7f3a", out ProgramMessage? offline));
        Assert.Equal(3, offline!.ProgramVersion);
        Assert.Single(restarted.GetPrograms());
    }

    [Fact]
    public void Cache_refuses_programs_for_another_gateway_or_citizen()
    {
        using var env = new UplinkTestEnvironment();
        using var cache = new ProgramCache(env.DatabasePath, "odense", "gw-01");
        byte[] p = ContractSerializer.Serialize(Program(4));

        Assert.Equal(ProgramOfferResult.Invalid, cache.Offer(Topics.Program("odense", "gw-02", "c-7f3a"), p, out string other));
        Assert.Contains("gw-02", other, StringComparison.Ordinal);
        Assert.Equal(ProgramOfferResult.Invalid, cache.Offer(Topics.Program("odense", "gw-01", "c-0000"), p, out string citizen));
        Assert.Contains("c-0000", citizen, StringComparison.Ordinal);
        Assert.Equal(ProgramOfferResult.Accepted, cache.Offer(Topics.Program("odense", "gw-01", "c-7f3a"), p, out _));
        Assert.Equal(ProgramOfferResult.Ignored, cache.Offer(Topics.Program("odense", "gw-01", "c-7f3a"), p, out _));
    }

    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !condition()) await Task.Delay(50, TestContext.Current.CancellationToken);
        return condition();
    }
}
