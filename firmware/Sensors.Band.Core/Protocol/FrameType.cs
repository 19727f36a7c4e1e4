namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Frame type: the low nibble of byte 0 (the high nibble is the protocol version).
    /// Raw IMU frames use the eight codes 0x8–0xF: bit 0 is the IMU index, bits 2..1 the <see cref="RawImuRange"/>.
    /// </summary>
    public enum FrameType : byte
    {
        /// <summary>Never sent: an all-zero buffer does not decode.</summary>
        None = 0x0,

        /// <summary>Joint angles (default streaming mode), band → gateway.</summary>
        Angle = 0x1,

        /// <summary>Battery, temperature, error flags, versions, calibration record state, band → gateway.</summary>
        Status = 0x2,

        /// <summary>Container of several angle/raw/status records under one header, band → gateway.</summary>
        Batch = 0x3,

        /// <summary>Answer to a command (ack or nack with a reason), band → gateway.</summary>
        Response = 0x4,

        /// <summary>Command, gateway → band (written to the command characteristic).</summary>
        Command = 0x5,

        /// <summary>Raw IMU counts (bench mode); codes 0x8–0xF, see <see cref="RawImuFrame"/>.</summary>
        RawImu = 0x8,
    }
}
