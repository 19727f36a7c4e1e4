using System;
using Sensors.Contracts;

namespace Sensors.Analytics.Ingest;

/// <summary>
/// Configuration section <c>Ingest</c>. Defaults: enabled, broker <c>127.0.0.1</c>, TLS on (port 8883; 1883 without TLS),
/// client id <c>sensors-analytics</c>, persistent session kept 7 days, keep-alive 30 s, reconnect back-off 0.5 s doubling to
/// 30 s, batches of up to 500 messages per store transaction. Plain TCP needs <see cref="AllowInsecure"/> = true
/// (development and tests only): production requires TLS.
/// </summary>
public sealed class IngestOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Ingest";

    /// <summary>False = the hosted service starts and does nothing (e.g. a web instance without a broker). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Broker host. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Broker port; 0 = 8883 with TLS, 1883 without.</summary>
    public int Port { get; set; }

    /// <summary>TLS to the broker. Default true.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Must be true to connect without TLS (development/tests). Default false.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate (null = the system trust store).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>MQTT user (per-service credentials; null = anonymous).</summary>
    public string? Username { get; set; }

    /// <summary>MQTT password.</summary>
    public string? Password { get; set; }

    /// <summary>Client id; the broker keeps the persistent session and queued QoS 1 messages under it. Default <c>sensors-analytics</c>.</summary>
    public string ClientId { get; set; } = "sensors-analytics";

    /// <summary>Subscription filter (QoS 1). Default <see cref="Topics.AllUplink"/>.</summary>
    public string TopicFilter { get; set; } = Topics.AllUplink;

    /// <summary>How long the broker keeps the session (and queues messages) while ingest is away, s. Default 604800 (7 days).</summary>
    public uint SessionExpiryS { get; set; } = 7 * 24 * 3600;

    /// <summary>MQTT keep-alive, s. Default 30.</summary>
    public int KeepAliveS { get; set; } = 30;

    /// <summary>First reconnect delay, s (doubles after each failed attempt). Default 0.5.</summary>
    public double ReconnectMinS { get; set; } = 0.5;

    /// <summary>Largest reconnect delay, s. Default 30.</summary>
    public double ReconnectMaxS { get; set; } = 30;

    /// <summary>Messages stored per transaction at most (what has arrived is taken, never waited for). Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// After each stored batch, confirm the message ids to their gateway on <c>sensors/v1/{site}/{gateway}/receipts/{ingest}</c>
    /// (QoS 1): the gateway publishes again what stays unconfirmed. Default true.
    /// </summary>
    public bool SendReceipts { get; set; } = true;

    /// <summary>The ingest's id in receipt topics: the client id in lower case, other characters than a-z 0-9 - _ as '-'.</summary>
    public string ReceiptSenderId
    {
        get
        {
            var chars = ClientId.ToLowerInvariant().ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if (chars[i] is not (>= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')) chars[i] = '-';
            string id = new(chars);
            return id.Length > 64 ? id[..64] : id;
        }
    }

    /// <summary>The port in use.</summary>
    public int EffectivePort => Port > 0 ? Port : UseTls ? 8883 : 1883;

    /// <summary>Throws naming the setting when the options cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new InvalidOperationException("Ingest:Host is empty");
        if (!UseTls && !AllowInsecure)
            throw new InvalidOperationException("Ingest:UseTls is false: production requires TLS to the broker (set Ingest:AllowInsecure = true only for development)");
        if (string.IsNullOrWhiteSpace(ClientId)) throw new InvalidOperationException("Ingest:ClientId is empty (a persistent session needs a stable client id)");
        if (BatchSize < 1) throw new InvalidOperationException($"Ingest:BatchSize {BatchSize} must be ≥ 1");
        if (!(ReconnectMinS > 0) || ReconnectMaxS < ReconnectMinS)
            throw new InvalidOperationException($"Ingest:ReconnectMinS {ReconnectMinS} / ReconnectMaxS {ReconnectMaxS} must satisfy 0 < min ≤ max");
    }
}
