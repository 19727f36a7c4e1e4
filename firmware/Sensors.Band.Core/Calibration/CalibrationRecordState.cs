namespace Sensors.Band.Calibration
{
    /// <summary>
    /// What reading one stored calibration record found. Reported in the status frame (low nibble of byte 7).
    /// Any value but <see cref="Valid"/> means the record is never used.
    /// </summary>
    public enum CalibrationRecordState : byte
    {
        /// <summary>Magic, length, CRC-32, version and contents check out.</summary>
        Valid = 0,

        /// <summary>No record stored.</summary>
        Missing = 1,

        /// <summary>Fewer bytes than the record's header says (e.g. a write cut by power loss).</summary>
        Truncated = 2,

        /// <summary>Bad magic, bad length, CRC-32 mismatch, or a non-finite/implausible value.</summary>
        Corrupt = 3,

        /// <summary>Intact (CRC-32 matches) but written in a format version this firmware does not read.</summary>
        WrongVersion = 4,
    }
}
