namespace Sensors.Band.Imu
{
    /// <summary>
    /// One I2C device on a bus, as the portable driver sees it. nanoFramework's <c>I2cDevice</c> takes <c>SpanByte</c> and
    /// .NET IoT's takes <c>Span&lt;byte&gt;</c>, so each platform wraps its device in a small adapter (host:
    /// <c>Sensors.Band.Host.I2cDeviceRegisterBus</c>). Adapters must not throw for bus errors and must not allocate.
    /// </summary>
    public interface II2cRegisterBus
    {
        /// <summary>The 7-bit device address (for error messages).</summary>
        int Address { get; }

        /// <summary>Writes <paramref name="writeCount"/> bytes, then (repeated start) reads <paramref name="readCount"/> bytes.</summary>
        /// <returns>False on NACK or any bus error.</returns>
        bool TryWriteRead(byte[] write, int writeCount, byte[] read, int readCount);

        /// <summary>Writes <paramref name="count"/> bytes from <paramref name="data"/>.</summary>
        /// <returns>False on NACK or any bus error.</returns>
        bool TryWrite(byte[] data, int count);
    }
}
