namespace Sensors.Band.Protocol
{
    /// <summary>
    /// One raw sample of one IMU (bench mode): acc xyz and gyro xyz as int16 counts in the IMU's own axes.
    /// Two frames per sample period (thigh, shank). Type code = 0x8 | (range &lt;&lt; 1) | imuIndex.
    /// On the wire (payload, 12 bytes): acc x, y, z, gyro x, y, z, int16 each.
    /// </summary>
    public sealed class RawImuFrame
    {
        private const double StandardGravity = 9.80665;
        private const double DegToRad = 3.14159265358979323846 / 180.0;

        /// <summary>Sequence number (wraps at 65536).</summary>
        public ushort Sequence { get; set; }

        /// <summary>Band timestamp in 10 µs ticks, 24 bits.</summary>
        public uint TimestampTicks { get; set; }

        /// <summary>0 = thigh (proximal) IMU, 1 = shank (distal) IMU.</summary>
        public byte ImuIndex { get; set; }

        /// <summary>The full-scale pair the counts were measured with.</summary>
        public RawImuRange Range { get; set; }

        /// <summary>Accelerometer x, counts.</summary>
        public short AccX { get; set; }

        /// <summary>Accelerometer y, counts.</summary>
        public short AccY { get; set; }

        /// <summary>Accelerometer z, counts.</summary>
        public short AccZ { get; set; }

        /// <summary>Gyroscope x, counts.</summary>
        public short GyroX { get; set; }

        /// <summary>Gyroscope y, counts.</summary>
        public short GyroY { get; set; }

        /// <summary>Gyroscope z, counts.</summary>
        public short GyroZ { get; set; }

        /// <summary>The frame type code of this frame (0x8–0xF).</summary>
        public int TypeCode
        {
            get { return 0x8 | (((int)Range & 0x3) << 1) | (ImuIndex & 0x1); }
        }

        /// <summary>m/s² per accelerometer count at <paramref name="range"/> (nominal datasheet sensitivity).</summary>
        public static double AccelerationMPerS2PerCount(RawImuRange range)
        {
            return StandardGravity / (16384 >> ((int)range & 0x3));
        }

        /// <summary>rad/s per gyro count at <paramref name="range"/> (nominal datasheet sensitivity 131/65.5/32.8/16.4 LSB per °/s).</summary>
        public static double RateRadPerSPerCount(RawImuRange range)
        {
            double lsbPerDps;
            switch ((int)range & 0x3)
            {
                case 0: lsbPerDps = 131.0; break;
                case 1: lsbPerDps = 65.5; break;
                case 2: lsbPerDps = 32.8; break;
                default: lsbPerDps = 16.4; break;
            }

            return DegToRad / lsbPerDps;
        }

        /// <summary>Writes acc x, y, z in m/s² (uncalibrated, nominal sensitivity) to <paramref name="result"/>.</summary>
        public void GetAccelerationMPerS2(float[] result, int offset)
        {
            double k = AccelerationMPerS2PerCount(Range);
            result[offset] = (float)(AccX * k);
            result[offset + 1] = (float)(AccY * k);
            result[offset + 2] = (float)(AccZ * k);
        }

        /// <summary>Writes gyro x, y, z in rad/s (uncalibrated, nominal sensitivity) to <paramref name="result"/>.</summary>
        public void GetRateRadPerS(float[] result, int offset)
        {
            double k = RateRadPerSPerCount(Range);
            result[offset] = (float)(GyroX * k);
            result[offset + 1] = (float)(GyroY * k);
            result[offset + 2] = (float)(GyroZ * k);
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(RawImuFrame other)
        {
            Sequence = other.Sequence;
            TimestampTicks = other.TimestampTicks;
            ImuIndex = other.ImuIndex;
            Range = other.Range;
            AccX = other.AccX;
            AccY = other.AccY;
            AccZ = other.AccZ;
            GyroX = other.GyroX;
            GyroY = other.GyroY;
            GyroZ = other.GyroZ;
        }

        internal void SetTypeCode(int typeCode)
        {
            ImuIndex = (byte)(typeCode & 0x1);
            Range = (RawImuRange)((typeCode >> 1) & 0x3);
        }

        internal void WritePayload(byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt16(buffer, offset, AccX);
            LittleEndian.WriteUInt16(buffer, offset + 2, AccY);
            LittleEndian.WriteUInt16(buffer, offset + 4, AccZ);
            LittleEndian.WriteUInt16(buffer, offset + 6, GyroX);
            LittleEndian.WriteUInt16(buffer, offset + 8, GyroY);
            LittleEndian.WriteUInt16(buffer, offset + 10, GyroZ);
        }

        internal void ReadPayload(byte[] buffer, int offset)
        {
            AccX = LittleEndian.ReadInt16(buffer, offset);
            AccY = LittleEndian.ReadInt16(buffer, offset + 2);
            AccZ = LittleEndian.ReadInt16(buffer, offset + 4);
            GyroX = LittleEndian.ReadInt16(buffer, offset + 6);
            GyroY = LittleEndian.ReadInt16(buffer, offset + 8);
            GyroZ = LittleEndian.ReadInt16(buffer, offset + 10);
        }
    }
}
