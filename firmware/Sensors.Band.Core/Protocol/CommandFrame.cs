namespace Sensors.Band.Protocol
{
    /// <summary>
    /// A command, gateway → band: byte 0 version/type (0x15), byte 1 command id, byte 2 opcode, arguments, CRC-16.
    /// Commands carry no sequence number or timestamp: the command id (chosen by the gateway, wraps at 256)
    /// correlates the response. Preallocate once and reuse; the argument buffer holds up to 507 bytes.
    /// </summary>
    public sealed class CommandFrame
    {
        private readonly byte[] _arguments = new byte[ProtocolConstants.MaxCommandArgumentBytes];

        /// <summary>Correlation id echoed in the response.</summary>
        public byte CommandId { get; set; }

        /// <summary>What to do.</summary>
        public CommandOpcode Opcode { get; set; }

        /// <summary>Argument bytes; the first <see cref="ArgumentLength"/> are used.</summary>
        public byte[] Arguments
        {
            get { return _arguments; }
        }

        /// <summary>Number of argument bytes.</summary>
        public int ArgumentLength { get; set; }

        /// <summary>Sets id and opcode and clears the arguments.</summary>
        public void Set(byte commandId, CommandOpcode opcode)
        {
            CommandId = commandId;
            Opcode = opcode;
            ArgumentLength = 0;
        }

        /// <summary>Appends one argument byte.</summary>
        public void AddByte(int value)
        {
            _arguments[ArgumentLength] = (byte)value;
            ArgumentLength++;
        }

        /// <summary>Appends a little-endian uint16 argument.</summary>
        public void AddUInt16(int value)
        {
            LittleEndian.WriteUInt16(_arguments, ArgumentLength, value);
            ArgumentLength += 2;
        }

        /// <summary>Appends a little-endian uint32 argument.</summary>
        public void AddUInt32(uint value)
        {
            LittleEndian.WriteUInt32(_arguments, ArgumentLength, value);
            ArgumentLength += 4;
        }

        /// <summary>Appends raw bytes.</summary>
        public void AddBytes(byte[] source, int offset, int count)
        {
            System.Array.Copy(source, offset, _arguments, ArgumentLength, count);
            ArgumentLength += count;
        }

        /// <summary>Reads a little-endian uint16 argument at <paramref name="position"/>.</summary>
        public ushort GetUInt16(int position)
        {
            return LittleEndian.ReadUInt16(_arguments, position);
        }

        /// <summary>Reads a little-endian uint32 argument at <paramref name="position"/>.</summary>
        public uint GetUInt32(int position)
        {
            return LittleEndian.ReadUInt32(_arguments, position);
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(CommandFrame other)
        {
            CommandId = other.CommandId;
            Opcode = other.Opcode;
            ArgumentLength = other.ArgumentLength;
            System.Array.Copy(other._arguments, _arguments, other.ArgumentLength);
        }
    }
}
