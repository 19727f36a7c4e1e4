using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using Sensors.Gateway.Sessions.Uplink;
using Sensors.OutboxWriter;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;

namespace Sensors.Messaging.Tests.Mqtt;

/// <summary>One gateway's outbox + recorder in a temp folder, and uplink options for a test broker.</summary>
internal sealed class UplinkTestEnvironment : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public const string GatewayPassword = "gw-01-secret";
    public const string AnalyticsPassword = "analytics-secret";

    /// <summary>Production-like ACL: the gateway writes only its own uplink topics and reads only its programs.</summary>
    public const string Acl = """
        user gw-01
        topic write sensors/v1/odense/gw-01/sessions/#
        topic write sensors/v1/odense/gw-01/bands/#
        topic write sensors/v1/odense/gw-01/proposals/#
        topic read sensors/v1/odense/gw-01/programs/+
        topic read sensors/v1/odense/gw-01/receipts/+
        user analytics
        topic readwrite sensors/v1/#
        """;

    public static readonly Dictionary<string, string> Users = new() { ["gw-01"] = GatewayPassword, ["analytics"] = AnalyticsPassword };

    private readonly TempFolder _folder = new("gateway");

    public UplinkTestEnvironment()
    {
        DatabasePath = _folder.File("gateway.db");
        Outbox = SessionOutbox.Open(new OutboxSettings { DatabasePath = DatabasePath, MinFreeDiskBytes = 0 });
        Recorder = new SessionRecorder(Outbox, "odense", "gw-01");
    }

    public string DatabasePath { get; }

    public SessionOutbox Outbox { get; }

    public SessionRecorder Recorder { get; }

    /// <summary>Records a session and returns its message ids.</summary>
    public IReadOnlyList<string> Record(string sessionId, double durationS = 300) =>
        Recorder.Record(SyntheticSession.Create(sessionId, durationS, Start)).Messages.Select(m => m.MessageId).ToList();

    /// <summary>Development (plain) options for an anonymous broker, with fast reconnects.</summary>
    public static MqttUplinkOptions Plain(MosquittoBroker broker) => new()
    {
        Site = "odense", Gateway = "gw-01", Host = broker.Host, Port = broker.Port, Environment = "development",
        ReconnectInitialS = 0.1, ReconnectMaxS = 0.5, ConnectTimeoutS = 5, PublishTimeoutS = 5,
    };

    /// <summary>Production options: TLS with the broker's test CA and the gateway's credentials.</summary>
    public static MqttUplinkOptions Production(MosquittoBroker broker, string password = GatewayPassword) => new()
    {
        Site = "odense", Gateway = "gw-01", Host = broker.Host, Port = broker.TlsPort,
        Username = "gw-01", Password = password,
        Tls = new MqttTlsOptions { Enabled = true, CaFile = broker.CaCertificatePath },
        ReconnectInitialS = 0.1, ReconnectMaxS = 0.5, ConnectTimeoutS = 5, PublishTimeoutS = 5,
    };

    public void Dispose()
    {
        Outbox.Dispose();
        _folder.Dispose();
    }
}
