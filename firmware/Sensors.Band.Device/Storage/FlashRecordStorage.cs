using System.IO;
using Sensors.Band.Calibration;

namespace Sensors.Band.Device.Storage
{
    /// <summary>
    /// <see cref="IRecordStorage"/> on the ESP32's internal flash drive "I:" (nanoFramework System.IO.FileSystem; the
    /// partition is formatted by the firmware on first boot). Delegates the file work to the core's
    /// <see cref="FileRecordStorage"/> (the very code the host tests run against a temp directory with fault injection) and
    /// adds the device concern: the drive may be missing (firmware without a file-system partition, or a flash fault),
    /// which must surface as <see cref="IOException"/> so <see cref="CalibrationStore"/> falls back to identity and reports
    /// the record state instead of crashing the band.
    /// </summary>
    public sealed class FlashRecordStorage : IRecordStorage
    {
        /// <summary>Root of the internal flash drive.</summary>
        public const string Drive = "I:\\";

        private readonly FileRecordStorage _files = new FileRecordStorage(Drive);

        /// <summary>True when the I: drive is mounted.</summary>
        public static bool DriveAvailable()
        {
            try
            {
                return Directory.Exists(Drive);
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public bool Exists(string name)
        {
            RequireDrive();
            return _files.Exists(name);
        }

        /// <inheritdoc />
        public int Read(string name, byte[] buffer, int offset, int count)
        {
            RequireDrive();
            return _files.Read(name, buffer, offset, count);
        }

        /// <inheritdoc />
        public void Write(string name, byte[] buffer, int offset, int count)
        {
            RequireDrive();
            _files.Write(name, buffer, offset, count);
        }

        /// <inheritdoc />
        public void Rename(string from, string to)
        {
            RequireDrive();
            _files.Rename(from, to);
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            RequireDrive();
            _files.Delete(name);
        }

        private static void RequireDrive()
        {
            if (!DriveAvailable())
            {
                throw new IOException("internal flash drive I: not mounted");
            }
        }
    }
}
