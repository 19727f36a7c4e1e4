using System;

namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Quality flags of an angle sample (byte 14 of the angle frame; bits 4–5 of that byte carry the
    /// <see cref="Calibration.CalibrationSource"/> and are not part of this enum).
    /// </summary>
    [Flags]
    public enum AngleQuality : byte
    {
        /// <summary>Nothing to report.</summary>
        None = 0,

        /// <summary>Bit 0: both segments at rest (gyro-bias updates are running).</summary>
        Rest = 0x01,

        /// <summary>Bit 1: strap slip suspected (mounting changed); the gateway should ask for a re-mount check.</summary>
        StrapSlipSuspected = 0x02,

        /// <summary>Bit 2: the hip fields carry values (hip IMU present and fused); when clear they are 0 and meaningless.</summary>
        HipValid = 0x04,

        /// <summary>Bit 3: an IMU sample in this output clipped at its full-scale range.</summary>
        Saturated = 0x08,

        /// <summary>Bit 6: fusion is still settling after start or after a reset; angles may drift towards truth.</summary>
        FusionSettling = 0x40,

        /// <summary>Bit 7: reserved, sent as 0; decoders keep it as received.</summary>
        Reserved7 = 0x80,
    }
}
