using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Protocol;
using Sensors.Analytics.Ingest;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Sqlite;
using Sensors.Contracts;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Analytics.Tests;

/// <summary>One test's world: a real Mosquitto, a SQLite telemetry store, the ingest service and a gateway-side publisher.</summary>
internal sealed class IngestEnvironment : IAsyncDisposable
{
    private readonly TempFolder _folder = new("analytics-ingest");
    private readonly List<MqttIngestService> _services = [];
    private IMqttClient? _publisher;

    private IngestEnvironment(MosquittoBroker broker)
    {
        Broker = broker;
        SqliteOptions = new SqliteStorageOptions { Path = _folder.File("telemetry.db") };
        Store = new SqliteTelemetryStore(SqliteOptions);
        DeadLetters = new SqliteDeadLetterStore(SqliteOptions);
    }

    public MosquittoBroker Broker { get; }
    public SqliteStorageOptions SqliteOptions { get; }
    public SqliteTelemetryStore Store { get; }
    public SqliteDeadLetterStore DeadLetters { get; }
    public string ClientId { get; } = "analytics-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<IngestEnvironment> StartAsync(MosquittoOptions? options = null)
    {
        MosquittoBroker broker = await MosquittoBroker.StartAsync(options);
        var env = new IngestEnvironment(broker);
        await env.Store.InitializeAsync();
        return env;
    }

    public IngestOptions PlainOptions() => new()
    {
        Host = Broker.Host,
        Port = Broker.Port,
        UseTls = false,
        AllowInsecure = true,
        ClientId = ClientId,
        ReconnectMinS = 0.1,
        ReconnectMaxS = 1,
    };

    /// <summary>Starts an ingest service writing to <paramref name="store"/> (default: the environment's store).</summary>
    public async Task<MqttIngestService> StartIngestAsync(IngestOptions? options = null, ITelemetryStore? store = null)
    {
        var service = new MqttIngestService(store ?? Store, DeadLetters, options ?? PlainOptions());
        _services.Add(service);
        await service.StartAsync(CancellationToken.None);
        await Eventually(() => Task.FromResult(service.IsConnected), "ingest connected");
        return service;
    }

    public async Task StopIngestAsync(MqttIngestService service)
    {
        await service.StopAsync(CancellationToken.None);
        service.Dispose();
        _services.Remove(service);
    }

    public async Task PublishAsync(string topic, byte[] payload)
    {
        if (_publisher is null)
        {
            _publisher = new MqttClientFactory().CreateMqttClient();
            await _publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(Broker.Host, Broker.Port)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId("gw-" + ClientId).Build());
        }
        MqttClientPublishResult r = await _publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(r.IsSuccess || r.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers, $"publish to {topic}: {r.ReasonCode}");
    }

    public Task PublishAsync(IncomingMessage m) => PublishAsync(TopicOf(m.Path), ContractSerializer.Serialize(m.Message));

    private static string TopicOf(TopicPath p) => p.Kind switch
    {
        TopicKind.SessionSummary => Topics.SessionSummary(p.Site, p.Gateway, p.Id),
        TopicKind.SessionReps => Topics.SessionReps(p.Site, p.Gateway, p.Id),
        TopicKind.SessionEvents => Topics.SessionEvents(p.Site, p.Gateway, p.Id),
        TopicKind.SessionCurve => Topics.SessionCurve(p.Site, p.Gateway, p.Id, p.Chunk),
        TopicKind.BandStatus => Topics.BandStatus(p.Site, p.Gateway, p.Id),
        TopicKind.Proposal => Topics.Proposal(p.Site, p.Gateway, p.Id),
        _ => Topics.Program(p.Site, p.Gateway, p.Id),
    };

    /// <summary>Polls until <paramref name="condition"/> holds (messages cross the broker asynchronously); fails after 20 s naming what was awaited.</summary>
    public async Task Eventually(Func<Task<bool>> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}\nbroker log:\n{Broker.Log}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (MqttIngestService s in _services.ToArray()) await StopIngestAsync(s);
        _publisher?.Dispose();
        await Store.DisposeAsync();
        await DeadLetters.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await Broker.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>A store that fails the first <c>failures</c> writes (a disk or database outage) and then works.</summary>
internal sealed class FlakyStore(ITelemetryStore inner, int failures) : ITelemetryStore
{
    private int _left = failures;
    public int Calls;

    public string Backend => inner.Backend;
    public Task InitializeAsync(CancellationToken ct = default) => inner.InitializeAsync(ct);

    public Task<StoreResult> StoreAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct = default)
    {
        Interlocked.Increment(ref Calls);
        if (Interlocked.Decrement(ref _left) >= 0) throw new IOException("simulated storage outage");
        return inner.StoreAsync(batch, ct);
    }

    public Task<IReadOnlyList<SessionRecord>> GetSessionsAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) => inner.GetSessionsAsync(citizen, fromUtc, toUtc, ct);
    public Task<IReadOnlyList<RomPoint>> GetRomHistoryAsync(string citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) => inner.GetRomHistoryAsync(citizen, fromUtc, toUtc, ct);
    public Task<SessionDetail?> GetSessionAsync(SessionKey key, CancellationToken ct = default) => inner.GetSessionAsync(key, ct);
    public Task<IReadOnlyList<SessionKey>> FindSessionAsync(string sessionId, CancellationToken ct = default) => inner.FindSessionAsync(sessionId, ct);
    public Task<IReadOnlyList<BandStatusRecord>> GetLatestBandStatusAsync(CancellationToken ct = default) => inner.GetLatestBandStatusAsync(ct);
    public Task<IReadOnlyList<BandStatusRecord>> GetBandStatusHistoryAsync(string bandId, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) => inner.GetBandStatusHistoryAsync(bandId, fromUtc, toUtc, ct);
    public Task<IReadOnlyList<ProposalRecord>> GetProposalsAsync(string? citizen = null, CancellationToken ct = default) => inner.GetProposalsAsync(citizen, ct);
    public Task<IReadOnlyList<WeeklySessionCount>> GetSessionsPerWeekAsync(string? citizen, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct = default) => inner.GetSessionsPerWeekAsync(citizen, fromUtc, toUtc, ct);
    public Task<ErasureReport> EraseCitizenAsync(string citizen, CancellationToken ct = default) => inner.EraseCitizenAsync(citizen, ct);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the environment owns the inner store
}
