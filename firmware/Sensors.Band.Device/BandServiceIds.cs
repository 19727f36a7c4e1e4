using System;

namespace Sensors.Band.Device
{
    /// <summary>
    /// The band's GATT identity. The three UUIDs are random (version 4) and fixed for protocol version 1; the gateway's
    /// BLE transport filters on <see cref="ServiceUuid"/>. Documented in README.md (BLE section).
    /// </summary>
    public static class BandServiceIds
    {
        /// <summary>Primary service of the band.</summary>
        public static readonly Guid ServiceUuid = new Guid("e50cbdc2-87b0-496b-9cd7-1e4bad2b2837");

        /// <summary>Frames, band → gateway (Notify): angle, raw IMU, status, batch and response frames.</summary>
        public static readonly Guid FrameCharacteristicUuid = new Guid("e50cbdc2-87b1-496b-9cd7-1e4bad2b2837");

        /// <summary>Commands, gateway → band (Write / Write Without Response): one command frame per write.</summary>
        public static readonly Guid CommandCharacteristicUuid = new Guid("e50cbdc2-87b2-496b-9cd7-1e4bad2b2837");

        /// <summary>Advertised name prefix; the band serial from the calibration record follows it.</summary>
        public const string NamePrefix = "Sensors-";

        /// <summary>Name suffix while no valid calibration record (and so no serial) is stored.</summary>
        public const string NoSerial = "NOSERIAL";
    }
}
