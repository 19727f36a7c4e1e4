using System;
using Sensors.Contracts;

namespace Sensors.Gateway.Sessions.Outbox;

/// <summary>A message to publish: idempotency key, topic of the tree, serialized payload, QoS and retain flag.</summary>
/// <param name="MessageId">The payload's <c>message_id</c> (unique in the outbox).</param>
/// <param name="Topic">Topic of the sensors/v1 tree.</param>
/// <param name="Payload">Serialized contract payload (published byte for byte, also when re-published).</param>
/// <param name="Qos">MQTT QoS (1 for everything in the contract).</param>
/// <param name="Retain">Retain flag.</param>
public sealed record OutboxMessage(string MessageId, string Topic, byte[] Payload, int Qos = 1, bool Retain = false)
{
    /// <summary>Serializes (and validates) a contract message for <paramref name="topic"/>.</summary>
    public static OutboxMessage From(string topic, ContractMessage message, int qos = 1, bool retain = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OutboxMessage(message.MessageId, topic, ContractSerializer.Serialize(message), qos, retain);
    }
}

/// <summary>One row of the outbox.</summary>
/// <param name="Seq">Insertion order (publish order).</param>
/// <param name="MessageId">Idempotency key.</param>
/// <param name="Topic">Topic.</param>
/// <param name="Payload">Payload bytes.</param>
/// <param name="Qos">QoS.</param>
/// <param name="Retain">Retain flag.</param>
/// <param name="SessionId">Session the row belongs to (null for band status and proposals).</param>
/// <param name="CreatedAt">When the row was written.</param>
/// <param name="Attempts">Publish attempts so far.</param>
/// <param name="PublishedAt">When the broker acknowledged it (null = pending).</param>
/// <param name="RejectedReason">Why the broker refused it (not retried), null otherwise.</param>
public sealed record OutboxEntry(long Seq, string MessageId, string Topic, byte[] Payload, int Qos, bool Retain,
    string? SessionId, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? PublishedAt, string? RejectedReason);

/// <summary>Row counts of the outbox.</summary>
/// <param name="Pending">Rows waiting for a PUBACK.</param>
/// <param name="Published">Rows acknowledged, kept until retention.</param>
/// <param name="Rejected">Rows the broker refused (kept for diagnosis, never retried).</param>
/// <param name="Sessions">Sessions held.</param>
/// <param name="RawSessions">Sessions whose raw samples are held.</param>
public readonly record struct OutboxCounts(int Pending, int Published, int Rejected, int Sessions, int RawSessions);

/// <summary>How full the outbox is.</summary>
public enum OutboxLevel
{
    /// <summary>Below the warning fraction.</summary>
    Ok,
    /// <summary>At or above the warning fraction of the quota.</summary>
    Warning,
    /// <summary>At or above the quota (or the disk is nearly full).</summary>
    Full,
}

/// <summary>Disk use of the outbox.</summary>
/// <param name="UsedBytes">Live data (pages in use).</param>
/// <param name="QuotaBytes">Quota.</param>
/// <param name="FreeDiskBytes">Free space on the outbox's disk (-1 when unknown).</param>
/// <param name="Level">Ok, warning or full.</param>
public readonly record struct OutboxUsage(long UsedBytes, long QuotaBytes, long FreeDiskBytes, OutboxLevel Level)
{
    /// <summary>Used / quota.</summary>
    public double Fraction => QuotaBytes > 0 ? (double)UsedBytes / QuotaBytes : 0;
}

/// <summary>A warning of the outbox (quota, dropped raw samples, refused rows).</summary>
public sealed class OutboxWarningEventArgs : EventArgs
{
    /// <summary>Creates the event.</summary>
    public OutboxWarningEventArgs(OutboxLevel level, string message)
    {
        Level = level;
        Message = message;
    }

    /// <summary>Level at the time.</summary>
    public OutboxLevel Level { get; }

    /// <summary>Words for the log / technician.</summary>
    public string Message { get; }
}
