using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// Batch repetition analysis of a whole session (re-analysis, evaluation): the same algorithm as the streaming
/// <see cref="RepDetector"/>, with the low-pass, velocity, per-block state-machine skipping and per-rep metrics done with
/// SIMD (<see cref="TensorPrimitives"/> / <see cref="Vector{T}"/>). Gives exactly the reps of the streaming detector and of
/// <see cref="ScalarRepAnalyzer"/> on the same samples.
/// </summary>
public sealed class RepAnalyzer
{
    private const int Chunk = 2048;       // FIR work is done chunk by chunk so the taps' passes stay in L1/L2
    private static readonly int Block = 4 * Vector<float>.Count;

    private readonly RepCoreParameters _p;

    public RepAnalyzer(RepDetectorSettings settings) => _p = new RepCoreParameters(settings);

    public RepDetectorSettings Settings => _p.Settings;

    /// <summary>Reps in a whole primary-angle stream (rad), all samples valid; sample k is at startTimeS + k / rate.</summary>
    public IReadOnlyList<Rep> ApplyTo(ReadOnlySpan<float> primaryRad, double startTimeS = 0)
    {
        var reps = new List<Rep>();
        ApplyTo(primaryRad, default, default, reps, startTimeS);
        return reps;
    }

    /// <summary>Reps with an optional secondary angle (empty = none) and validity flags (empty = all valid).</summary>
    public IReadOnlyList<Rep> ApplyTo(ReadOnlySpan<float> primaryRad, ReadOnlySpan<float> secondaryRad, ReadOnlySpan<bool> isValid, double startTimeS = 0)
    {
        var reps = new List<Rep>();
        ApplyTo(primaryRad, secondaryRad, isValid, reps, startTimeS);
        return reps;
    }

    /// <summary>Appends the reps to <paramref name="output"/>. Work buffers come from the shared array pool.</summary>
    public void ApplyTo(ReadOnlySpan<float> primaryRad, ReadOnlySpan<float> secondaryRad, ReadOnlySpan<bool> isValid, List<Rep> output, double startTimeS = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        RepInput.Validate(primaryRad, secondaryRad, isValid, _p.Rate, startTimeS);
        int n = primaryRad.Length;
        if (n == 0) return;
        bool hasSecondary = secondaryRad.Length != 0;
        bool hasGaps = isValid.Length != 0 && MemoryMarshal.Cast<bool, byte>(isValid).Contains((byte)0);
        ReadOnlySpan<bool> valid = hasGaps ? isValid : default;

        ArrayPool<float> pool = ArrayPool<float>.Shared;
        int taps = _p.Kernel.Length;
        float[] yArr = pool.Rent(n), speedArr = pool.Rent(n), uArr = _p.Sign < 0 ? pool.Rent(n) : [];
        float[] ysArr = hasSecondary ? pool.Rent(n) : [];
        float[] padArr = pool.Rent(Math.Min(n, Chunk) + taps - 1);
        try
        {
            Span<float> y = yArr.AsSpan(0, n), speed = speedArr.AsSpan(0, n);
            Span<float> ys = hasSecondary ? ysArr.AsSpan(0, n) : default;
            Span<float> pad = padArr;

            // 1. Low-pass and |velocity| per run of valid samples (restart after a gap; never across it).
            if (!hasGaps)
            {
                Segment(primaryRad, y, speed, pad, computeSpeed: true);
                if (hasSecondary) Segment(secondaryRad, ys, default, pad, computeSpeed: false);
            }
            else
            {
                float yHeld = 0, ysHeld = 0;
                int j = 0;
                while (j < n)
                {
                    if (!valid[j])
                    {
                        y[j] = yHeld;
                        speed[j] = 0;
                        if (hasSecondary) ys[j] = ysHeld;
                        j++;
                        continue;
                    }
                    int end = valid[j..].IndexOf(false);
                    end = end < 0 ? n : j + end;
                    Segment(primaryRad[j..end], y[j..end], speed[j..end], pad, computeSpeed: true);
                    if (hasSecondary) Segment(secondaryRad[j..end], ys[j..end], default, pad, computeSpeed: false);
                    yHeld = y[end - 1];
                    if (hasSecondary) ysHeld = ys[end - 1];
                    j = end;
                }
            }
            Span<float> u = y;
            if (_p.Sign < 0)
            {
                u = uArr.AsSpan(0, n);
                TensorPrimitives.Negate(y, u);
            }

            // 2. State machine with SIMD block skipping; 3. per-rep metrics.
            Scan(u, y, ys, speed, valid, hasSecondary, output, startTimeS);
        }
        finally
        {
            pool.Return(yArr);
            pool.Return(speedArr);
            if (uArr.Length != 0) pool.Return(uArr);
            if (ysArr.Length != 0) pool.Return(ysArr);
            pool.Return(padArr);
        }
    }

    /// <summary>FIR low-pass of one gap-free run (first sample replicated before it) and |(y_j − y_{j−2}) × rate/2|.</summary>
    private void Segment(ReadOnlySpan<float> x, Span<float> y, Span<float> speed, Span<float> pad, bool computeSpeed)
    {
        float[] w = _p.Kernel;
        int taps = w.Length, len = x.Length;
        for (int c = 0; c < len; c += Chunk)
        {
            int m = Math.Min(Chunk, len - c);
            // pad[i] = x[c − (taps − 1) + i], indices before the run replaced by x[0].
            Span<float> p = pad[..(m + taps - 1)];
            int before = Math.Max(0, taps - 1 - c);
            p[..before].Fill(x[0]);
            x.Slice(c - (taps - 1) + before, m + taps - 1 - before).CopyTo(p[before..]);
            Span<float> dst = y.Slice(c, m);
            TensorPrimitives.Multiply(p.Slice(taps - 1, m), w[0], dst);
            for (int k = 1; k < taps; k++) TensorPrimitives.FusedMultiplyAdd(p.Slice(taps - 1 - k, m), w[k], dst, dst);
        }
        if (!computeSpeed) return;
        speed[0] = MathF.Abs((y[0] - y[0]) * _p.VelocityScale);
        if (len > 1) speed[1] = MathF.Abs((y[1] - y[0]) * _p.VelocityScale);
        if (len > 2)
        {
            Span<float> s = speed[2..];
            TensorPrimitives.Subtract(y[2..], y[..^2], s);
            TensorPrimitives.Multiply(s, _p.VelocityScale, s);
            TensorPrimitives.Abs(s, s);
        }
    }

    private void Scan(ReadOnlySpan<float> u, ReadOnlySpan<float> y, ReadOnlySpan<float> ys, ReadOnlySpan<float> speed, ReadOnlySpan<bool> valid,
        bool hasSecondary, List<Rep> output, double startTimeS)
    {
        RepCoreParameters p = _p;
        int n = u.Length;
        RepMachine machine = RepMachine.Create();
        int run = 0;
        int index = 0;
        int j = 0;
        int block = Block;
        var stillRate = new Vector<float>(p.StillRate);
        while (j < n)
        {
            if (j + block <= n && (valid.Length == 0 || !valid.Slice(j, block).Contains(false)))
            {
                ReadOnlySpan<float> ub = u.Slice(j, block), sb = speed.Slice(j, block);
                if (machine.State == RepDetectorState.InRep)
                {
                    if (j + block - 1 - machine.RepStart <= p.MaxRepSamples)
                    {
                        float minU = TensorPrimitives.Min(ub);
                        float minE = minU - machine.RepBase;
                        if (minE > p.OnsetLevel && (p.IsCycle || (minE >= p.EnterLevel && (minE >= p.HalfLevel || run + block < p.StuckSamples)))
                            && (!p.PlateauRestart || PlateauQuiet(ref machine, ub, minU, run, block, p, j)))
                        {
                            int after = RunAfter(sb, stillRate, run);
                            if (after > 0 && (run == 0 || after != run + block)) machine.RunStart = ub[block - after];
                            if (after != run + block) machine.RunSettled = false;
                            run = after;
                            j += block;
                            continue;
                        }
                    }
                }
                else if (p.IsCycle)
                {
                    if (machine.State == RepDetectorState.Rest)
                    {
                        float low = MathF.Min(machine.Baseline, TensorPrimitives.Min(ub));
                        if (TensorPrimitives.Max(ub) - low <= p.OnsetLevel)
                        {
                            machine.Baseline = low;
                            machine.LastLow = j + block - 1;
                            j += block;
                            continue;
                        }
                    }
                }
                else if (AllBelow(sb, stillRate))
                {
                    float minU = TensorPrimitives.Min(ub), maxU = TensorPrimitives.Max(ub);
                    bool sustainedInBlock = run + block >= p.StillSamples;
                    float runStart = run == 0 ? ub[0] : machine.RunStart;
                    if (machine.State == RepDetectorState.LearningBaseline)
                    {
                        if (maxU - minU <= p.OnsetLevel)
                        {
                            if (run == 0) machine.Anchor = machine.Baseline;
                            machine.RunStart = runStart;
                            if (sustainedInBlock)
                            {
                                machine.Anchor = ub[Math.Max(0, p.StillSamples - run - 1)];
                                machine.Baseline = ub[^1];
                                machine.State = RepDetectorState.Rest;
                                machine.LastLow = j + block - 1;
                            }
                            run += block;
                            j += block;
                            continue;
                        }
                    }
                    else
                    {
                        float anchor = run == 0 ? machine.Baseline : machine.Anchor;
                        float low = MathF.Min(MathF.Min(machine.Baseline, minU), anchor);
                        float high = MathF.Max(MathF.Max(machine.Baseline, maxU), anchor);
                        if (maxU - low <= p.OnsetLevel && minU - high >= -p.OnsetLevel)
                        {
                            if (run == 0) machine.Anchor = machine.Baseline;
                            machine.RunStart = runStart;
                            if (sustainedInBlock) machine.Baseline = ub[^1];
                            machine.LastLow = j + block - 1;
                            run += block;
                            j += block;
                            continue;
                        }
                    }
                }
            }

            // Fallback: the shared per-sample state machine for this block (or the tail).
            int stop = Math.Min(n, j + block);
            for (; j < stop; j++)
            {
                if (valid.Length != 0 && !valid[j]) { run = 0; continue; }
                run = speed[j] < p.StillRate ? run + 1 : 0;
                StepResult step = machine.Step(p, j, u[j], run);
                if ((step & StepResult.Ended) == 0) continue;
                RepSpanMetrics m = Measure(machine.EndStart, machine.EndAt, machine.EndBase, u, y, ys, speed, valid, hasSecondary);
                if (m.TryBuild(p, index, startTimeS, out Rep rep)) { output.Add(rep); index++; }
            }
        }
    }

    /// <summary>
    /// In a rep with the plateau restart on: true when the block cannot set or use a plateau (no settling can complete in
    /// it, no sample reaches the restart level above the plateau); then updates the rep's peak and the last sample at the
    /// plateau as the per-sample machine would. False (nothing changed) = run the block through the machine.
    /// </summary>
    private static bool PlateauQuiet(ref RepMachine machine, ReadOnlySpan<float> ub, float minU, int run, int block, RepCoreParameters p, int j)
    {
        if (!machine.RunSettled && (run + block >= p.ShiftSamples || block >= p.ShiftSamples)) return false;
        float maxU = TensorPrimitives.Max(ub);
        if (machine.HasPlateau)
        {
            if (maxU - machine.Plateau >= p.PlateauRestartLevel) return false;
            if (minU - machine.Plateau <= p.OnsetLevel)
            {
                for (int i = ub.Length - 1; i >= 0; i--)
                {
                    if (ub[i] - machine.Plateau <= p.OnsetLevel) { machine.PlateauLow = j + i; break; }
                }
            }
        }
        if (maxU > machine.RepPeak) machine.RepPeak = maxU;
        return true;
    }

    private static bool AllBelow(ReadOnlySpan<float> s, Vector<float> limit)
    {
        ReadOnlySpan<Vector<float>> v = MemoryMarshal.Cast<float, Vector<float>>(s);
        Vector<int> ok = Vector<int>.AllBitsSet;
        foreach (Vector<float> x in v) ok &= Vector.LessThan(x, limit);
        return Vector.EqualsAll(ok, Vector<int>.AllBitsSet);
    }

    /// <summary>The still-run length after a block: previous run + block when all samples are still, else the samples after the last moving one.</summary>
    private static int RunAfter(ReadOnlySpan<float> s, Vector<float> limit, int run)
    {
        if (AllBelow(s, limit)) return run + s.Length;
        int r = 0;
        for (int i = s.Length - 1; i >= 0 && s[i] < limit[0]; i--) r++;
        return r;
    }

    private RepSpanMetrics Measure(long startL, long endL, float repBase, ReadOnlySpan<float> u, ReadOnlySpan<float> y, ReadOnlySpan<float> ys,
        ReadOnlySpan<float> speed, ReadOnlySpan<bool> valid, bool hasSecondary)
    {
        RepCoreParameters p = _p;
        int s = (int)startL, e = (int)endL, len = e - s + 1;
        if (valid.Length != 0 && valid.Slice(s, len).Contains(false))
            return ScalarRepAnalyzer.Measure(p, startL, endL, repBase, y, ys, speed, valid, hasSecondary);

        ReadOnlySpan<float> us = u.Slice(s, len), yspan = y.Slice(s, len), sp = speed.Slice(s, len);
        int peak = TensorPrimitives.IndexOfMax(us);
        var m = new RepSpanMetrics
        {
            Start = s,
            End = e,
            Base = repBase,
            PeakIndex = s + peak,
            PeakU = us[peak],
            MaxAngle = TensorPrimitives.Max(yspan),
            MinAngle = TensorPrimitives.Min(yspan),
            MaxSpeed = TensorPrimitives.Max(sp),
            HoldSamples = CountHold(us, sp, p.StillRate, repBase, p.EnterLevel),
            VelocityPeaks = CountVelocityPeaks(speed, s, e, p.StillRate),
            HasSecondary = hasSecondary,
        };
        if (hasSecondary)
        {
            m.SecondaryMax = TensorPrimitives.Max(ys.Slice(s, len));
            m.SecondaryMin = TensorPrimitives.Min(ys.Slice(s, len));
        }
        return m;
    }

    /// <summary>Samples with speed &lt; still rate and u − base ≥ enter.</summary>
    private static long CountHold(ReadOnlySpan<float> u, ReadOnlySpan<float> speed, float stillRate, float repBase, float enter)
    {
        int w = Vector<float>.Count, i = 0;
        long count = 0;
        var vs = new Vector<float>(stillRate);
        var vb = new Vector<float>(repBase);
        var ve = new Vector<float>(enter);
        Vector<int> acc = Vector<int>.Zero;
        for (; i + w <= u.Length; i += w)
        {
            Vector<int> mask = Vector.LessThan(new Vector<float>(speed[i..]), vs) & Vector.GreaterThanOrEqual(new Vector<float>(u[i..]) - vb, ve);
            acc -= mask; // true lanes are −1
        }
        count += Vector.Sum(acc);
        for (; i < u.Length; i++) if (speed[i] < stillRate && u[i] - repBase >= enter) count++;
        return count;
    }

    /// <summary>Local maxima of |velocity| ≥ still rate at i − 1 for i in (s, e]: s1 ≥ still, s1 &gt; s2, s1 ≥ s0.</summary>
    private static int CountVelocityPeaks(ReadOnlySpan<float> speed, int s, int e, float stillRate)
    {
        int count = 0;
        int i = s + 1;
        for (; i <= e && i < 2; i++)
        {
            float s1 = speed[i - 1], s2 = i >= 2 ? speed[i - 2] : 0f;
            if (s1 >= stillRate && s1 > s2 && s1 >= speed[i]) count++;
        }
        int w = Vector<float>.Count;
        var vs = new Vector<float>(stillRate);
        Vector<int> acc = Vector<int>.Zero;
        for (; i + w - 1 <= e; i += w)
        {
            var s0 = new Vector<float>(speed[i..]);
            var s1 = new Vector<float>(speed[(i - 1)..]);
            var s2 = new Vector<float>(speed[(i - 2)..]);
            acc -= Vector.GreaterThanOrEqual(s1, vs) & Vector.GreaterThan(s1, s2) & Vector.GreaterThanOrEqual(s1, s0);
        }
        count += Vector.Sum(acc);
        for (; i <= e; i++)
        {
            float s1 = speed[i - 1], s2 = speed[i - 2];
            if (s1 >= stillRate && s1 > s2 && s1 >= speed[i]) count++;
        }
        return count;
    }
}
