using System;
using System.IO;
using System.IO.Ports;
using System.Threading;
using System.Threading.Tasks;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// A band on a serial port (the bench: the band's USB-UART), COBS-framed (<see cref="CobsFraming"/>), 921600 baud 8N1
/// by default. The port is opened in <see cref="ConnectAsync"/>; a missing or busy port is a
/// <see cref="BandTransportException"/> naming the port.
/// </summary>
public sealed class SerialBandTransport : StreamBandTransport
{
    /// <summary>Default baud rate (the band's USB-UART).</summary>
    public const int DefaultBaudRate = 921_600;

    private readonly string _portName;
    private readonly int _baudRate;
    private SerialPort? _port;

    public SerialBandTransport(string portName, int baudRate = DefaultBaudRate, string? deviceId = null, IGatewayClock? clock = null)
        : base(deviceId ?? portName, null, null, clock, ownsStreams: false)
    {
        _portName = string.IsNullOrWhiteSpace(portName) ? throw new ArgumentException("serial port name is empty", nameof(portName)) : portName;
        if (baudRate <= 0) throw new ArgumentOutOfRangeException(nameof(baudRate), baudRate, "baud rate must be positive");
        _baudRate = baudRate;
    }

    /// <inheritdoc />
    public override Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        var port = new SerialPort(_portName, _baudRate, Parity.None, 8, StopBits.One) { ReadTimeout = SerialPort.InfiniteTimeout };
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new BandTransportException($"serial port '{_portName}' cannot be opened: {ex.Message}", ex);
        }

        _port = port;
        Attach(port.BaseStream, port.BaseStream);
        return base.ConnectAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task DisconnectAsync()
    {
        _port?.Close();
        return base.DisconnectAsync();
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore().ConfigureAwait(false);
        _port?.Dispose();
        _port = null;
    }
}
