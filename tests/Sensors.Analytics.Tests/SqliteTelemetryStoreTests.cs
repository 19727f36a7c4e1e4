using System;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Influx;
using Sensors.Analytics.Storage.Sqlite;
using Sensors.Tests.Shared;

namespace Sensors.Analytics.Tests;

/// <summary>The storage suite on the embedded SQLite backend (a fresh file per test).</summary>
public sealed class SqliteTelemetryStoreTests : TelemetryStoreContract
{
    private readonly TempFolder _folder = new("analytics-sqlite");

    protected override Task<ITelemetryStore> CreateStoreAsync() =>
        Task.FromResult<ITelemetryStore>(new SqliteTelemetryStore(new SqliteStorageOptions { Path = _folder.File("telemetry.db") }));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

/// <summary>Starts one influxd for the InfluxDB suite (each test uses its own database).</summary>
public sealed class InfluxFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    private Sensors.Tests.Shared.Servers.InfluxServer? _server;

    public Uri BaseUri => _server!.BaseUri;

    public async ValueTask InitializeAsync() => _server = await Sensors.Tests.Shared.Servers.InfluxServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>The storage suite on the InfluxDB backend against a real influxd 1.6 (SQLite beside it for the relational rest).</summary>
public sealed class InfluxTelemetryStoreTests(InfluxFixture influx) : TelemetryStoreContract, Xunit.IClassFixture<InfluxFixture>
{
    private readonly TempFolder _folder = new("analytics-influx");

    protected override Task<ITelemetryStore> CreateStoreAsync() =>
        Task.FromResult<ITelemetryStore>(new InfluxTelemetryStore(
            new InfluxStorageOptions { Url = influx.BaseUri, Database = "sensors_" + Guid.NewGuid().ToString("N")[..12], BatchPoints = 128 },
            new SqliteStorageOptions { Path = _folder.File("meta.db") }));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
