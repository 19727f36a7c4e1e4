namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Full-scale pair of the MPU-6500 in raw (bench) mode, bits 2..1 of the raw frame type code.
    /// The value k is written to both ACCEL_FS_SEL and GYRO_FS_SEL. Only paired ranges exist in protocol v1:
    /// the 20-byte frame has no spare byte for two independent range fields (see Protocol/README.md).
    /// </summary>
    public enum RawImuRange : byte
    {
        /// <summary>±2 g (16384 LSB/g), ±250 °/s (131 LSB per °/s). Static (six-position) bench tests.</summary>
        G2Dps250 = 0,

        /// <summary>±4 g (8192 LSB/g), ±500 °/s (65.5 LSB per °/s).</summary>
        G4Dps500 = 1,

        /// <summary>±8 g (4096 LSB/g), ±1000 °/s (32.8 LSB per °/s).</summary>
        G8Dps1000 = 2,

        /// <summary>±16 g (2048 LSB/g), ±2000 °/s (16.4 LSB per °/s). Fast rate-table tests.</summary>
        G16Dps2000 = 3,
    }
}
