using nanoFramework.Hardware.Esp32;

namespace Sensors.Band.Device.Hardware
{
    /// <summary>
    /// The band clock: ESP32 esp_timer microseconds since boot (64-bit, never wraps in practice). Frame timestamps are
    /// derived from it with <c>SequenceNumber.TimestampFromMicroseconds</c> (10 µs ticks, 24 bits).
    /// </summary>
    public static class MicrosecondClock
    {
        /// <summary>Microseconds since boot.</summary>
        public static long NowUs()
        {
            return (long)HighResTimer.GetCurrent();
        }
    }
}
