using System;
using System.Collections.Generic;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// A simulated link between a band and the gateway (<see cref="LinkSettings"/>): turns frames sent at band time t into
/// <see cref="ReceivedFrame"/>s at gateway time t/(1+ppm) + offset + delay, losing, duplicating and reordering some.
/// Delivery is in order of arrival (like BLE: a late frame delays the ones behind it). Deterministic for a seed; the
/// counters are the truth the intake's detection is tested against.
/// </summary>
public sealed class LinkSimulator
{
    private readonly LinkSettings _settings;
    private readonly Random _random;
    private readonly string _deviceId;
    private ReceivedFrame? _held;
    private double _lastArrivalS = double.NegativeInfinity;

    public LinkSimulator(string deviceId, LinkSettings? settings = null)
    {
        _deviceId = deviceId ?? throw new ArgumentNullException(nameof(deviceId));
        _settings = settings ?? new LinkSettings();
        _random = new Random(_settings.Seed);
    }

    /// <summary>The link's configuration.</summary>
    public LinkSettings Settings => _settings;

    /// <summary>Frames handed to the link.</summary>
    public long Sent { get; private set; }

    /// <summary>Frames the link lost.</summary>
    public long Lost { get; private set; }

    /// <summary>Extra copies delivered.</summary>
    public long Duplicated { get; private set; }

    /// <summary>Frames delivered after their successor.</summary>
    public long Reordered { get; private set; }

    /// <summary>Sequence numbers of the lost frames (band → gateway frames; test truth).</summary>
    public List<ushort> LostSequences { get; } = [];

    /// <summary>Gateway time at which a frame stamped <paramref name="bandTimeS"/> leaves the band (before the radio delay).</summary>
    public double GatewayTimeOf(double bandTimeS) => bandTimeS / (1.0 + _settings.BandClockPpm * 1e-6) + _settings.ClockOffsetS;

    /// <summary>Sends one frame at band time <paramref name="bandTimeS"/>; what arrives goes to <paramref name="output"/>.</summary>
    public void Send(ReadOnlySpan<byte> frame, double bandTimeS, List<ReceivedFrame> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Sent++;
        if (_settings.LossProbability > 0 && _random.NextDouble() < _settings.LossProbability)
        {
            Lost++;
            if (frame.Length >= ProtocolConstants.HeaderBytes) LostSequences.Add((ushort)(frame[1] | (frame[2] << 8)));
            return;
        }

        double delay = _settings.BaseDelayS;
        if (_settings.JitterMeanS > 0) delay += -_settings.JitterMeanS * Math.Log(1.0 - _random.NextDouble());
        double arrival = Math.Max(_lastArrivalS, GatewayTimeOf(bandTimeS) + delay);
        var received = new ReceivedFrame(_deviceId, frame.ToArray(), arrival);

        if (_held is null && _settings.ReorderProbability > 0 && _random.NextDouble() < _settings.ReorderProbability)
        {
            _held = received; // delivered right after the next frame
            return;
        }

        Deliver(received, output);
        if (_held is { } held)
        {
            _held = null;
            Reordered++;
            Deliver(held with { ArrivalS = _lastArrivalS }, output);
        }
    }

    /// <summary>Delivers a frame still held back for reordering (end of stream).</summary>
    public void Flush(List<ReceivedFrame> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_held is { } held)
        {
            _held = null;
            Deliver(held, output);
        }
    }

    private void Deliver(ReceivedFrame frame, List<ReceivedFrame> output)
    {
        _lastArrivalS = Math.Max(_lastArrivalS, frame.ArrivalS);
        output.Add(frame);
        if (_settings.DuplicateProbability > 0 && _random.NextDouble() < _settings.DuplicateProbability)
        {
            Duplicated++;
            output.Add(frame);
        }
    }
}
