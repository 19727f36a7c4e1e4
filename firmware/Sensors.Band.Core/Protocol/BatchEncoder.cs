using System;

namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Builds a batch frame in place (no allocation): <see cref="Begin"/>, then TryAdd… until one returns false,
    /// then <see cref="Finish"/>. A record is refused when it would not fit the capacity (negotiated MTU − 3),
    /// when its sequence number does not continue the batch (header + count), or when its timestamp is more than
    /// 65535 ticks (655 ms) after the previous record or earlier than it: send the batch and begin a new one.
    /// </summary>
    public sealed class BatchEncoder
    {
        private byte[] _buffer;
        private int _start;
        private int _capacity;
        private int _position;
        private ushort _firstSequence;
        private uint _lastTimestamp;

        /// <summary>Records added since <see cref="Begin"/>.</summary>
        public int Count { get; private set; }

        /// <summary>Bytes the frame would have if finished now.</summary>
        public int Length
        {
            get { return _position - _start + ProtocolConstants.CrcBytes; }
        }

        /// <summary>Starts a batch at <paramref name="offset"/>; <paramref name="capacity"/> is the most bytes the frame may take.</summary>
        public void Begin(byte[] buffer, int offset, int capacity)
        {
            if (buffer == null || offset < 0 || capacity < ProtocolConstants.BatchOverheadBytes || buffer.Length - offset < capacity)
            {
                throw new ArgumentException("bad batch buffer");
            }

            _buffer = buffer;
            _start = offset;
            _capacity = capacity > ProtocolConstants.MaxFrameBytes ? ProtocolConstants.MaxFrameBytes : capacity;
            _position = offset + ProtocolConstants.HeaderBytes + 1;
            Count = 0;
        }

        /// <summary>Adds an angle record (12 bytes); false when it does not belong in this batch.</summary>
        public bool TryAddAngle(AngleFrame frame)
        {
            int p = Reserve((int)FrameType.Angle, frame.Sequence, frame.TimestampTicks, ProtocolConstants.AnglePayloadBytes);
            if (p < 0)
            {
                return false;
            }

            frame.WritePayload(_buffer, p);
            return true;
        }

        /// <summary>Adds a raw IMU record (15 bytes); false when it does not belong in this batch.</summary>
        public bool TryAddRawImu(RawImuFrame frame)
        {
            int p = Reserve(frame.TypeCode, frame.Sequence, frame.TimestampTicks, ProtocolConstants.RawImuPayloadBytes);
            if (p < 0)
            {
                return false;
            }

            frame.WritePayload(_buffer, p);
            return true;
        }

        /// <summary>Adds a status record (15 bytes); false when it does not belong in this batch.</summary>
        public bool TryAddStatus(StatusFrame frame)
        {
            int p = Reserve((int)FrameType.Status, frame.Sequence, frame.TimestampTicks, ProtocolConstants.StatusPayloadBytes);
            if (p < 0)
            {
                return false;
            }

            frame.WritePayload(_buffer, p);
            return true;
        }

        /// <summary>Writes the record count and CRC; returns the frame length. Needs at least one record.</summary>
        public int Finish()
        {
            if (Count == 0)
            {
                throw new InvalidOperationException("empty batch");
            }

            _buffer[_start + ProtocolConstants.HeaderBytes] = (byte)Count;
            int length = Length;
            FrameEncoder.WriteCrc(_buffer, _start, length);
            return length;
        }

        private int Reserve(int typeCode, ushort sequence, uint timestamp, int payloadBytes)
        {
            if (_buffer == null || Count >= ProtocolConstants.MaxBatchRecords)
            {
                return -1;
            }

            int recordBytes = ProtocolConstants.BatchRecordPrefixBytes + payloadBytes;
            if (_position + recordBytes + ProtocolConstants.CrcBytes - _start > _capacity)
            {
                return -1;
            }

            int delta = 0;
            if (Count == 0)
            {
                _firstSequence = sequence;
                FrameEncoder.WriteHeader(_buffer, _start, (int)FrameType.Batch, sequence, timestamp);
            }
            else
            {
                if (sequence != SequenceNumber.Add(_firstSequence, Count))
                {
                    return -1;
                }

                delta = SequenceNumber.TimestampDifferenceTicks(timestamp, _lastTimestamp);
                if (delta < 0 || delta > 0xFFFF)
                {
                    return -1;
                }
            }

            _buffer[_position] = (byte)typeCode;
            LittleEndian.WriteUInt16(_buffer, _position + 1, delta);
            int payload = _position + ProtocolConstants.BatchRecordPrefixBytes;
            _position += recordBytes;
            _lastTimestamp = timestamp & ProtocolConstants.TimestampMask;
            Count++;
            return payload;
        }
    }
}
