namespace Sensors.Band.Protocol
{
    /// <summary>
    /// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR
    /// (check value over ASCII "123456789" = 0x29B1). Table driven (512 bytes, built once) because the
    /// nanoFramework interpreter pays per IL instruction: 1 table step per byte instead of 8 shift steps.
    /// </summary>
    public static class Crc16Ccitt
    {
        /// <summary>Initial register value.</summary>
        public const ushort Initial = 0xFFFF;

        private static readonly ushort[] Table = BuildTable();

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                }

                table[i] = (ushort)crc;
            }

            return table;
        }

        /// <summary>CRC of <paramref name="count"/> bytes starting at <paramref name="offset"/>.</summary>
        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            return Update(Initial, buffer, offset, count);
        }

        /// <summary>Continues a CRC over more bytes (streaming form).</summary>
        public static ushort Update(ushort crc, byte[] buffer, int offset, int count)
        {
            int c = crc;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                c = ((c << 8) ^ Table[((c >> 8) ^ buffer[i]) & 0xFF]) & 0xFFFF;
            }

            return (ushort)c;
        }
    }
}
