namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Fixed numbers of the band ↔ gateway protocol (see Protocol/README.md). All multi-byte fields are little-endian.
    /// </summary>
    public static class ProtocolConstants
    {
        /// <summary>Protocol version carried in the high nibble of byte 0 of every frame.</summary>
        public const int Version = 1;

        /// <summary>Bytes of the band → gateway header: version/type (1), sequence (2), timestamp (3).</summary>
        public const int HeaderBytes = 6;

        /// <summary>Bytes of the trailing CRC-16/CCITT-FALSE.</summary>
        public const int CrcBytes = 2;

        /// <summary>Header + CRC of a band → gateway frame.</summary>
        public const int OverheadBytes = HeaderBytes + CrcBytes;

        /// <summary>Notification payload at the default ATT MTU of 23 (23 − 3 bytes of ATT header).</summary>
        public const int DefaultMaxFrameBytes = 20;

        /// <summary>Largest frame this protocol defines (the largest attribute value BLE allows).</summary>
        public const int MaxFrameBytes = 512;

        /// <summary>Smallest well-formed frame: a command without arguments (type, id, opcode, CRC).</summary>
        public const int MinFrameBytes = 5;

        /// <summary>Duration of one timestamp tick, µs.</summary>
        public const int TimestampTickUs = 10;

        /// <summary>The band timestamp is 24 bits wide: it wraps every 2^24 ticks = 167.77216 s.</summary>
        public const uint TimestampMask = 0xFFFFFF;

        /// <summary>Payload of an angle frame.</summary>
        public const int AnglePayloadBytes = 9;

        /// <summary>Payload of a raw IMU frame.</summary>
        public const int RawImuPayloadBytes = 12;

        /// <summary>Payload of a status frame.</summary>
        public const int StatusPayloadBytes = 12;

        /// <summary>Whole angle frame (17 bytes).</summary>
        public const int AngleFrameBytes = OverheadBytes + AnglePayloadBytes;

        /// <summary>Whole raw IMU frame (20 bytes).</summary>
        public const int RawImuFrameBytes = OverheadBytes + RawImuPayloadBytes;

        /// <summary>Whole status frame (20 bytes).</summary>
        public const int StatusFrameBytes = OverheadBytes + StatusPayloadBytes;

        /// <summary>Fixed part of a response payload: command id, opcode, result.</summary>
        public const int ResponseFixedBytes = 3;

        /// <summary>Most data bytes a response can carry (at the 512-byte maximum).</summary>
        public const int MaxResponseDataBytes = MaxFrameBytes - OverheadBytes - ResponseFixedBytes;

        /// <summary>Response data bytes that fit the default 20-byte notification (9).</summary>
        public const int DefaultResponseDataBytes = DefaultMaxFrameBytes - OverheadBytes - ResponseFixedBytes;

        /// <summary>Command frame overhead: version/type, command id, opcode, CRC.</summary>
        public const int CommandOverheadBytes = 3 + CrcBytes;

        /// <summary>Most argument bytes a command can carry (at the 512-byte maximum).</summary>
        public const int MaxCommandArgumentBytes = MaxFrameBytes - CommandOverheadBytes;

        /// <summary>Command argument bytes that fit a default 20-byte write (15).</summary>
        public const int DefaultCommandArgumentBytes = DefaultMaxFrameBytes - CommandOverheadBytes;

        /// <summary>Bytes of a batch frame besides its records: header, record count, CRC.</summary>
        public const int BatchOverheadBytes = HeaderBytes + 1 + CrcBytes;

        /// <summary>Bytes in front of each batch record's payload: record type (1) and time delta (2).</summary>
        public const int BatchRecordPrefixBytes = 3;

        /// <summary>Most records one batch can hold (41 angle records in 512 bytes).</summary>
        public const int MaxBatchRecords = (MaxFrameBytes - BatchOverheadBytes) / (BatchRecordPrefixBytes + AnglePayloadBytes);
    }
}
