using System;
using System.IO;
using System.Threading.Tasks;

namespace Sensors.Tests.Shared.Servers;

/// <summary>
/// A real InfluxDB 1.x server (Debian package influxdb, influxd) on loopback in its own temp folder, no auth,
/// reporting off. HTTP API at <see cref="BaseUri"/> (/ping, /write, /query).
/// </summary>
public sealed class InfluxServer : IAsyncDisposable, IDisposable
{
    /// <summary>Where Debian installs influxd.</summary>
    public const string BinaryPath = "/usr/bin/influxd";

    private readonly TempFolder _folder;
    private readonly string _config;
    private ServerProcess _process;

    private InfluxServer()
    {
        _folder = new TempFolder("influxd");
        HttpPort = ServerProcess.FreePort();
        int rpcPort = ServerProcess.FreePort();
        string dir = _folder.Path;
        string config = Path.Combine(dir, "influxdb.conf");
        _config = config;
        File.WriteAllText(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"
            [meta]
              dir = "{dir}/meta"
            [data]
              dir = "{dir}/data"
              wal-dir = "{dir}/wal"
              query-log-enabled = false
              index-version = "inmem"
            [http]
              enabled = true
              bind-address = "127.0.0.1:{HttpPort}"
              auth-enabled = false
              log-enabled = false
              max-body-size = 0
            [monitor]
              store-enabled = false
            [continuous_queries]
              enabled = false
            """);
        _process = new ServerProcess(BinaryPath, $"-config \"{config}\"", "influxd");
    }

    /// <summary>HTTP port on 127.0.0.1.</summary>
    public int HttpPort { get; }

    /// <summary>Base URI of the HTTP API.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>What influxd printed (for failure messages).</summary>
    public string Log => _process.Output;

    /// <summary>Starts influxd; skips (or fails under CI=true) when it is not installed.</summary>
    public static async Task<InfluxServer> StartAsync()
    {
        ServerProcess.RequireBinary(BinaryPath, "influxdb");
        var server = new InfluxServer();
        await server._process.StartAsync(server.HttpPort, TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Stops influxd: SIGTERM, or SIGKILL as on power loss (its WAL keeps what it acknowledged).</summary>
    public void Stop(bool kill = false) => _process.Stop(kill);

    /// <summary>Starts the stopped influxd again on the same port with the same data folder.</summary>
    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = new ServerProcess(BinaryPath, $"-config \"{_config}\"", "influxd");
        await _process.StartAsync(HttpPort, TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _process.Dispose();
        _folder.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
