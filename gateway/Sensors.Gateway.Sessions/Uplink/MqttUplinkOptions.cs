using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sensors.Contracts;

namespace Sensors.Gateway.Sessions.Uplink;

/// <summary>TLS settings of the uplink.</summary>
public sealed record MqttTlsOptions
{
    /// <summary>Use TLS. Required in production.</summary>
    public bool Enabled { get; init; }
    /// <summary>PEM file of the CA that signed the broker's certificate (null = the system trust store).</summary>
    public string? CaFile { get; init; }
    /// <summary>PEM client certificate (optional, for brokers that require one).</summary>
    public string? ClientCertificateFile { get; init; }
    /// <summary>PEM private key of the client certificate.</summary>
    public string? ClientKeyFile { get; init; }
    /// <summary>Name expected in the broker's certificate (default: the host).</summary>
    public string? TargetHost { get; init; }
}

/// <summary>
/// Uplink settings (the <c>mqtt</c> section of the gateway config). Production (the default) refuses to start without
/// TLS and per-gateway credentials; only <c>environment: development</c> allows plain MQTT on a bench.
/// </summary>
public sealed record MqttUplinkOptions
{
    /// <summary>Site id (first id segment of every topic).</summary>
    public required string Site { get; init; }
    /// <summary>Gateway id (second id segment; also the default client id and user name).</summary>
    public required string Gateway { get; init; }
    /// <summary>Broker host.</summary>
    public required string Host { get; init; }
    /// <summary>Broker port (8883 with TLS, 1883 without).</summary>
    public int Port { get; init; } = 8883;
    /// <summary>"production" (default) or "development".</summary>
    public string Environment { get; init; } = "production";
    /// <summary>MQTT client id (default: {site}-{gateway}); must stay the same across restarts for the persistent session.</summary>
    public string? ClientId { get; init; }
    /// <summary>Per-gateway user name.</summary>
    public string? Username { get; init; }
    /// <summary>Per-gateway password (prefer <see cref="PasswordEnv"/> in files).</summary>
    public string? Password { get; init; }
    /// <summary>Environment variable that holds the password (read at start).</summary>
    public string? PasswordEnv { get; init; }
    /// <summary>TLS.</summary>
    public MqttTlsOptions Tls { get; init; } = new();
    /// <summary>Session expiry the broker keeps our session (subscriptions, queued downlink) while we are away, s. Default 7 days.</summary>
    public uint SessionExpiryS { get; init; } = 7 * 24 * 3600;
    /// <summary>Keep-alive, s. Default 30.</summary>
    public int KeepAliveS { get; init; } = 30;
    /// <summary>Connect timeout, s. Default 10.</summary>
    public double ConnectTimeoutS { get; init; } = 10;
    /// <summary>First reconnect delay, s. Default 1.</summary>
    public double ReconnectInitialS { get; init; } = 1;
    /// <summary>Largest reconnect delay, s. Default 120.</summary>
    public double ReconnectMaxS { get; init; } = 120;
    /// <summary>Jitter: each delay is drawn uniformly from [(1 − jitter)·d, d]. Default 0.5.</summary>
    public double ReconnectJitter { get; init; } = 0.5;
    /// <summary>PUBACKs awaited at most, s, before the connection counts as lost. Default 30.</summary>
    public double PublishTimeoutS { get; init; } = 30;

    /// <summary>
    /// End-to-end receipts: a row the broker acknowledged but analytics has not confirmed (receipts topic) within this many
    /// seconds is published again. 0 = receipts off (trust the PUBACK). Default 120.
    /// </summary>
    public double ReceiptTimeoutS { get; init; } = 120;
    /// <summary>Re-publishes per row for missing receipts at most. Default 3.</summary>
    public int MaxRepublish { get; init; } = 3;

    /// <summary>True in development (plain MQTT allowed).</summary>
    public bool IsDevelopment => string.Equals(Environment, "development", StringComparison.Ordinal);

    /// <summary>The effective client id.</summary>
    public string EffectiveClientId => ClientId ?? $"{Site}-{Gateway}";

    /// <summary>The password from <see cref="Password"/> or <see cref="PasswordEnv"/>.</summary>
    public string? EffectivePassword =>
        Password ?? (PasswordEnv is { Length: > 0 } env ? System.Environment.GetEnvironmentVariable(env) : null);

    /// <summary>Checks the options; throws <see cref="UplinkConfigurationException"/> naming the setting.</summary>
    public void Validate()
    {
        if (!Topics.IsValidId(Site)) throw new UplinkConfigurationException($"mqtt.site '{Site}' is not a valid id");
        if (!Topics.IsValidId(Gateway)) throw new UplinkConfigurationException($"mqtt.gateway '{Gateway}' is not a valid id");
        if (string.IsNullOrWhiteSpace(Host)) throw new UplinkConfigurationException("mqtt.host is empty");
        if (Port is < 1 or > 65535) throw new UplinkConfigurationException($"mqtt.port {Port} is not a TCP port");
        if (Environment is not ("production" or "development"))
            throw new UplinkConfigurationException($"mqtt.environment '{Environment}' is not production|development");
        if (!(ReconnectInitialS > 0 && ReconnectMaxS >= ReconnectInitialS && ReconnectJitter is >= 0 and <= 1))
            throw new UplinkConfigurationException("mqtt.reconnect_*: need 0 < initial ≤ max and jitter in [0, 1]");
        if (!(ReceiptTimeoutS >= 0) || MaxRepublish < 0)
            throw new UplinkConfigurationException($"mqtt.receipt_timeout_s {ReceiptTimeoutS} / mqtt.max_republish {MaxRepublish}: need ≥ 0");
        if (!IsDevelopment)
        {
            if (!Tls.Enabled)
                throw new UplinkConfigurationException($"gateway {Gateway}: production config requires TLS (mqtt.tls.enabled with mqtt.tls.ca_file); plain MQTT is only allowed with mqtt.environment = development");
            if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(EffectivePassword))
                throw new UplinkConfigurationException($"gateway {Gateway}: production config requires per-gateway credentials (mqtt.username and mqtt.password_env{(PasswordEnv is null ? string.Empty : $" — ${PasswordEnv} is not set")})");
        }
        if (Tls.Enabled)
        {
            foreach ((string name, string? file) in new[] { ("ca_file", Tls.CaFile), ("client_certificate_file", Tls.ClientCertificateFile), ("client_key_file", Tls.ClientKeyFile) })
                if (file is not null && !File.Exists(file)) throw new UplinkConfigurationException($"mqtt.tls.{name} '{file}' does not exist");
            if ((Tls.ClientCertificateFile is null) != (Tls.ClientKeyFile is null))
                throw new UplinkConfigurationException("mqtt.tls: client_certificate_file and client_key_file go together");
        }
    }

    /// <summary>Reads the <c>mqtt</c> section of a gateway config file (snake_case JSON) and validates it.</summary>
    public static MqttUplinkOptions Load(string configPath)
    {
        try
        {
            using FileStream f = File.OpenRead(configPath);
            using JsonDocument doc = JsonDocument.Parse(f);
            if (!doc.RootElement.TryGetProperty("mqtt", out JsonElement mqtt))
                throw new UplinkConfigurationException($"{configPath}: no 'mqtt' section");
            MqttUplinkOptions options = mqtt.Deserialize<MqttUplinkOptions>(JsonOptions)
                ?? throw new UplinkConfigurationException($"{configPath}: 'mqtt' is null");
            string dir = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
            options = options with
            {
                Tls = options.Tls with
                {
                    CaFile = Relative(dir, options.Tls.CaFile),
                    ClientCertificateFile = Relative(dir, options.Tls.ClientCertificateFile),
                    ClientKeyFile = Relative(dir, options.Tls.ClientKeyFile),
                },
            };
            options.Validate();
            return options;
        }
        catch (JsonException ex)
        {
            throw new UplinkConfigurationException($"{configPath}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new UplinkConfigurationException($"{configPath}: {ex.Message}", ex);
        }
    }

    private static string? Relative(string dir, string? file) => file is null ? null : Path.GetFullPath(file, dir);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };
}

/// <summary>The uplink configuration is not usable; the message names the setting.</summary>
public sealed class UplinkConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UplinkConfigurationException(string message) : base(message) { }
    /// <summary>Creates the exception with its cause.</summary>
    public UplinkConfigurationException(string message, Exception inner) : base(message, inner) { }
    /// <summary>Creates the exception.</summary>
    public UplinkConfigurationException() { }
}

/// <summary>The broker refused or could not be reached; the message names broker, gateway and reason.</summary>
public sealed class UplinkConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UplinkConnectionException(string message, bool isAuthentication, Exception? inner = null) : base(message, inner) =>
        IsAuthenticationFailure = isAuthentication;
    /// <summary>Creates the exception.</summary>
    public UplinkConnectionException(string message) : base(message) { }
    /// <summary>Creates the exception with its cause.</summary>
    public UplinkConnectionException(string message, Exception inner) : base(message, inner) { }
    /// <summary>Creates the exception.</summary>
    public UplinkConnectionException() { }

    /// <summary>True when the broker refused the credentials (retrying will not help until they are fixed).</summary>
    public bool IsAuthenticationFailure { get; }
}
