using System;
using BenchmarkDotNet.Attributes;
using Sensors.Band.Fusion;
using Sensors.Band.Joint;
using Sensors.Band.Maths;

namespace Sensors.Benchmarks;

/// <summary>
/// Per-sample cost of the band's fusion and joint-angle core on the host. Baseline: plain strapdown gyro integration of one
/// IMU (quaternion from the rotation vector, multiply, normalise) — the least any orientation estimate must do per sample.
/// The signal is a deterministic two-segment knee swing at 100 Hz with gravity and noise, so the estimators run their normal
/// branches (motion, rest detection, axis refinement), not a degenerate path.
/// </summary>
[MemoryDiagnoser]
public class BandCoreBenchmarks
{
    private const int N = 10_000;
    private const float Dt = 0.01f;
    private readonly float[] _a1 = new float[3 * N], _w1 = new float[3 * N], _a2 = new float[3 * N], _w2 = new float[3 * N];
    private OrientationFilter _filter = null!;
    private JointAngleEstimator _joint = null!;
    private QuaternionF _q = QuaternionF.Identity;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < N; i++)
        {
            double t = i * Dt;
            double knee = 0.8 * (1 - Math.Cos(2 * Math.PI * 0.4 * t));          // 0 … 92° swings, 2.5 s period
            double rate = 0.8 * 2 * Math.PI * 0.4 * Math.Sin(2 * Math.PI * 0.4 * t);
            double thigh = 0.3 * Math.Sin(2 * Math.PI * 0.2 * t);
            double thighRate = 0.3 * 2 * Math.PI * 0.2 * Math.Cos(2 * Math.PI * 0.2 * t);
            Set(_w1, i, 0, (float)thighRate, 0, random);
            Set(_a1, i, (float)(9.81 * Math.Sin(thigh)), 0, (float)(9.81 * Math.Cos(thigh)), random);
            Set(_w2, i, 0, (float)(thighRate + rate), 0, random);
            Set(_a2, i, (float)(9.81 * Math.Sin(thigh + knee)), 0, (float)(9.81 * Math.Cos(thigh + knee)), random);
        }
        _filter = new OrientationFilter();
        _joint = new JointAngleEstimator(new JointAngleSettings());
        // Warm up into steady state (axis identified, filters settled).
        for (int k = 0; k < 3; k++) { Fusion6D(); JointAngle(); }
    }

    private static void Set(float[] a, int i, float x, float y, float z, Random r)
    {
        a[3 * i] = x + (float)(r.NextDouble() - 0.5) * 0.01f;
        a[3 * i + 1] = y + (float)(r.NextDouble() - 0.5) * 0.01f;
        a[3 * i + 2] = z + (float)(r.NextDouble() - 0.5) * 0.01f;
    }

    /// <summary>Reference: strapdown integration of one gyro.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public float GyroIntegration()
    {
        QuaternionF q = _q;
        for (int i = 0; i < N; i++)
        {
            int j = 3 * i;
            q = QuaternionF.Normalize(QuaternionF.Multiply(q, QuaternionF.FromRotationVector(_w1[j] * Dt, _w1[j + 1] * Dt, _w1[j + 2] * Dt)));
        }
        _q = q;
        return q.W;
    }

    /// <summary>One IMU, 6D orientation filter (acc + gyro), per sample.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public float Fusion6D()
    {
        for (int i = 0; i < N; i++)
        {
            int j = 3 * i;
            _filter.Update6D(_w1[j], _w1[j + 1], _w1[j + 2], _a1[j], _a1[j + 1], _a1[j + 2], Dt);
        }
        return _filter.Orientation6D.W;
    }

    /// <summary>Both IMUs: hinge axis refinement + signed knee angle, per sample (what the band runs at 100 Hz).</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public double JointAngle()
    {
        for (int i = 0; i < N; i++)
        {
            int j = 3 * i;
            _joint.Update(Dt, _a1[j], _a1[j + 1], _a1[j + 2], _w1[j], _w1[j + 1], _w1[j + 2],
                              _a2[j], _a2[j + 1], _a2[j + 2], _w2[j], _w2[j + 1], _w2[j + 2]);
        }
        return _joint.FlexionRad;
    }
}
