namespace Sensors.Band.Calibration
{
    /// <summary>Which calibration the band is using. Reported in status frames (high nibble of byte 7) and angle flags.</summary>
    public enum CalibrationSource : byte
    {
        /// <summary>The current record, calib.bin.</summary>
        Primary = 0,

        /// <summary>The previous record, calib.bak, because calib.bin is missing or invalid.</summary>
        Backup = 1,

        /// <summary>No valid record: identity calibration (M = I, bias 0). Angles are less accurate.</summary>
        Identity = 2,
    }
}
