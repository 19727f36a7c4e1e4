namespace Sensors.Band.Imu
{
    /// <summary>The driver's last error (<see cref="Mpu6500Driver.LastError"/>).</summary>
    public enum Mpu6500Error : byte
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>A transfer failed (NACK or bus error) on every attempt (1 + retries).</summary>
        NotAnswering = 1,

        /// <summary>WHO_AM_I answered an id that is neither an MPU-6500 (0x70) nor an accepted MPU-6050 (0x68).</summary>
        WrongDevice = 2,

        /// <summary>A configuration register read back differently from what was written.</summary>
        ConfigurationMismatch = 3,

        /// <summary>A sample was requested before a successful <see cref="Mpu6500Driver.Initialize"/>.</summary>
        NotInitialized = 4,

        /// <summary>The settings cannot be applied (e.g. a sample rate outside 4…1000 Hz).</summary>
        InvalidSettings = 5,
    }
}
