using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Band.Host;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// The in-process band (<see cref="VirtualBand"/>: simulated IMUs, the band's own core and frame encoder) behind a
/// <see cref="LinkSimulator"/>. As fast as possible (default) the band is stepped while frames are read and arrival
/// times are simulated (band clock error, delay); in real time the band is paced at its sample rate and frames are
/// stamped with <see cref="IGatewayClock"/>. Commands StartStreaming, StopStreaming and SetMode act on the band; the
/// others are recorded in <see cref="Commands"/> only (the virtual band has no command handler or flash).
/// </summary>
public sealed class VirtualBandTransport : IBandTransport
{
    private readonly VirtualBand _band;
    private readonly LinkSimulator _link;
    private readonly bool _realTime;
    private readonly IGatewayClock _clock;
    private readonly List<ReceivedFrame> _arrived = [];
    private readonly Queue<ReceivedFrame> _ready = new();
    private readonly List<(byte[] Frame, double BandTimeS)> _sent = [];
    private readonly DecodedFrame _command = new();
    private bool _streaming = true;

    /// <param name="deviceId">Band id used in messages (e.g. "virtual-1").</param>
    /// <param name="band">The simulated band (owned by the caller).</param>
    /// <param name="link">Link impairments (null = perfect link).</param>
    /// <param name="realTime">Pace at the band's sample rate and stamp with the real clock.</param>
    /// <param name="clock">Gateway clock for real-time arrival stamps (null = <see cref="StopwatchGatewayClock"/>).</param>
    public VirtualBandTransport(string deviceId, VirtualBand band, LinkSettings? link = null, bool realTime = false, IGatewayClock? clock = null)
    {
        DeviceId = deviceId ?? throw new ArgumentNullException(nameof(deviceId));
        _band = band ?? throw new ArgumentNullException(nameof(band));
        _link = new LinkSimulator(deviceId, link);
        _realTime = realTime;
        _clock = clock ?? new StopwatchGatewayClock();
        Sink = new CallbackFrameSink(f => _sent.Add((f, _band.TimeS)));
    }

    /// <summary>The sink to give the <see cref="VirtualBand"/> constructor (frames go through the link from here).</summary>
    /// <remarks>Create the band with this sink: <c>new VirtualBand(session, transport.Sink)</c>; see <see cref="Create"/>.</remarks>
    public IFrameSink Sink { get; }

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <inheritdoc />
    public int MaxFrameBytes => ProtocolConstants.MaxFrameBytes;

    /// <inheritdoc />
    public bool IsConnected { get; private set; }

    /// <summary>The band (diagnostics, truth, fault injection).</summary>
    public VirtualBand Band => _band;

    /// <summary>The link (its counters are the truth for loss/duplicate/reorder tests).</summary>
    public LinkSimulator Link => _link;

    /// <summary>Every command received, decoded (opcode), in order.</summary>
    public List<CommandOpcode> Commands { get; } = [];

    /// <summary>Creates the band and its transport together (the band needs the transport's sink).</summary>
    public static VirtualBandTransport Create(string deviceId, Sensors.Hardware.Exercises.SessionSimulator session,
        VirtualBandSettings? bandSettings = null, LinkSettings? link = null, bool realTime = false, IGatewayClock? clock = null)
    {
        var holder = new DeferredSink();
        var band = new VirtualBand(session, holder, bandSettings);
        var transport = new VirtualBandTransport(deviceId, band, link, realTime, clock);
        holder.Target = transport.Sink;
        return transport;
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
        using PeriodicTimer? timer = _realTime ? new PeriodicTimer(TimeSpan.FromSeconds(_band.PeriodS)) : null;
        while (IsConnected && !cancellationToken.IsCancellationRequested)
        {
            if (_ready.Count > 0)
            {
                yield return _ready.Dequeue();
                continue;
            }

            if (_band.Finished)
            {
                _link.Flush(_arrived);
                foreach (ReceivedFrame f in _arrived) _ready.Enqueue(f);
                _arrived.Clear();
                if (_ready.Count == 0) yield break;
                continue;
            }

            if (timer is not null)
            {
                try
                {
                    if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) yield break;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }
            else if (_band.Ticks % 100 == 0)
            {
                await Task.Yield();
            }

            _band.Step();
            foreach ((byte[] frame, double bandTimeS) in _sent)
            {
                if (_streaming) _link.Send(frame, bandTimeS, _arrived);
            }
            _sent.Clear();
            foreach (ReceivedFrame f in _arrived) _ready.Enqueue(_realTime ? f with { ArrivalS = _clock.NowS } : f);
            _arrived.Clear();
        }
    }

    /// <inheritdoc />
    public ValueTask SendCommandAsync(ReadOnlyMemory<byte> command, CancellationToken cancellationToken = default)
    {
        if (!IsConnected) throw new BandTransportException($"band {DeviceId}: not connected, command not sent.");
        byte[] bytes = command.ToArray();
        DecodeStatus status = FrameDecoder.TryDecode(bytes, 0, bytes.Length, _command);
        if (status != DecodeStatus.Ok || _command.Type != FrameType.Command)
            throw new BandTransportException($"band {DeviceId}: command not sent, the bytes are not a command frame ({status}).");
        CommandFrame c = _command.Command;
        Commands.Add(c.Opcode);
        switch (c.Opcode)
        {
            case CommandOpcode.StartStreaming: _streaming = true; break;
            case CommandOpcode.StopStreaming: _streaming = false; break;
            case CommandOpcode.SetMode when c.ArgumentLength >= 1:
                _band.Mode = (StreamMode)c.Arguments[0];
                break;
        }
        return ValueTask.CompletedTask;
    }

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
        _band.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class DeferredSink : IFrameSink
    {
        public IFrameSink? Target { get; set; }

        public void Send(ReadOnlySpan<byte> frame) => Target?.Send(frame);
    }
}
