namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Wrap-aware arithmetic on the 16-bit sequence number and the 24-bit band timestamp
    /// (serial-number arithmetic, RFC 1982 style). The gateway's loss/reorder/drift tracking builds on these.
    /// </summary>
    public static class SequenceNumber
    {
        /// <summary>
        /// Signed distance <paramref name="later"/> − <paramref name="earlier"/> in [−32768, 32767]:
        /// 1 = next frame, &gt; 1 = frames lost in between, 0 = duplicate, &lt; 0 = reordered/old.
        /// </summary>
        public static int Difference(ushort later, ushort earlier)
        {
            return (short)(ushort)(later - earlier);
        }

        /// <summary>The sequence number <paramref name="count"/> steps after <paramref name="sequence"/>.</summary>
        public static ushort Add(ushort sequence, int count)
        {
            return (ushort)(sequence + count);
        }

        /// <summary>True when <paramref name="a"/> comes after <paramref name="b"/> (within half the range).</summary>
        public static bool IsAfter(ushort a, ushort b)
        {
            return Difference(a, b) > 0;
        }

        /// <summary>
        /// Signed distance between two 24-bit timestamps in ticks, in [−2^23, 2^23 − 1]
        /// (±83.9 s): unambiguous while frames arrive less than 83.9 s apart.
        /// </summary>
        public static int TimestampDifferenceTicks(uint later, uint earlier)
        {
            int d = (int)((later - earlier) & ProtocolConstants.TimestampMask);
            return d >= 0x800000 ? d - 0x1000000 : d;
        }

        /// <summary>The 24-bit timestamp <paramref name="ticks"/> after <paramref name="timestamp"/>.</summary>
        public static uint AddTicks(uint timestamp, int ticks)
        {
            return (uint)(timestamp + ticks) & ProtocolConstants.TimestampMask;
        }

        /// <summary>24-bit timestamp of a microsecond clock (e.g. the ESP32 esp_timer): (µs / 10) mod 2^24.</summary>
        public static uint TimestampFromMicroseconds(long microseconds)
        {
            return (uint)(microseconds / ProtocolConstants.TimestampTickUs) & ProtocolConstants.TimestampMask;
        }
    }
}
