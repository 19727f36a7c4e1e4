namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Command opcodes (byte 2 of a command frame). Arguments are little-endian; the README lists every layout.
    /// </summary>
    public enum CommandOpcode : byte
    {
        /// <summary>Start streaming in the current mode. No arguments.</summary>
        StartStreaming = 0x01,

        /// <summary>Stop streaming (status frames continue). No arguments.</summary>
        StopStreaming = 0x02,

        /// <summary>Switch mode. Arguments: mode (1 byte, <see cref="StreamMode"/>), raw range (1 byte, <see cref="RawImuRange"/>; used in raw mode).</summary>
        SetMode = 0x03,

        /// <summary>Allow batching. Argument: most records per notification (1 byte, 1 = no batching); the band never exceeds the negotiated MTU.</summary>
        SetBatching = 0x04,

        /// <summary>Blink the LED. Argument: duration in s (1 byte, 0 = stop).</summary>
        Identify = 0x05,

        /// <summary>Battery query. No arguments. Response data: mV (uint16), % (bits 0–6) + charging (bit 7).</summary>
        QueryBattery = 0x06,

        /// <summary>Start writing a calibration record. Arguments: total length (uint16), CRC-32 of the whole record (uint32).</summary>
        CalibrationWriteBegin = 0x10,

        /// <summary>One chunk of the record. Arguments: byte offset (uint16), then 1..n data bytes (13 at a 20-byte MTU).</summary>
        CalibrationWriteChunk = 0x11,

        /// <summary>Verify the reassembled record and store it atomically. No arguments.</summary>
        CalibrationWriteCommit = 0x12,

        /// <summary>Start reading the stored record. No arguments. Response data: length (uint16), CRC-32 (uint32).</summary>
        CalibrationReadBegin = 0x13,

        /// <summary>Read a chunk. Arguments: byte offset (uint16), most bytes wanted (1 byte). Response data: offset (uint16), data.</summary>
        CalibrationReadChunk = 0x14,

        /// <summary>Abandon a calibration write in progress. No arguments.</summary>
        CalibrationAbort = 0x15,
    }
}
