namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Outcome of <see cref="FrameDecoder.TryDecode"/>. The checks run in the order of the values below,
    /// so the first failing check names the status.
    /// </summary>
    public enum DecodeStatus : byte
    {
        /// <summary>The frame is valid; the result object holds its content.</summary>
        Ok = 0,

        /// <summary>Null buffer, negative offset/count, or offset + count outside the buffer.</summary>
        BadArguments = 1,

        /// <summary>Fewer bytes than the smallest frame (5), or than the frame type needs.</summary>
        TooShort = 2,

        /// <summary>More than <see cref="ProtocolConstants.MaxFrameBytes"/>, or more bytes than the frame type has.</summary>
        BadLength = 3,

        /// <summary>The CRC-16 over all bytes but the last two does not match the last two (corruption).</summary>
        BadCrc = 4,

        /// <summary>The CRC matches but the version nibble is not <see cref="ProtocolConstants.Version"/> (newer/older firmware).</summary>
        BadVersion = 5,

        /// <summary>The CRC matches but the type nibble names no frame type of this version.</summary>
        UnknownType = 6,

        /// <summary>A batch whose record count is 0, too large, disagrees with its length, or holds a record type not allowed in a batch.</summary>
        BadBatch = 7,
    }
}
