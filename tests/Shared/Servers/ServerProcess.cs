using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Sensors.Tests.Shared.Servers;

/// <summary>
/// A real server binary (Debian package) started by a test on loopback in its own temp folder.
/// Missing binary: the test fails under CI=true (tests/run-all.sh installs it) and is skipped elsewhere, naming the package.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly string _binary;
    private readonly string _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>Prepares (does not start) a server process.</summary>
    public ServerProcess(string binary, string arguments, string name)
    {
        _binary = binary;
        _arguments = arguments;
        Name = name;
    }

    /// <summary>Server name for messages.</summary>
    public string Name { get; }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Returns the binary path, or fails/skips the test when the Debian package is not installed.</summary>
    public static string RequireBinary(string path, string debianPackage)
    {
        if (File.Exists(path)) return path;
        string message = $"{path} is missing: install the Debian package '{debianPackage}' (bash tests/run-all.sh does).";
        if (TestPaths.InCi) Assert.Fail(message);
        Assert.Skip(message);
        return path;
    }

    /// <summary>A TCP port that is free on loopback right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process and waits until <paramref name="port"/> accepts connections.</summary>
    public async Task StartAsync(int port, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(_binary, _arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} at start:\n{Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        Stop(kill: true);
        throw new TimeoutException($"{Name} did not accept connections on port {port} within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Stops the process: SIGTERM (graceful: servers save their state) or kill (power loss).</summary>
    public void Stop(bool kill = false)
    {
        Process? p = _process;
        if (p is null) return;
        try
        {
            if (!p.HasExited)
            {
                if (kill) p.Kill(entireProcessTree: true);
                else
                {
                    using (Process.Start(new ProcessStartInfo("kill", $"-TERM {p.Id}") { UseShellExecute = false })) { }
                    if (!p.WaitForExit(10_000)) p.Kill(entireProcessTree: true);
                }
                p.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        p.Dispose();
        _process = null;
        Thread.Sleep(50);
    }

    /// <inheritdoc />
    public void Dispose() => Stop(kill: true);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
