using System;

namespace Sensors.Gateway.Sessions.Outbox;

/// <summary>Settings of the <see cref="SessionOutbox"/>; defaults documented in gateway/README.md.</summary>
public sealed record OutboxSettings
{
    /// <summary>SQLite file of the outbox (created when missing).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Disk quota of the outbox's live data, bytes. Default 256 MiB.</summary>
    public long QuotaBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Fraction of the quota at which a warning is raised. Default 0.8.</summary>
    public double WarnFraction { get; init; } = 0.8;

    /// <summary>Free disk space below which the outbox counts as full whatever its quota. Default 64 MiB.</summary>
    public long MinFreeDiskBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long published sessions and messages are kept before pruning. Default 14 days.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath)) throw new ArgumentException("outbox database_path is empty", nameof(DatabasePath));
        if (QuotaBytes < 64 * 1024) throw new ArgumentOutOfRangeException(nameof(QuotaBytes), QuotaBytes, "outbox quota must be at least 64 KiB");
        if (!(WarnFraction > 0 && WarnFraction < 1)) throw new ArgumentOutOfRangeException(nameof(WarnFraction), WarnFraction, "warn fraction must be in (0, 1)");
        if (MinFreeDiskBytes < 0) throw new ArgumentOutOfRangeException(nameof(MinFreeDiskBytes), MinFreeDiskBytes, "must be ≥ 0");
        if (Retention < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Retention), Retention, "retention must be ≥ 0");
    }
}
