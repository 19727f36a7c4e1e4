using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// Replays frames: from a two-IMU recording run through the band core (<see cref="RecordingFrameSource"/>, sent over a
/// <see cref="LinkSimulator"/>), or from a capture (<see cref="FrameLog"/>, with the captured arrival times). As fast as
/// possible (arrival times as recorded/simulated) or in real time (paced by the recorded times, stamped with the
/// gateway clock). Commands are accepted and ignored (a recording cannot change its mode).
/// </summary>
public sealed class ReplayTransport : IBandTransport
{
    private readonly Func<IEnumerable<ReceivedFrame>> _source;
    private readonly bool _realTime;
    private readonly IGatewayClock _clock;

    private ReplayTransport(string deviceId, Func<IEnumerable<ReceivedFrame>> source, bool realTime, IGatewayClock? clock)
    {
        DeviceId = deviceId;
        _source = source;
        _realTime = realTime;
        _clock = clock ?? new StopwatchGatewayClock();
    }

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <inheritdoc />
    public int MaxFrameBytes => ProtocolConstants.MaxFrameBytes;

    /// <inheritdoc />
    public bool IsConnected { get; private set; }

    /// <summary>The recording source (null for a frame log).</summary>
    public RecordingFrameSource? Recording { get; private init; }

    /// <summary>The simulated link (null for a frame log).</summary>
    public LinkSimulator? Link { get; private init; }

    /// <summary>Replays a two-IMU recording through the band core (angle or raw frames) and a simulated link.</summary>
    public static ReplayTransport FromRecording(string path, string deviceId, ReplayFrameMode mode = ReplayFrameMode.Angles,
        LinkSettings? link = null, bool realTime = false, IGatewayClock? clock = null)
    {
        var source = new RecordingFrameSource(path, mode);
        var simulator = new LinkSimulator(deviceId, link);
        IEnumerable<ReceivedFrame> Frames()
        {
            var arrived = new List<ReceivedFrame>();
            foreach ((byte[] frame, double bandTimeS) in source.Frames())
            {
                simulator.Send(frame, bandTimeS, arrived);
                foreach (ReceivedFrame f in arrived) yield return f;
                arrived.Clear();
            }

            simulator.Flush(arrived);
            foreach (ReceivedFrame f in arrived) yield return f;
        }

        return new ReplayTransport(deviceId, Frames, realTime, clock) { Recording = source, Link = simulator };
    }

    /// <summary>Replays a capture written by <see cref="FrameLog.Create"/>.</summary>
    public static ReplayTransport FromFrameLog(string path, string? deviceId = null, bool realTime = false, IGatewayClock? clock = null)
    {
        string id = deviceId ?? FrameLog.BandIdOf(path) ?? "replay";
        return new ReplayTransport(id, () => FrameLog.Read(path, id), realTime, clock);
    }

    /// <inheritdoc />
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        IsConnected = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReceivedFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!IsConnected) throw new BandTransportException($"band {DeviceId}: not connected (call ConnectAsync first).");
        double firstRecorded = double.NaN, startClock = 0;
        long n = 0;
        foreach (ReceivedFrame f in _source())
        {
            if (!IsConnected || cancellationToken.IsCancellationRequested) yield break;
            if (_realTime)
            {
                if (double.IsNaN(firstRecorded))
                {
                    firstRecorded = f.ArrivalS;
                    startClock = _clock.NowS;
                }

                double waitS = (f.ArrivalS - firstRecorded) - (_clock.NowS - startClock);
                if (waitS > 0.001)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(waitS), cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        yield break;
                    }
                }

                yield return f with { ArrivalS = _clock.NowS };
            }
            else
            {
                if (++n % 1000 == 0) await Task.Yield();
                yield return f;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask SendCommandAsync(ReadOnlyMemory<byte> command, CancellationToken cancellationToken = default) =>
        IsConnected ? ValueTask.CompletedTask : throw new BandTransportException($"band {DeviceId}: not connected, command not sent.");

    /// <inheritdoc />
    public Task DisconnectAsync()
    {
        IsConnected = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        IsConnected = false;
        return ValueTask.CompletedTask;
    }
}
