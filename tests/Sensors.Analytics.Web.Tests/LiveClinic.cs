using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Sensors.Analytics.Ingest;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Demo;
using Sensors.Contracts;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;

namespace Sensors.Analytics.Web.Tests;

/// <summary>
/// The service as deployed: Kestrel on a real loopback port, SQLite clinic database, the analytics telemetry store
/// (<c>sqlite</c> or <c>influxdb</c> against a real influxd) and MQTT ingest from a real Mosquitto. The demo clinic's
/// users and citizens are seeded (its telemetry too, through the store); test data goes through the broker.
/// </summary>
public sealed class LiveClinic : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly WebApplication _app;

    private LiveClinic(TempFolder folder, WebApplication app, MosquittoBroker broker, string baseUrl)
    {
        _folder = folder;
        _app = app;
        Broker = broker;
        BaseUrl = baseUrl;
    }

    public MosquittoBroker Broker { get; }
    public string BaseUrl { get; }
    public IServiceProvider Services => _app.Services;
    public ClinicRepository Repo => Services.GetRequiredService<ClinicRepository>();
    public MqttIngestService Ingest => Services.GetRequiredService<MqttIngestService>();

    /// <summary>Starts the service against <paramref name="broker"/>; with <paramref name="influx"/> the telemetry backend is InfluxDB.</summary>
    public static async Task<LiveClinic> StartAsync(MosquittoBroker broker, InfluxServer? influx = null, CancellationToken ct = default)
    {
        var folder = new TempFolder("web");
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ApplicationName = typeof(AnalyticsHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Clinic"] = $"Data Source={folder.File("clinic.db")}",
            ["Storage:Backend"] = influx is null ? "sqlite" : "influxdb",
            ["Storage:Sqlite:Path"] = folder.File("telemetry.db"),
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["Mqtt:Host"] = broker.Host,
            ["Mqtt:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:UseTls"] = "false",
            ["Mqtt:IngestEnabled"] = "true",
            ["Mqtt:ClientId"] = "analytics-" + Guid.NewGuid().ToString("N")[..8],
            ["Mqtt:ReconnectMinS"] = "0.2",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (influx is not null)
        {
            settings["Storage:Influx:Url"] = influx.BaseUri.ToString();
            settings["Storage:Influx:Database"] = "web" + Guid.NewGuid().ToString("N")[..8];
        }
        builder.Configuration.AddInMemoryCollection(settings);
        AnalyticsHost.ConfigureServices(builder);
        WebApplication app = builder.Build();
        AnalyticsHost.ConfigurePipeline(app);
        DemoSeed.Run(app.Services, DateTime.UtcNow, passwordIterations: 1000);
        await app.StartAsync(ct);
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var clinic = new LiveClinic(folder, app, broker, url);
        await clinic.WaitAsync(() => clinic.Ingest.IsConnected, "ingest connected to the broker", ct);
        return clinic;
    }

    /// <summary>A cookie client logged in through the real login form.</summary>
    public async Task<HttpClient> LoginAsync(string user, string password = DemoSeed.DemoPassword)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(BaseUrl) };
        HttpResponseMessage res = await WebTestEnvironment.PostFormAsync(client, "/login", "/login", new() { ["Username"] = user, ["Password"] = password });
        if ((int)res.StatusCode != 302) throw new InvalidOperationException($"login as {user} failed: {(int)res.StatusCode}");
        return client;
    }

    /// <summary>Publishes <paramref name="messages"/> as a gateway does (QoS 1, one client), then waits until ingest stored them all.</summary>
    public async Task PublishAndWaitAsync(IEnumerable<(TopicPath Topic, ContractMessage Message)> messages, CancellationToken ct)
    {
        long before = Ingest.Counters.StoredMessages + Ingest.Counters.Duplicates;
        int n = await GatewayPublishAsync(Broker, messages.Select(m => (TopicOf(m.Topic, m.Message), m.Message)), ct);
        await WaitAsync(() => Ingest.Counters.StoredMessages + Ingest.Counters.Duplicates >= before + n, $"{n} messages ingested", ct);
    }

    /// <summary>A gateway's uplink: MQTT 5, QoS 1 (PUBACK awaited), payloads by <see cref="ContractSerializer.Serialize"/>.</summary>
    public static async Task<int> GatewayPublishAsync(MosquittoBroker broker, IEnumerable<(string Topic, ContractMessage Message)> messages, CancellationToken ct)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId("gw-" + Guid.NewGuid().ToString("N")[..8]).Build(), ct);
        int n = 0;
        foreach ((string topic, ContractMessage message) in messages)
        {
            MqttClientPublishResult r = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
                .WithPayload(ContractSerializer.Serialize(message)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
            if (!r.IsSuccess) throw new InvalidOperationException($"broker refused {topic}: {r.ReasonCode}");
            n++;
        }
        await client.DisconnectAsync(cancellationToken: ct);
        return n;
    }

    /// <summary>The topic a gateway publishes the message on (rebuilt from the parsed path, as the gateway's outbox would).</summary>
    public static string TopicOf(TopicPath p, ContractMessage m) => p.Kind switch
    {
        TopicKind.SessionSummary => Topics.SessionSummary(p.Site, p.Gateway, p.Id),
        TopicKind.SessionReps => Topics.SessionReps(p.Site, p.Gateway, p.Id),
        TopicKind.SessionCurve => Topics.SessionCurve(p.Site, p.Gateway, p.Id, p.Chunk),
        TopicKind.SessionEvents => Topics.SessionEvents(p.Site, p.Gateway, p.Id),
        TopicKind.BandStatus => Topics.BandStatus(p.Site, p.Gateway, p.Id),
        TopicKind.Proposal => Topics.Proposal(p.Site, p.Gateway, p.Id),
        _ => throw new ArgumentException($"{p.Kind} is not uplink ({m.Schema})", nameof(p)),
    };

    private async Task WaitAsync(Func<bool> condition, string what, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"waited 60 s for {what}; ingest counters: stored {Ingest.Counters.StoredMessages}, dead letters {Ingest.Counters.DeadLetters}, " +
                    $"store failures {Ingest.Counters.StoreFailures}, connected {Ingest.IsConnected}; broker log: {Broker.Log}");
            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
