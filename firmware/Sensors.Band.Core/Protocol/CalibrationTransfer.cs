using System;
using Sensors.Band.Calibration;

namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Reassembles a calibration record sent in chunks (the record does not fit one frame). Used by the band for
    /// CalibrationWrite… commands and by the gateway for CalibrationRead… responses. Chunks must arrive in order:
    /// each starts at the byte offset where the previous one ended; anything else is <see cref="CommandResult.OutOfOrder"/>.
    /// An exact repeat of the last chunk (its ack was lost and the gateway resent it) is acknowledged again without effect.
    /// <see cref="Finish"/> checks that every announced byte arrived and that the CRC-32 matches. No allocation after construction.
    /// </summary>
    public sealed class CalibrationTransfer
    {
        private readonly byte[] _buffer;
        private int _lastChunkOffset;

        /// <summary>Creates a transfer able to hold <paramref name="capacityBytes"/> bytes.</summary>
        public CalibrationTransfer(int capacityBytes)
        {
            _buffer = new byte[capacityBytes];
        }

        /// <summary>The reassembled bytes (the first <see cref="ReceivedLength"/> are valid).</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>True between <see cref="Begin"/> and a successful <see cref="Finish"/> or <see cref="Abort"/>.</summary>
        public bool Active { get; private set; }

        /// <summary>True after a successful <see cref="Finish"/>: <see cref="Buffer"/> holds the whole record.</summary>
        public bool Complete { get; private set; }

        /// <summary>Announced record length.</summary>
        public int TotalLength { get; private set; }

        /// <summary>Bytes received so far (the offset the next chunk must start at).</summary>
        public int ReceivedLength { get; private set; }

        /// <summary>Announced CRC-32 of the whole record.</summary>
        public uint ExpectedCrc32 { get; private set; }

        /// <summary>Starts a transfer of <paramref name="totalLength"/> bytes whose CRC-32 is <paramref name="crc32"/>.</summary>
        public CommandResult Begin(int totalLength, uint crc32)
        {
            if (totalLength <= 0 || totalLength > _buffer.Length)
            {
                Abort();
                return CommandResult.BadArguments;
            }

            TotalLength = totalLength;
            ExpectedCrc32 = crc32;
            ReceivedLength = 0;
            _lastChunkOffset = -1;
            Active = true;
            Complete = false;
            return CommandResult.Ack;
        }

        /// <summary>Accepts <paramref name="count"/> bytes that belong at record offset <paramref name="offset"/>.</summary>
        public CommandResult Accept(int offset, byte[] data, int dataOffset, int count)
        {
            if (!Active)
            {
                return CommandResult.NotAllowedNow;
            }

            if (count <= 0 || data == null || dataOffset < 0 || dataOffset > data.Length - count)
            {
                return CommandResult.BadArguments;
            }

            if (offset == _lastChunkOffset && offset + count == ReceivedLength && SameBytes(offset, data, dataOffset, count))
            {
                return CommandResult.Ack;
            }

            if (offset != ReceivedLength)
            {
                return CommandResult.OutOfOrder;
            }

            if (offset + count > TotalLength)
            {
                return CommandResult.BadArguments;
            }

            Array.Copy(data, dataOffset, _buffer, offset, count);
            _lastChunkOffset = offset;
            ReceivedLength = offset + count;
            return CommandResult.Ack;
        }

        /// <summary>
        /// Ends the transfer: <see cref="CommandResult.TransferIncomplete"/> while bytes are missing (the transfer stays
        /// open), <see cref="CommandResult.RecordInvalid"/> on a CRC-32 mismatch (the transfer is dropped), else Ack.
        /// </summary>
        public CommandResult Finish()
        {
            if (!Active)
            {
                return CommandResult.NotAllowedNow;
            }

            if (ReceivedLength != TotalLength)
            {
                return CommandResult.TransferIncomplete;
            }

            Active = false;
            if (Crc32.Compute(_buffer, 0, TotalLength) != ExpectedCrc32)
            {
                ReceivedLength = 0;
                return CommandResult.RecordInvalid;
            }

            Complete = true;
            return CommandResult.Ack;
        }

        /// <summary>Drops the transfer.</summary>
        public void Abort()
        {
            Active = false;
            Complete = false;
            ReceivedLength = 0;
            _lastChunkOffset = -1;
        }

        private bool SameBytes(int offset, byte[] data, int dataOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (_buffer[offset + i] != data[dataOffset + i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
