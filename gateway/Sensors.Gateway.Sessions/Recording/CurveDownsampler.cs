using System;
using System.Collections.Generic;
using System.Globalization;

namespace Sensors.Gateway.Sessions.Recording;

/// <summary>
/// Downsamples the joint angle to the therapist curve rate: bin k is centred at k / rate (s since session start) and
/// covers [(k − ½)/rate, (k + ½)/rate); its value is the mean of the valid samples in it, or null when it holds none.
/// Gaps stay null — nothing is interpolated. Streaming (<see cref="Process"/> + <see cref="Flush"/>) and batch
/// (<see cref="ApplyTo"/>) give identical output.
/// </summary>
public sealed class CurveDownsampler
{
    private readonly List<double?> _output = [];
    private long _bin = -1;
    private double _sum;
    private int _count;
    private double _lastTS = double.NegativeInfinity;
    private long _samples;

    /// <summary>Creates a downsampler to <paramref name="rateHz"/>.</summary>
    public CurveDownsampler(double rateHz)
    {
        if (!(rateHz > 0 && double.IsFinite(rateHz))) throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, "rate must be > 0 Hz");
        RateHz = rateHz;
    }

    /// <summary>Curve rate, Hz.</summary>
    public double RateHz { get; }

    /// <summary>Completed curve samples so far (index k = time k / rate).</summary>
    public IReadOnlyList<double?> Output => _output;

    /// <summary>Valid samples accumulated in the open bin (diagnostics).</summary>
    public int OpenBinCount => _count;

    /// <summary>Adds one band-rate sample; completes the bins before it.</summary>
    /// <exception cref="ArgumentException">Time not finite, negative or going back; a valid angle not finite or beyond ±π rad (degrees?).</exception>
    public void Process(AngleSample sample)
    {
        long index = _samples;
        if (!double.IsFinite(sample.TS) || sample.TS < -0.5 / RateHz)
            throw new ArgumentException($"angle sample {index}: time {Fmt(sample.TS)} s is not a time since session start", nameof(sample));
        if (sample.TS < _lastTS)
            throw new ArgumentException($"angle sample {index}: time {Fmt(sample.TS)} s goes back (previous {Fmt(_lastTS)} s); samples must be in time order", nameof(sample));
        if (sample.Valid && !(double.IsFinite(sample.FlexionRad) && Math.Abs(sample.FlexionRad) <= Math.PI))
            throw new ArgumentException($"angle sample {index} at {Fmt(sample.TS)} s: {Fmt(sample.FlexionRad)} is not a joint angle in rad (±π; degrees?)", nameof(sample));
        _samples++;
        _lastTS = sample.TS;
        long bin = BinOf(sample.TS);
        if (_bin < 0) _bin = 0;
        CloseBinsBefore(bin);
        if (sample.Valid)
        {
            _sum += sample.FlexionRad;
            _count++;
        }
    }

    /// <summary>Completes every bin up to and including the one at <paramref name="endS"/> (the session end).</summary>
    public void Flush(double endS)
    {
        long last = Math.Max(BinOf(Math.Max(endS, 0)), _bin);
        if (_bin < 0) _bin = 0;
        CloseBinsBefore(last + 1);
    }

    /// <summary>Clears all state.</summary>
    public void Reset()
    {
        _output.Clear();
        _bin = -1;
        _sum = 0;
        _count = 0;
        _lastTS = double.NegativeInfinity;
        _samples = 0;
    }

    /// <summary>Batch form: the curve of <paramref name="samples"/> over a session of <paramref name="durationS"/>.</summary>
    public double?[] ApplyTo(IReadOnlyList<AngleSample> samples, double durationS)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Reset();
        for (int i = 0; i < samples.Count; i++) Process(samples[i]);
        Flush(durationS);
        double?[] curve = [.. _output];
        Reset();
        return curve;
    }

    private long BinOf(double ts) => (long)Math.Floor(ts * RateHz + 0.5);

    private void CloseBinsBefore(long bin)
    {
        while (_bin < bin)
        {
            _output.Add(_count > 0 ? _sum / _count : null);
            _sum = 0;
            _count = 0;
            _bin++;
        }
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
