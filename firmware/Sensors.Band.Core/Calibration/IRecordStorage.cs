namespace Sensors.Band.Calibration
{
    /// <summary>
    /// Named byte blobs in non-volatile storage: the only thing <see cref="CalibrationStore"/> needs from flash.
    /// The device provides the flash implementation (<see cref="FileRecordStorage"/> on the nanoFramework "I:" drive);
    /// tests provide a host directory and fault-injecting wrappers. Failures throw <see cref="System.IO.IOException"/>.
    /// </summary>
    public interface IRecordStorage
    {
        /// <summary>True when a blob called <paramref name="name"/> exists.</summary>
        bool Exists(string name);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes of blob <paramref name="name"/> into the buffer.
        /// Returns the number of bytes read (fewer than the blob holds only when it is larger than count), or −1 when it does not exist.
        /// </summary>
        int Read(string name, byte[] buffer, int offset, int count);

        /// <summary>Creates or replaces blob <paramref name="name"/> with the bytes and flushes them to the medium before returning.</summary>
        void Write(string name, byte[] buffer, int offset, int count);

        /// <summary>Renames a blob; <paramref name="to"/> must not exist. Assumed atomic (LittleFS rename is).</summary>
        void Rename(string from, string to);

        /// <summary>Deletes a blob; no effect when it does not exist.</summary>
        void Delete(string name);
    }
}
