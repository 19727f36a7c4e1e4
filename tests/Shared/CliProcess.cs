using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Sensors.Tests.Shared;

/// <summary>Runs the <c>sensors</c> command line as a user does: a real process, its exit code and both output streams.</summary>
public static class CliProcess
{
    /// <summary>Runs <c>dotnet sensors.dll args…</c> from the test's output folder; fails the test after 120 s.</summary>
    public static (int ExitCode, string Out, string Err) Run(params string[] args) => Run(null, args);

    /// <summary>Same, with environment variables set (value null = removed) for the child process only.</summary>
    public static (int ExitCode, string Out, string Err) Run(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (environment is not null)
            foreach (KeyValuePair<string, string?> kv in environment) start.Environment[kv.Key] = kv.Value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sensors.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        // Read both streams at once: a full stderr pipe must not block a process we are still reading stdout from.
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        bool exited = p.WaitForExit(120_000);
        if (!exited) p.Kill(entireProcessTree: true);
        Assert.True(exited, "the CLI did not finish within 120 s");
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
