using System;

namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Writes frames into a caller-owned buffer (no allocation). Each method returns the frame length.
    /// A buffer too small for the frame is a programming error and throws <see cref="ArgumentException"/>.
    /// </summary>
    public static class FrameEncoder
    {
        /// <summary>Encodes an angle frame (17 bytes).</summary>
        public static int EncodeAngle(AngleFrame frame, byte[] buffer, int offset)
        {
            int length = ProtocolConstants.AngleFrameBytes;
            Require(buffer, offset, length);
            WriteHeader(buffer, offset, (int)FrameType.Angle, frame.Sequence, frame.TimestampTicks);
            frame.WritePayload(buffer, offset + ProtocolConstants.HeaderBytes);
            WriteCrc(buffer, offset, length);
            return length;
        }

        /// <summary>Encodes a raw IMU frame (20 bytes).</summary>
        public static int EncodeRawImu(RawImuFrame frame, byte[] buffer, int offset)
        {
            int length = ProtocolConstants.RawImuFrameBytes;
            Require(buffer, offset, length);
            WriteHeader(buffer, offset, frame.TypeCode, frame.Sequence, frame.TimestampTicks);
            frame.WritePayload(buffer, offset + ProtocolConstants.HeaderBytes);
            WriteCrc(buffer, offset, length);
            return length;
        }

        /// <summary>Encodes a status frame (20 bytes).</summary>
        public static int EncodeStatus(StatusFrame frame, byte[] buffer, int offset)
        {
            int length = ProtocolConstants.StatusFrameBytes;
            Require(buffer, offset, length);
            WriteHeader(buffer, offset, (int)FrameType.Status, frame.Sequence, frame.TimestampTicks);
            frame.WritePayload(buffer, offset + ProtocolConstants.HeaderBytes);
            WriteCrc(buffer, offset, length);
            return length;
        }

        /// <summary>Encodes a response (11 + data bytes; at most 20 with 9 data bytes).</summary>
        public static int EncodeResponse(ResponseFrame frame, byte[] buffer, int offset)
        {
            int length = ProtocolConstants.OverheadBytes + ProtocolConstants.ResponseFixedBytes + frame.DataLength;
            Require(buffer, offset, length);
            WriteHeader(buffer, offset, (int)FrameType.Response, frame.Sequence, frame.TimestampTicks);
            int p = offset + ProtocolConstants.HeaderBytes;
            buffer[p] = frame.CommandId;
            buffer[p + 1] = (byte)frame.Opcode;
            buffer[p + 2] = (byte)frame.Result;
            Array.Copy(frame.Data, 0, buffer, p + 3, frame.DataLength);
            WriteCrc(buffer, offset, length);
            return length;
        }

        /// <summary>Encodes a command (5 + argument bytes; at most 20 with 15 argument bytes).</summary>
        public static int EncodeCommand(CommandFrame frame, byte[] buffer, int offset)
        {
            int length = ProtocolConstants.CommandOverheadBytes + frame.ArgumentLength;
            Require(buffer, offset, length);
            buffer[offset] = (byte)((ProtocolConstants.Version << 4) | (int)FrameType.Command);
            buffer[offset + 1] = frame.CommandId;
            buffer[offset + 2] = (byte)frame.Opcode;
            Array.Copy(frame.Arguments, 0, buffer, offset + 3, frame.ArgumentLength);
            WriteCrc(buffer, offset, length);
            return length;
        }

        internal static void WriteHeader(byte[] buffer, int offset, int typeCode, ushort sequence, uint timestampTicks)
        {
            buffer[offset] = (byte)((ProtocolConstants.Version << 4) | (typeCode & 0xF));
            LittleEndian.WriteUInt16(buffer, offset + 1, sequence);
            LittleEndian.WriteUInt24(buffer, offset + 3, timestampTicks);
        }

        /// <summary>Writes the CRC-16 of bytes [offset, offset + length − 2) into the last two bytes.</summary>
        internal static void WriteCrc(byte[] buffer, int offset, int length)
        {
            int body = length - ProtocolConstants.CrcBytes;
            LittleEndian.WriteUInt16(buffer, offset + body, Crc16Ccitt.Compute(buffer, offset, body));
        }

        private static void Require(byte[] buffer, int offset, int length)
        {
            if (buffer == null || offset < 0 || length > ProtocolConstants.MaxFrameBytes || buffer.Length - offset < length)
            {
                throw new ArgumentException("buffer too small for the frame");
            }
        }
    }
}
