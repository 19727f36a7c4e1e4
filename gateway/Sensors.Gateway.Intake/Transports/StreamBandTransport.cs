using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// A band on a byte stream with <see cref="CobsFraming"/> in both directions: the band's frames come in COBS packets,
/// commands go out the same way. <see cref="SerialBandTransport"/> opens a serial port and uses this on its stream; tests
/// use a pipe as a loopback. Each frame is stamped with <see cref="IGatewayClock"/> when its delimiter is read.
/// </summary>
public class StreamBandTransport : IBandTransport
{
    private readonly IGatewayClock _clock;
    private readonly bool _ownsStreams;
    private readonly CobsFrameReader _reader = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Stream? _input;
    private Stream? _output;

    /// <param name="deviceId">Band id used in messages.</param>
    /// <param name="input">Bytes from the band (null until <see cref="Attach"/>).</param>
    /// <param name="output">Bytes to the band (may be the same stream as <paramref name="input"/>).</param>
    /// <param name="clock">Arrival clock (null = real).</param>
    /// <param name="ownsStreams">Dispose the streams on dispose.</param>
    public StreamBandTransport(string deviceId, Stream? input, Stream? output, IGatewayClock? clock = null, bool ownsStreams = true)
    {
        DeviceId = deviceId ?? throw new ArgumentNullException(nameof(deviceId));
        _input = input;
        _output = output;
        _clock = clock ?? new StopwatchGatewayClock();
        _ownsStreams = ownsStreams;
    }

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <inheritdoc />
    public int MaxFrameBytes => ProtocolConstants.MaxFrameBytes;

    /// <inheritdoc />
    public bool IsConnected { get; private set; }

    /// <summary>The COBS receiver (counts of invalid/oversize packets for diagnostics).</summary>
    public CobsFrameReader Framing => _reader;

    /// <inheritdoc />
    public virtual Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_input is null) throw new BandTransportException($"band {DeviceId}: no input stream.");
        IsConnected = true;
        return Task.CompletedTask;
    }

    /// <summary>Sets the streams (used by subclasses that open them in <see cref="ConnectAsync"/>).</summary>
    protected void Attach(Stream input, Stream output)
    {
        _input = input;
        _output = output;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReceivedFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!IsConnected || _input is null) throw new BandTransportException($"band {DeviceId}: not connected (call ConnectAsync first).");
        var buffer = new byte[256];
        var frames = new List<byte[]>();
        while (IsConnected)
        {
            int n;
            try
            {
                n = await _input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            catch (IOException ex)
            {
                throw new BandTransportException($"band {DeviceId}: read failed ({ex.Message}).", ex);
            }

            if (n == 0) yield break; // end of stream: the port or pipe closed
            double arrival = _clock.NowS;
            _reader.Feed(buffer.AsSpan(0, n), frames);
            foreach (byte[] f in frames) yield return new ReceivedFrame(DeviceId, f, arrival);
            frames.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask SendCommandAsync(ReadOnlyMemory<byte> command, CancellationToken cancellationToken = default)
    {
        if (!IsConnected || _output is null) throw new BandTransportException($"band {DeviceId}: not connected, command not sent.");
        byte[] packet = CobsFraming.Encode(command.Span);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _output.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new BandTransportException($"band {DeviceId}: command write failed ({ex.Message}).", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public virtual Task DisconnectAsync()
    {
        IsConnected = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the streams when owned.</summary>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        IsConnected = false;
        if (_ownsStreams)
        {
            if (_input is not null) await _input.DisposeAsync().ConfigureAwait(false);
            if (_output is not null && !ReferenceEquals(_output, _input)) await _output.DisposeAsync().ConfigureAwait(false);
        }
        _writeLock.Dispose();
    }
}
