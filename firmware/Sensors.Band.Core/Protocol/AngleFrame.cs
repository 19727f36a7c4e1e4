using Sensors.Band.Calibration;

namespace Sensors.Band.Protocol
{
    /// <summary>
    /// One joint-angle sample (default mode, 100 Hz). Signed: flexion positive, hyperextension negative.
    /// On the wire (payload, 9 bytes): knee flexion int16 [1e-4 rad], knee flexion rate int16 [1e-3 rad/s],
    /// hip flexion int16 [1e-4 rad], hip abduction int16 [1e-4 rad], flags byte. Values round to the nearest unit
    /// and saturate at the int16 limits.
    /// </summary>
    public sealed class AngleFrame
    {
        /// <summary>Sequence number (wraps at 65536).</summary>
        public ushort Sequence { get; set; }

        /// <summary>Band timestamp in 10 µs ticks, 24 bits (wraps every 167.77 s).</summary>
        public uint TimestampTicks { get; set; }

        /// <summary>Knee flexion, rad (flexion positive).</summary>
        public float KneeFlexionRad { get; set; }

        /// <summary>Knee flexion rate, rad/s (positive while flexing).</summary>
        public float KneeFlexionRateRadPerS { get; set; }

        /// <summary>Hip flexion, rad (valid only with <see cref="AngleQuality.HipValid"/>).</summary>
        public float HipFlexionRad { get; set; }

        /// <summary>Hip abduction, rad (valid only with <see cref="AngleQuality.HipValid"/>).</summary>
        public float HipAbductionRad { get; set; }

        /// <summary>Quality flags (rest, strap slip, hip valid, saturation, settling).</summary>
        public AngleQuality Quality { get; set; }

        /// <summary>Which calibration produced the angles.</summary>
        public CalibrationSource CalibrationSource { get; set; }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(AngleFrame other)
        {
            Sequence = other.Sequence;
            TimestampTicks = other.TimestampTicks;
            KneeFlexionRad = other.KneeFlexionRad;
            KneeFlexionRateRadPerS = other.KneeFlexionRateRadPerS;
            HipFlexionRad = other.HipFlexionRad;
            HipAbductionRad = other.HipAbductionRad;
            Quality = other.Quality;
            CalibrationSource = other.CalibrationSource;
        }

        internal void WritePayload(byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt16(buffer, offset, FixedPoint.ToInt16(KneeFlexionRad, FixedPoint.AngleUnitRad));
            LittleEndian.WriteUInt16(buffer, offset + 2, FixedPoint.ToInt16(KneeFlexionRateRadPerS, FixedPoint.RateUnitRadPerS));
            LittleEndian.WriteUInt16(buffer, offset + 4, FixedPoint.ToInt16(HipFlexionRad, FixedPoint.AngleUnitRad));
            LittleEndian.WriteUInt16(buffer, offset + 6, FixedPoint.ToInt16(HipAbductionRad, FixedPoint.AngleUnitRad));
            buffer[offset + 8] = (byte)(((int)Quality & 0xCF) | (((int)CalibrationSource & 0x3) << 4));
        }

        internal void ReadPayload(byte[] buffer, int offset)
        {
            KneeFlexionRad = FixedPoint.FromInt16(LittleEndian.ReadInt16(buffer, offset), FixedPoint.AngleUnitRad);
            KneeFlexionRateRadPerS = FixedPoint.FromInt16(LittleEndian.ReadInt16(buffer, offset + 2), FixedPoint.RateUnitRadPerS);
            HipFlexionRad = FixedPoint.FromInt16(LittleEndian.ReadInt16(buffer, offset + 4), FixedPoint.AngleUnitRad);
            HipAbductionRad = FixedPoint.FromInt16(LittleEndian.ReadInt16(buffer, offset + 6), FixedPoint.AngleUnitRad);
            int flags = buffer[offset + 8];
            Quality = (AngleQuality)(flags & 0xCF);
            CalibrationSource = (CalibrationSource)((flags >> 4) & 0x3);
        }
    }
}
