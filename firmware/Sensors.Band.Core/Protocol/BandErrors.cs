using System;

namespace Sensors.Band.Protocol
{
    /// <summary>Error flags of the status frame (uint16, bytes 5–6 of the payload). Set while the condition lasts.</summary>
    [Flags]
    public enum BandErrors : ushort
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>Bit 0: the thigh IMU does not answer on I2C.</summary>
        ThighImuNotResponding = 0x0001,

        /// <summary>Bit 1: the shank IMU does not answer on I2C.</summary>
        ShankImuNotResponding = 0x0002,

        /// <summary>Bit 2: the calibration record is missing or invalid (details in the calibration byte).</summary>
        CalibrationRecordProblem = 0x0004,

        /// <summary>Bit 3: the last flash write failed.</summary>
        StorageWriteFailed = 0x0008,

        /// <summary>Bit 4: battery low (below the band's shutdown warning level).</summary>
        BatteryLow = 0x0010,

        /// <summary>Bit 5: temperature outside the operating range.</summary>
        OverTemperature = 0x0020,

        /// <summary>Bit 6: frames were dropped because the BLE transmit queue was full.</summary>
        FramesDropped = 0x0040,

        /// <summary>Bit 7: an IMU saturated since the last status frame.</summary>
        ImuSaturated = 0x0080,

        /// <summary>Bit 8: the last reset was a brown-out or watchdog reset.</summary>
        AbnormalReset = 0x0100,
    }
}
