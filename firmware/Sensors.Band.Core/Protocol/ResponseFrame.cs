namespace Sensors.Band.Protocol
{
    /// <summary>
    /// The answer to one command, band → gateway, with the common header (sequence, timestamp).
    /// Payload: command id, opcode (echoed), result, data. At the default 20-byte MTU data holds up to 9 bytes.
    /// </summary>
    public sealed class ResponseFrame
    {
        private readonly byte[] _data = new byte[ProtocolConstants.MaxResponseDataBytes];

        /// <summary>Sequence number (wraps at 65536).</summary>
        public ushort Sequence { get; set; }

        /// <summary>Band timestamp in 10 µs ticks, 24 bits.</summary>
        public uint TimestampTicks { get; set; }

        /// <summary>Id of the command answered.</summary>
        public byte CommandId { get; set; }

        /// <summary>Opcode of the command answered.</summary>
        public CommandOpcode Opcode { get; set; }

        /// <summary>Ack or the nack reason.</summary>
        public CommandResult Result { get; set; }

        /// <summary>Data bytes; the first <see cref="DataLength"/> are used.</summary>
        public byte[] Data
        {
            get { return _data; }
        }

        /// <summary>Number of data bytes.</summary>
        public int DataLength { get; set; }

        /// <summary>Sets the correlation fields and the result and clears the data.</summary>
        public void Set(byte commandId, CommandOpcode opcode, CommandResult result)
        {
            CommandId = commandId;
            Opcode = opcode;
            Result = result;
            DataLength = 0;
        }

        /// <summary>Appends one data byte.</summary>
        public void AddByte(int value)
        {
            _data[DataLength] = (byte)value;
            DataLength++;
        }

        /// <summary>Appends a little-endian uint16.</summary>
        public void AddUInt16(int value)
        {
            LittleEndian.WriteUInt16(_data, DataLength, value);
            DataLength += 2;
        }

        /// <summary>Appends a little-endian uint32.</summary>
        public void AddUInt32(uint value)
        {
            LittleEndian.WriteUInt32(_data, DataLength, value);
            DataLength += 4;
        }

        /// <summary>Appends raw bytes.</summary>
        public void AddBytes(byte[] source, int offset, int count)
        {
            System.Array.Copy(source, offset, _data, DataLength, count);
            DataLength += count;
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(ResponseFrame other)
        {
            Sequence = other.Sequence;
            TimestampTicks = other.TimestampTicks;
            CommandId = other.CommandId;
            Opcode = other.Opcode;
            Result = other.Result;
            DataLength = other.DataLength;
            System.Array.Copy(other._data, _data, other.DataLength);
        }
    }
}
