using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Sensors.Gateway.Core.Reps;

namespace Sensors.Benchmarks;

/// <summary>
/// The gateway's repetition core on a 20-minute 100 Hz knee-angle stream (120 000 float32 samples): heel-slide-like reps
/// (0 → 60° and back, 2 s hold, 3 s rests) with 0.3° noise and 8 Hz tremor. Baseline: the scalar reference of the batch
/// path (plain loops, same algorithm). Per-sample figures: read ns/op (OperationsPerInvoke = samples).
/// </summary>
[MemoryDiagnoser]
public class RepCoreBenchmarks
{
    private const int N = 120_000;
    private readonly float[] _knee = new float[N];
    private readonly float[] _hip = new float[N];
    private readonly float[] _knee2 = new float[N];
    private readonly float[] _hip2 = new float[N];
    private readonly List<Rep> _reps = new(1000);
    private RepDetectorSettings _settings = null!;
    private RepAnalyzer _analyzer = null!;
    private RepDetector _detector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        Fill(_knee, _hip, random, 0);
        Fill(_knee2, _hip2, random, 1.3);
        _settings = RepDetectorSettings.FromTargets(0, 60 * Math.PI / 180, 2, 2.5);
        _analyzer = new RepAnalyzer(_settings);
        _detector = new RepDetector(_settings);
    }

    private static void Fill(float[] knee, float[] hip, Random random, double phase)
    {
        const double period = 10.0; // 2.5 s out, 2 s hold, 2.5 s back, 3 s rest
        for (int i = 0; i < N; i++)
        {
            double t = i / 100.0 + phase, c = t % period;
            double p = c < 2.5 ? Smooth(c / 2.5) : c < 4.5 ? 1 : c < 7 ? 1 - Smooth((c - 4.5) / 2.5) : 0;
            double noise = 0.3 * Math.PI / 180 * (random.NextDouble() - 0.5) * 3.4;
            knee[i] = (float)(p * 60 * Math.PI / 180 + noise + 0.3 * Math.PI / 180 * Math.Sin(2 * Math.PI * 8 * t));
            hip[i] = (float)(0.5 * knee[i]);
        }
    }

    private static double Smooth(double x) => x * x * x * (10 - 15 * x + 6 * x * x);

    /// <summary>Scalar reference of the batch path (plain loops).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public int BatchScalarReference()
    {
        _reps.Clear();
        ScalarRepAnalyzer.ApplyTo(_settings, _knee, default, default, _reps);
        return _reps.Count;
    }

    /// <summary>SIMD batch path (TensorPrimitives / Vector&lt;T&gt;).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int BatchSimd()
    {
        _reps.Clear();
        _analyzer.ApplyTo(_knee, default, default, _reps);
        return _reps.Count;
    }

    /// <summary>Streaming detector, one sample at a time (ns per sample, allocation per sample).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int Streaming()
    {
        _detector.Reset();
        int ended = 0;
        float[] x = _knee;
        for (int i = 0; i < x.Length; i++)
            if ((_detector.Process(x[i]) & RepEvents.RepEnded) != 0) ended++;
        return ended;
    }

    /// <summary>A 20-minute two-band session (two legs, knee + hip each) re-analysed end to end by the SIMD batch path (per session).</summary>
    [Benchmark]
    public int Session20MinTwoBands()
    {
        _reps.Clear();
        _analyzer.ApplyTo(_knee, _hip, default, _reps);
        _analyzer.ApplyTo(_knee2, _hip2, default, _reps);
        return _reps.Count;
    }
}
