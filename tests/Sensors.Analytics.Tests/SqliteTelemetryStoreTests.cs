using System;
using System.IO;
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

/// <summary>
/// Starts one influxd for the InfluxDB suite (each test uses its own database). Without influxd it starts nothing and
/// does not throw: an exception from a class fixture fails every test of the class (xunit v3), whereas
/// <see cref="Require"/> from the test class constructor skips it (or fails under CI=true).
/// </summary>
public sealed class InfluxFixture : IAsyncDisposable, Xunit.IAsyncLifetime
{
    private Sensors.Tests.Shared.Servers.InfluxServer? _server;

    public Uri BaseUri => _server?.BaseUri ?? throw new InvalidOperationException("influxd is not running (call Require first)");

    /// <summary>Skips the calling test when influxd is not installed (fails under CI=true).</summary>
    public static void Require() =>
        Sensors.Tests.Shared.Servers.ServerProcess.RequireBinary(Sensors.Tests.Shared.Servers.InfluxServer.BinaryPath, "influxdb");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Sensors.Tests.Shared.Servers.InfluxServer.BinaryPath)) return;
        _server = await Sensors.Tests.Shared.Servers.InfluxServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>The storage suite on the InfluxDB backend against a real influxd 1.6 (SQLite beside it for the relational rest).</summary>
public sealed class InfluxTelemetryStoreTests : TelemetryStoreContract, Xunit.IClassFixture<InfluxFixture>
{
    private readonly TempFolder _folder = new("analytics-influx");
    private readonly InfluxFixture _influx;

    public InfluxTelemetryStoreTests(InfluxFixture influx)
    {
        InfluxFixture.Require();
        _influx = influx;
    }

    protected override Task<ITelemetryStore> CreateStoreAsync() =>
        Task.FromResult<ITelemetryStore>(new InfluxTelemetryStore(
            new InfluxStorageOptions { Url = _influx.BaseUri, Database = "sensors_" + Guid.NewGuid().ToString("N")[..12], BatchPoints = 128, WritesInFlight = 2 },
            new SqliteStorageOptions { Path = _folder.File("meta.db") }));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
