namespace Sensors.Band.Protocol
{
    /// <summary>What the band streams while streaming is on (status frames are sent in every mode).</summary>
    public enum StreamMode : byte
    {
        /// <summary>Joint angles at 100 Hz (default after boot).</summary>
        Angles = 1,

        /// <summary>Raw IMU counts of both IMUs (bench).</summary>
        RawImu = 2,
    }
}
