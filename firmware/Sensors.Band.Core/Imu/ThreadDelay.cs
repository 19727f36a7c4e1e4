using System.Threading;

namespace Sensors.Band.Imu
{
    /// <summary>The default <see cref="IDelay"/>: <c>Thread.Sleep</c> (available on nanoFramework and .NET).</summary>
    public sealed class ThreadDelay : IDelay
    {
        /// <summary>Shared instance (stateless).</summary>
        public static readonly ThreadDelay Instance = new ThreadDelay();

        /// <inheritdoc />
        public void Wait(int milliseconds)
        {
            if (milliseconds > 0) Thread.Sleep(milliseconds);
        }
    }
}
