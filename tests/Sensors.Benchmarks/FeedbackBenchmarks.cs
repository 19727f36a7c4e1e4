using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Sensors.Gateway.Exercises.Feedback;
using Sensors.Gateway.Exercises.Programs;

namespace Sensors.Benchmarks;

/// <summary>
/// Latency from a sample's arrival to its feedback events: one <see cref="FeedbackEngine.Process"/> call per operation on a
/// heel-slide stream (reps with holds, so rep/target/hold events fire). Target p99 &lt; 10 ms; the P95/P100 columns bound it
/// (BenchmarkDotNet has no P99 column; P100 is the worst iteration mean). Baseline: the sample loop without the engine.
/// Run: <c>dotnet run -c Release --project tests/Sensors.Benchmarks -- --filter '*Feedback*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class FeedbackBenchmarks
{
    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P95, StatisticColumn.P100);
    }

    private readonly List<FeedbackEvent> _events = new(64);
    private float[] _angles = [];
    private FeedbackEngine _engine = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        var a = new List<float>();
        for (int r = 0; r < 1000; r++)
            for (int k = 0; k < 1000; k++)
                a.Add((float)((5 + 35 * 0.5 * (1 - Math.Cos(2 * Math.PI * k / 1000.0))) * Math.PI / 180));
        _angles = [.. a];
        _engine = new FeedbackEngine(new CitizenProgram("bench", 1, [new ProgramEntry("heel_slide", "easy", 20, 100, 7)]));
    }

    [Benchmark(Baseline = true)]
    public float Loop()
    {
        float a = _angles[_i];
        _i = (_i + 1) % _angles.Length;
        return a;
    }

    [Benchmark]
    public int ProcessOneSample()
    {
        _engine.Process(_angles[_i], true, _events);
        _i = (_i + 1) % _angles.Length;
        int n = _events.Count;
        _events.Clear();
        return n;
    }
}
