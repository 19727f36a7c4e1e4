using System;
using System.Device.I2c;
using System.IO;
using Sensors.Band.Imu;

namespace Sensors.Band.Host;

/// <summary>
/// Host adapter: a .NET IoT <see cref="I2cDevice"/> (real bus or <c>SimulatedMpu6500</c>) as the core's
/// <see cref="II2cRegisterBus"/>. A NACK or bus error (<see cref="IOException"/>) becomes <c>false</c>; no allocation.
/// </summary>
public sealed class I2cDeviceRegisterBus : II2cRegisterBus
{
    private readonly I2cDevice _device;

    public I2cDeviceRegisterBus(I2cDevice device)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
    }

    /// <inheritdoc />
    public int Address => _device.ConnectionSettings.DeviceAddress;

    /// <summary>Transfers attempted (diagnostics and tests).</summary>
    public int Transfers { get; private set; }

    /// <summary>Transfers that failed with an <see cref="IOException"/>.</summary>
    public int FailedTransfers { get; private set; }

    /// <inheritdoc />
    public bool TryWriteRead(byte[] write, int writeCount, byte[] read, int readCount)
    {
        Transfers++;
        try
        {
            _device.WriteRead(write.AsSpan(0, writeCount), read.AsSpan(0, readCount));
            return true;
        }
        catch (IOException)
        {
            FailedTransfers++;
            return false;
        }
    }

    /// <inheritdoc />
    public bool TryWrite(byte[] data, int count)
    {
        Transfers++;
        try
        {
            _device.Write(data.AsSpan(0, count));
            return true;
        }
        catch (IOException)
        {
            FailedTransfers++;
            return false;
        }
    }
}
