namespace Sensors.Band
{
    /// <summary>Identity of the band core build.</summary>
    public static class BandInfo
    {
        /// <summary>Version of the portable core; reported in status frames.</summary>
        public const string CoreVersion = "0.1.0";
    }
}
