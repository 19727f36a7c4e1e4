namespace Sensors.Analytics.Web.Programs;

/// <summary>Broker connection (configuration section <c>Mqtt</c>). Production: TLS on 8883 with a CA file and credentials.</summary>
public sealed class MqttSettings
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;
    /// <summary>Use TLS (required in Production; the service refuses to start otherwise).</summary>
    public bool UseTls { get; set; }
    /// <summary>PEM file of the CA that signed the broker certificate (null = system trust store).</summary>
    public string? CaCertificatePath { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>Client id prefix of this service (the publisher appends "-programs").</summary>
    public string ClientId { get; set; } = "sensors-analytics";
    /// <summary>Connect/publish timeout, s.</summary>
    public double TimeoutS { get; set; } = 10;
}
