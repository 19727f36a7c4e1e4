using BenchmarkDotNet.Running;

namespace Sensors.Benchmarks;

/// <summary>
/// Benchmarks of the band core. Run: <c>dotnet run -c Release --project tests/Sensors.Benchmarks -- --filter '*'</c>
/// (add <c>--job short</c> for a quick look). Results: BenchmarkDotNet.Artifacts/results (markdown, JSON).
/// Every benchmark class has a baseline run in the same process; read the Ratio column, not the absolute ns.
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "feedback-latency")
        {
            FeedbackLatency.Run(); // per-sample latency percentiles as JSON (BenchmarkDotNet reports means, not p99)
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
