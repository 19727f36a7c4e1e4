namespace Sensors.Band.Protocol
{
    /// <summary>
    /// A decoded batch: up to <see cref="ProtocolConstants.MaxBatchRecords"/> records under one header.
    /// Record i has sequence number header + i and timestamp previous + delta, already filled in by the decoder,
    /// so the gateway treats batched and single frames alike. Preallocated: every record owns its frame objects.
    /// </summary>
    public sealed class BatchFrame
    {
        private readonly BatchRecord[] _records;

        /// <summary>Creates a batch with room for <see cref="ProtocolConstants.MaxBatchRecords"/> records.</summary>
        public BatchFrame()
        {
            _records = new BatchRecord[ProtocolConstants.MaxBatchRecords];
            for (int i = 0; i < _records.Length; i++)
            {
                _records[i] = new BatchRecord();
            }
        }

        /// <summary>Sequence number of the first record.</summary>
        public ushort Sequence { get; set; }

        /// <summary>Timestamp of the batch header (the first record's timestamp minus its delta, normally equal).</summary>
        public uint TimestampTicks { get; set; }

        /// <summary>Number of records.</summary>
        public int Count { get; set; }

        /// <summary>Record <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
        public BatchRecord GetRecord(int index)
        {
            return _records[index];
        }
    }

    /// <summary>One record of a batch: its type and the frame object of that type.</summary>
    public sealed class BatchRecord
    {
        /// <summary>Creates a record with its frame objects.</summary>
        public BatchRecord()
        {
            Angle = new AngleFrame();
            RawImu = new RawImuFrame();
            Status = new StatusFrame();
        }

        /// <summary><see cref="FrameType.Angle"/>, <see cref="FrameType.Status"/> or <see cref="FrameType.RawImu"/>.</summary>
        public FrameType Type { get; set; }

        /// <summary>Time since the previous record (or the header for record 0), 10 µs ticks.</summary>
        public int DeltaTicks { get; set; }

        /// <summary>The record when <see cref="Type"/> is Angle.</summary>
        public AngleFrame Angle { get; private set; }

        /// <summary>The record when <see cref="Type"/> is RawImu.</summary>
        public RawImuFrame RawImu { get; private set; }

        /// <summary>The record when <see cref="Type"/> is Status.</summary>
        public StatusFrame Status { get; private set; }
    }
}
