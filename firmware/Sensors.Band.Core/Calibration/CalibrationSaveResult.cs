namespace Sensors.Band.Calibration
{
    /// <summary>Outcome of <see cref="CalibrationStore.Save"/>.</summary>
    public enum CalibrationSaveResult : byte
    {
        /// <summary>Stored and verified; the new record is in use.</summary>
        Saved = 0,

        /// <summary>The bytes are not a valid record; nothing was written.</summary>
        RecordInvalid = 1,

        /// <summary>Writing or read-back verification failed; the record in use did not change.</summary>
        StorageFailure = 2,
    }
}
