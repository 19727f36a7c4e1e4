using System;

namespace Sensors.Analytics.Storage;

/// <summary>
/// Configuration section <c>Storage</c>. Defaults: <c>Backend = sqlite</c>, <c>Sqlite:Path = data/telemetry.db</c>,
/// InfluxDB at <c>http://127.0.0.1:8086/</c>, database <c>sensors</c>, batches of 5000 points, 3 retries.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (default, embedded) or <c>influxdb</c> (time series in InfluxDB, relational rest in SQLite).</summary>
    public string Backend { get; set; } = "sqlite";

    /// <summary>SQLite settings (the whole store for <c>sqlite</c>; sessions, reps, events, proposals, message ids and dead letters for <c>influxdb</c>).</summary>
    public SqliteStorageOptions Sqlite { get; set; } = new();

    /// <summary>InfluxDB settings (used when <see cref="Backend"/> is <c>influxdb</c>).</summary>
    public InfluxStorageOptions Influx { get; set; } = new();
}

/// <summary>Embedded SQLite settings.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Database file (relative to the working directory unless absolute). Default <c>data/telemetry.db</c>.</summary>
    public string Path { get; set; } = "data/telemetry.db";

    /// <summary>Busy timeout when another connection holds the write lock, s. Default 30.</summary>
    public int BusyTimeoutS { get; set; } = 30;
}

/// <summary>InfluxDB 1.x HTTP API settings.</summary>
public sealed class InfluxStorageOptions
{
    /// <summary>Base URL of the HTTP API. Default <c>http://127.0.0.1:8086/</c>. Use https in production.</summary>
    public Uri Url { get; set; } = new("http://127.0.0.1:8086/");

    /// <summary>Database name (created at start when missing). Default <c>sensors</c>.</summary>
    public string Database { get; set; } = "sensors";

    /// <summary>User (null = no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>Points per write request. Default 5000 (InfluxDB recommends 5000–10000).</summary>
    public int BatchPoints { get; set; } = 5000;

    /// <summary>Compress write bodies with gzip (<c>Content-Encoding: gzip</c>). Default false (see analytics/README.md, Performance).</summary>
    public bool GzipWrites { get; set; }

    /// <summary>
    /// Write requests of one store batch sent concurrently. Default 1: 2 or 4 gained nothing with influxd on the same two
    /// cores (see analytics/README.md, Performance); raise it when influxd has cores of its own.
    /// </summary>
    public int WritesInFlight { get; set; } = 1;

    /// <summary>Retries of a write/query after a 5xx answer or a timeout (exponential back-off from 200 ms). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Timeout of one HTTP request, s. Default 30.</summary>
    public int TimeoutS { get; set; } = 30;
}
