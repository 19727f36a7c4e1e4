namespace Sensors.Band.Imu
{
    /// <summary>Blocking wait used by the driver (reset, wake, retry back-off). Tests substitute a recording delay.</summary>
    public interface IDelay
    {
        /// <summary>Waits at least <paramref name="milliseconds"/> ms.</summary>
        void Wait(int milliseconds);
    }
}
