using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// One link to one band: virtual (in-process simulated band), replay (a recording or a captured frame log), serial (USB,
/// COBS-framed) and later BLE. A transport delivers the band's frames as raw bytes, one protocol frame per
/// <see cref="ReceivedFrame"/> (a BLE notification; batch frames stay whole — the intake unpacks them), each stamped with
/// its arrival time on the gateway clock. It never decodes or drops frames: that is the intake's job.
/// </summary>
public interface IBandTransport : IAsyncDisposable
{
    /// <summary>The band this link talks to (band serial or BLE address), used in every error message.</summary>
    string DeviceId { get; }

    /// <summary>Largest frame the link carries in one datagram (20 at the default BLE MTU; 512 for serial/virtual/replay).</summary>
    int MaxFrameBytes { get; }

    /// <summary>True between a successful <see cref="ConnectAsync"/> and <see cref="DisconnectAsync"/>.</summary>
    bool IsConnected { get; }

    /// <summary>Opens the link (port, file, simulated band). Throws <see cref="BandTransportException"/> naming the device when it cannot.</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>The frames as they arrive, until the link ends (end of file/session, port closed) or the token fires.</summary>
    IAsyncEnumerable<ReceivedFrame> ReadFramesAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes one command frame (already encoded, CRC included) to the band's command channel.</summary>
    ValueTask SendCommandAsync(ReadOnlyMemory<byte> command, CancellationToken cancellationToken = default);

    /// <summary>Closes the link; frames already delivered stay valid.</summary>
    Task DisconnectAsync();
}

/// <summary>One datagram from a band: the frame bytes (owned by the receiver) and when they arrived on the gateway clock.</summary>
/// <param name="DeviceId">The band that sent it.</param>
/// <param name="Bytes">One protocol frame (a BLE notification / COBS packet / log line).</param>
/// <param name="ArrivalS">Arrival time on the gateway's monotonic clock, s.</param>
public readonly record struct ReceivedFrame(string DeviceId, byte[] Bytes, double ArrivalS);

/// <summary>A link that cannot be opened or broke (port missing, file unreadable), naming the device.</summary>
public sealed class BandTransportException : Exception
{
    public BandTransportException() { }

    public BandTransportException(string message) : base(message) { }

    public BandTransportException(string message, Exception innerException) : base(message, innerException) { }
}
