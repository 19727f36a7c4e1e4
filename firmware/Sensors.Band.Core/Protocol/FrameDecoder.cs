namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Decodes any frame of this protocol (band → gateway frames and commands) into a preallocated
    /// <see cref="DecodedFrame"/>. Never throws and never allocates, whatever the bytes; the checks run in the
    /// order of <see cref="DecodeStatus"/>: arguments, minimum length, CRC, version, type, type-specific length,
    /// batch structure. The CRC is checked before version and type so that <see cref="DecodeStatus.BadVersion"/>
    /// and <see cref="DecodeStatus.UnknownType"/> mean an intact frame from other firmware, not corruption.
    /// </summary>
    public static class FrameDecoder
    {
        /// <summary>Decodes the <paramref name="count"/> bytes at <paramref name="offset"/> (one notification or write).</summary>
        public static DecodeStatus TryDecode(byte[] buffer, int offset, int count, DecodedFrame result)
        {
            if (buffer == null || result == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return DecodeStatus.BadArguments;
            }

            if (count < ProtocolConstants.MinFrameBytes)
            {
                return DecodeStatus.TooShort;
            }

            if (count > ProtocolConstants.MaxFrameBytes)
            {
                return DecodeStatus.BadLength;
            }

            int body = count - ProtocolConstants.CrcBytes;
            if (Crc16Ccitt.Compute(buffer, offset, body) != LittleEndian.ReadUInt16(buffer, offset + body))
            {
                return DecodeStatus.BadCrc;
            }

            int version = buffer[offset] >> 4;
            if (version != ProtocolConstants.Version)
            {
                return DecodeStatus.BadVersion;
            }

            int typeCode = buffer[offset] & 0xF;
            result.Version = version;
            result.Length = count;
            if (typeCode >= (int)FrameType.RawImu)
            {
                result.Type = FrameType.RawImu;
                DecodeStatus s = CheckFixedLength(count, ProtocolConstants.RawImuFrameBytes);
                if (s == DecodeStatus.Ok)
                {
                    RawImuFrame f = result.RawImu;
                    f.Sequence = LittleEndian.ReadUInt16(buffer, offset + 1);
                    f.TimestampTicks = LittleEndian.ReadUInt24(buffer, offset + 3);
                    f.SetTypeCode(typeCode);
                    f.ReadPayload(buffer, offset + ProtocolConstants.HeaderBytes);
                }

                return s;
            }

            switch (typeCode)
            {
                case (int)FrameType.Angle:
                    return DecodeAngle(buffer, offset, count, result);
                case (int)FrameType.Status:
                    return DecodeStatusFrame(buffer, offset, count, result);
                case (int)FrameType.Batch:
                    return DecodeBatch(buffer, offset, count, result);
                case (int)FrameType.Response:
                    return DecodeResponse(buffer, offset, count, result);
                case (int)FrameType.Command:
                    return DecodeCommand(buffer, offset, count, result);
                default:
                    return DecodeStatus.UnknownType;
            }
        }

        private static DecodeStatus CheckFixedLength(int count, int expected)
        {
            if (count < expected)
            {
                return DecodeStatus.TooShort;
            }

            return count > expected ? DecodeStatus.BadLength : DecodeStatus.Ok;
        }

        private static DecodeStatus DecodeAngle(byte[] buffer, int offset, int count, DecodedFrame result)
        {
            result.Type = FrameType.Angle;
            DecodeStatus s = CheckFixedLength(count, ProtocolConstants.AngleFrameBytes);
            if (s != DecodeStatus.Ok)
            {
                return s;
            }

            AngleFrame f = result.Angle;
            f.Sequence = LittleEndian.ReadUInt16(buffer, offset + 1);
            f.TimestampTicks = LittleEndian.ReadUInt24(buffer, offset + 3);
            f.ReadPayload(buffer, offset + ProtocolConstants.HeaderBytes);
            return DecodeStatus.Ok;
        }

        private static DecodeStatus DecodeStatusFrame(byte[] buffer, int offset, int count, DecodedFrame result)
        {
            result.Type = FrameType.Status;
            DecodeStatus s = CheckFixedLength(count, ProtocolConstants.StatusFrameBytes);
            if (s != DecodeStatus.Ok)
            {
                return s;
            }

            StatusFrame f = result.Status;
            f.Sequence = LittleEndian.ReadUInt16(buffer, offset + 1);
            f.TimestampTicks = LittleEndian.ReadUInt24(buffer, offset + 3);
            f.ReadPayload(buffer, offset + ProtocolConstants.HeaderBytes);
            return DecodeStatus.Ok;
        }

        private static DecodeStatus DecodeResponse(byte[] buffer, int offset, int count, DecodedFrame result)
        {
            result.Type = FrameType.Response;
            int fixedBytes = ProtocolConstants.OverheadBytes + ProtocolConstants.ResponseFixedBytes;
            if (count < fixedBytes)
            {
                return DecodeStatus.TooShort;
            }

            ResponseFrame f = result.Response;
            int p = offset + ProtocolConstants.HeaderBytes;
            f.Sequence = LittleEndian.ReadUInt16(buffer, offset + 1);
            f.TimestampTicks = LittleEndian.ReadUInt24(buffer, offset + 3);
            f.Set(buffer[p], (CommandOpcode)buffer[p + 1], (CommandResult)buffer[p + 2]);
            f.AddBytes(buffer, p + 3, count - fixedBytes);
            return DecodeStatus.Ok;
        }

        private static DecodeStatus DecodeCommand(byte[] buffer, int offset, int count, DecodedFrame result)
        {
            result.Type = FrameType.Command;
            CommandFrame f = result.Command;
            f.Set(buffer[offset + 1], (CommandOpcode)buffer[offset + 2]);
            f.AddBytes(buffer, offset + 3, count - ProtocolConstants.CommandOverheadBytes);
            return DecodeStatus.Ok;
        }

        private static DecodeStatus DecodeBatch(byte[] buffer, int offset, int count, DecodedFrame result)
        {
            result.Type = FrameType.Batch;
            int minimum = ProtocolConstants.BatchOverheadBytes + ProtocolConstants.BatchRecordPrefixBytes + ProtocolConstants.AnglePayloadBytes;
            if (count < minimum)
            {
                return DecodeStatus.TooShort;
            }

            BatchFrame batch = result.Batch;
            int n = buffer[offset + ProtocolConstants.HeaderBytes];
            if (n == 0 || n > ProtocolConstants.MaxBatchRecords)
            {
                return DecodeStatus.BadBatch;
            }

            ushort sequence = LittleEndian.ReadUInt16(buffer, offset + 1);
            uint timestamp = LittleEndian.ReadUInt24(buffer, offset + 3);
            batch.Sequence = sequence;
            batch.TimestampTicks = timestamp;
            int end = offset + count - ProtocolConstants.CrcBytes;
            int p = offset + ProtocolConstants.HeaderBytes + 1;
            for (int i = 0; i < n; i++)
            {
                if (p + ProtocolConstants.BatchRecordPrefixBytes > end)
                {
                    return DecodeStatus.BadBatch;
                }

                int typeCode = buffer[p];
                int payloadBytes;
                if (typeCode == (int)FrameType.Angle)
                {
                    payloadBytes = ProtocolConstants.AnglePayloadBytes;
                }
                else if (typeCode == (int)FrameType.Status)
                {
                    payloadBytes = ProtocolConstants.StatusPayloadBytes;
                }
                else if (typeCode >= 0x8 && typeCode <= 0xF)
                {
                    payloadBytes = ProtocolConstants.RawImuPayloadBytes;
                }
                else
                {
                    return DecodeStatus.BadBatch;
                }

                int payload = p + ProtocolConstants.BatchRecordPrefixBytes;
                if (payload + payloadBytes > end)
                {
                    return DecodeStatus.BadBatch;
                }

                int delta = LittleEndian.ReadUInt16(buffer, p + 1);
                timestamp = SequenceNumber.AddTicks(timestamp, delta);
                ushort recordSequence = SequenceNumber.Add(sequence, i);
                BatchRecord record = batch.GetRecord(i);
                record.DeltaTicks = delta;
                if (typeCode == (int)FrameType.Angle)
                {
                    record.Type = FrameType.Angle;
                    record.Angle.Sequence = recordSequence;
                    record.Angle.TimestampTicks = timestamp;
                    record.Angle.ReadPayload(buffer, payload);
                }
                else if (typeCode == (int)FrameType.Status)
                {
                    record.Type = FrameType.Status;
                    record.Status.Sequence = recordSequence;
                    record.Status.TimestampTicks = timestamp;
                    record.Status.ReadPayload(buffer, payload);
                }
                else
                {
                    record.Type = FrameType.RawImu;
                    record.RawImu.Sequence = recordSequence;
                    record.RawImu.TimestampTicks = timestamp;
                    record.RawImu.SetTypeCode(typeCode);
                    record.RawImu.ReadPayload(buffer, payload);
                }

                p = payload + payloadBytes;
            }

            if (p != end)
            {
                return DecodeStatus.BadBatch;
            }

            batch.Count = n;
            return DecodeStatus.Ok;
        }
    }
}
