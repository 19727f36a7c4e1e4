using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Messaging.Tests.Outbox;

/// <summary>Power loss stand-in: a separate writer process (tests/Sensors.OutboxWriter) killed with SIGKILL mid-write.</summary>
public sealed class OutboxKillTests : IDisposable
{
    private readonly TempFolder _folder = new("outbox-kill");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Sessions_committed_before_a_kill_are_whole_and_no_session_is_half_written()
    {
        string db = _folder.File("outbox.db");
        string writer = Path.Combine(AppContext.BaseDirectory, "Sensors.OutboxWriter.dll");
        Assert.True(File.Exists(writer), $"{writer} missing (the test project references tests/Sensors.OutboxWriter)");
        var rng = new Random(7);
        var committed = new List<string>();
        int kills = 0;
        for (int run = 0; run < 6; run++)
        {
            var info = new ProcessStartInfo("dotnet", $"\"{writer}\" --db \"{db}\" --prefix r{run}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using Process p = Process.Start(info)!;
            var lines = new List<string>();
            p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
            p.BeginOutputReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline && !p.HasExited) { lock (lines) if (lines.Count > 0) break; Thread.Sleep(10); }
            Thread.Sleep(rng.Next(50, 400)); // land somewhere inside a later session's transaction
            if (p.HasExited) Assert.Fail($"writer exited early: {p.StandardError.ReadToEnd()}");
            p.Kill(entireProcessTree: true); // SIGKILL
            p.WaitForExit();
            kills++;
            lock (lines) committed.AddRange(lines.Where(l => l.StartsWith("committed ", StringComparison.Ordinal)).Select(l => l[10..]));

            using SessionOutbox outbox = SessionOutbox.Open(new OutboxSettings { DatabasePath = db, QuotaBytes = 1L << 40, MinFreeDiskBytes = 0 });
            Assert.Equal("ok", outbox.IntegrityCheck());
            Assert.Empty(outbox.VerifySessions());
            IReadOnlyList<string> held = outbox.GetSessionIds();
            Assert.Empty(committed.Except(held));
            // at most the one session the kill interrupted after its commit but before the line was printed
            Assert.InRange(held.Count - committed.Count, 0, run + 1);
        }
        Assert.Equal(6, kills);
        Assert.True(committed.Count >= 6, $"only {committed.Count} sessions committed");
    }
}
