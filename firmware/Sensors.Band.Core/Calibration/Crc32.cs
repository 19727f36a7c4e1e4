namespace Sensors.Band.Calibration
{
    /// <summary>
    /// CRC-32 (IEEE 802.3 / zlib): reflected polynomial 0xEDB88320, initial 0xFFFFFFFF, final XOR 0xFFFFFFFF
    /// (check value over ASCII "123456789" = 0xCBF43926). Bitwise: it runs once per boot or transfer over ~320 bytes,
    /// so it does not spend 1 KB of RAM on a table.
    /// </summary>
    public static class Crc32
    {
        /// <summary>CRC-32 of <paramref name="count"/> bytes starting at <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] buffer, int offset, int count)
        {
            return Finish(Update(Start(), buffer, offset, count));
        }

        /// <summary>Register value before the first byte (streaming form).</summary>
        public static uint Start()
        {
            return 0xFFFFFFFF;
        }

        /// <summary>Feeds more bytes into a running register.</summary>
        public static uint Update(uint register, byte[] buffer, int offset, int count)
        {
            uint crc = register;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= buffer[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return crc;
        }

        /// <summary>The CRC value of a running register.</summary>
        public static uint Finish(uint register)
        {
            return register ^ 0xFFFFFFFF;
        }
    }
}
