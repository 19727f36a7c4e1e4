using System;
using System.Device.I2c;
using Sensors.Band.Imu;

namespace Sensors.Band.Device.Hardware
{
    /// <summary>
    /// <see cref="II2cRegisterBus"/> on nanoFramework's <see cref="I2cDevice"/>: one instance per IMU address.
    /// Only <see cref="I2cTransferStatus.FullTransfer"/> counts as success (a NACK, bus error or partial transfer is false),
    /// so an unplugged shank cable shows up as a failed read in the driver, never as an exception in the sample loop.
    /// No allocation per call: the SpanByte views wrap the caller's arrays.
    /// </summary>
    public sealed class NanoI2cBus : II2cRegisterBus, IDisposable
    {
        private readonly I2cDevice _device;

        /// <summary>Opens <paramref name="address"/> on I2C bus <paramref name="busId"/> (pins must be assigned first).</summary>
        public NanoI2cBus(int busId, int address, I2cBusSpeed speed)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(busId, address, speed));
            Address = address;
        }

        /// <inheritdoc />
        public int Address { get; private set; }

        /// <summary>Transfers that did not complete since start (diagnostics).</summary>
        public int FailedTransfers { get; private set; }

        /// <inheritdoc />
        public bool TryWriteRead(byte[] write, int writeCount, byte[] read, int readCount)
        {
            try
            {
                I2cTransferResult result = _device.WriteRead(new SpanByte(write, 0, writeCount), new SpanByte(read, 0, readCount));
                return Check(result);
            }
            catch (Exception)
            {
                // The native driver throws on a bus it cannot drive (e.g. SDA held low); treat it as a failed transfer.
                FailedTransfers++;
                return false;
            }
        }

        /// <inheritdoc />
        public bool TryWrite(byte[] data, int count)
        {
            try
            {
                I2cTransferResult result = _device.Write(new SpanByte(data, 0, count));
                return Check(result);
            }
            catch (Exception)
            {
                FailedTransfers++;
                return false;
            }
        }

        /// <summary>Releases the I2C device.</summary>
        public void Dispose()
        {
            _device.Dispose();
        }

        private bool Check(I2cTransferResult result)
        {
            if (result.Status == I2cTransferStatus.FullTransfer)
            {
                return true;
            }

            FailedTransfers++;
            return false;
        }
    }
}
