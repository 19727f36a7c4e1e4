namespace Sensors.Band.Protocol
{
    /// <summary>Result code of a response: <see cref="Ack"/> or the reason of a nack.</summary>
    public enum CommandResult : byte
    {
        /// <summary>Done.</summary>
        Ack = 0,

        /// <summary>Opcode not known to this firmware.</summary>
        UnknownCommand = 1,

        /// <summary>Wrong argument count or an argument out of range.</summary>
        BadArguments = 2,

        /// <summary>Not possible in the current state (e.g. a chunk without a begin).</summary>
        NotAllowedNow = 3,

        /// <summary>A chunk that does not continue where the previous one ended (missing or reordered chunk).</summary>
        OutOfOrder = 4,

        /// <summary>Commit before all announced bytes arrived.</summary>
        TransferIncomplete = 5,

        /// <summary>The reassembled bytes fail the announced CRC-32, or are not a valid calibration record.</summary>
        RecordInvalid = 6,

        /// <summary>Flash write or read-back verification failed; the previous record stays in use.</summary>
        StorageFailure = 7,

        /// <summary>Busy (e.g. a flash write in progress); retry later.</summary>
        Busy = 8,

        /// <summary>The command frame did not decode (CRC, length); the command id echoed is as received.</summary>
        CommandCorrupt = 9,

        /// <summary>The command frame has another protocol version.</summary>
        UnsupportedVersion = 10,
    }
}
