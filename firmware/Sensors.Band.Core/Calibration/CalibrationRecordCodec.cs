using System;

namespace Sensors.Band.Calibration
{
    /// <summary>
    /// Binary form of <see cref="CalibrationRecord"/> (format version 1, 320 bytes, little-endian, IEEE-754 binary32
    /// floats, CRC-32 over everything before it). Layout in Calibration/README.md. The header (magic, version, length)
    /// keeps its place in every future version, so any version's length and CRC can be checked.
    /// </summary>
    public static class CalibrationRecordCodec
    {
        /// <summary>Format version this firmware writes and reads.</summary>
        public const int FormatVersion = 1;

        /// <summary>Length of a version-1 record.</summary>
        public const int RecordBytes = 320;

        /// <summary>Largest record length any version may announce (buffers are sized for it).</summary>
        public const int MaxRecordBytes = 1024;

        /// <summary>"SBCR" — Sensors Band Calibration Record — read as a little-endian uint32.</summary>
        public const uint Magic = 0x52434253;

        private const int VersionOffset = 4;
        private const int LengthOffset = 6;
        private const int SerialOffset = 8;
        private const int TechnicianOffset = 24;
        private const int CertificateOffset = 40;
        private const int TimeOffset = 56;
        private const int ImuCountOffset = 64;
        private const int FirstImuOffset = 68;
        private const int ImuBytes = ImuCalibration.FloatCount * 4;
        private const int CrcOffset = FirstImuOffset + CalibrationRecord.ImuCount * ImuBytes;
        private const int HeaderBytes = 8;

        /// <summary>Writes <paramref name="record"/> (320 bytes). Throws <see cref="ArgumentException"/> for texts that are too long or not printable ASCII.</summary>
        public static int Encode(CalibrationRecord record, byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || buffer.Length - offset < RecordBytes)
            {
                throw new ArgumentException("buffer too small for a calibration record");
            }

            Array.Clear(buffer, offset, RecordBytes);
            WriteUInt32(buffer, offset, Magic);
            WriteUInt16(buffer, offset + VersionOffset, FormatVersion);
            WriteUInt16(buffer, offset + LengthOffset, RecordBytes);
            WriteText(record.BandSerial, buffer, offset + SerialOffset);
            WriteText(record.TechnicianId, buffer, offset + TechnicianOffset);
            WriteText(record.CertificateNumber, buffer, offset + CertificateOffset);
            WriteUInt32(buffer, offset + TimeOffset, (uint)record.CalibratedAtUnixS);
            WriteUInt32(buffer, offset + TimeOffset + 4, (uint)(record.CalibratedAtUnixS >> 32));
            buffer[offset + ImuCountOffset] = CalibrationRecord.ImuCount;
            for (int i = 0; i < CalibrationRecord.ImuCount; i++)
            {
                ImuCalibration imu = record.GetImu(i);
                int p = offset + FirstImuOffset + i * ImuBytes;
                p = WriteFloats(imu.AccelerometerBiasMPerS2, buffer, p);
                p = WriteFloats(imu.AccelerometerMatrix, buffer, p);
                p = WriteFloats(imu.GyroscopeBiasRadPerS, buffer, p);
                p = WriteFloats(imu.GyroscopeMatrix, buffer, p);
                p = WriteFloats(imu.AccelerometerBiasTempCoefMPerS2PerC, buffer, p);
                p = WriteFloats(imu.GyroscopeBiasTempCoefRadPerSPerC, buffer, p);
                WriteFloat(imu.ReferenceTemperatureC, buffer, p);
            }

            WriteUInt32(buffer, offset + CrcOffset, Crc32.Compute(buffer, offset, CrcOffset));
            return RecordBytes;
        }

        /// <summary>Checks <paramref name="count"/> bytes without decoding them into a record.</summary>
        public static CalibrationRecordState Validate(byte[] buffer, int offset, int count)
        {
            return TryDecode(buffer, offset, count, null);
        }

        /// <summary>
        /// Checks and decodes a stored record. Order: length of header (Truncated), magic (Corrupt), announced length
        /// (Corrupt if impossible, Truncated if more than present, Corrupt if fewer), CRC-32 (Corrupt), version
        /// (WrongVersion), version-1 layout and values (Corrupt). <paramref name="result"/> (may be null) is written only
        /// when the record is <see cref="CalibrationRecordState.Valid"/>. Never throws.
        /// </summary>
        public static CalibrationRecordState TryDecode(byte[] buffer, int offset, int count, CalibrationRecord result)
        {
            if (buffer == null || offset < 0 || count <= 0 || offset > buffer.Length - count)
            {
                return CalibrationRecordState.Missing;
            }

            if (count < HeaderBytes)
            {
                return CalibrationRecordState.Truncated;
            }

            if (ReadUInt32(buffer, offset) != Magic)
            {
                return CalibrationRecordState.Corrupt;
            }

            int length = ReadUInt16(buffer, offset + LengthOffset);
            if (length < HeaderBytes + 4 || length > MaxRecordBytes)
            {
                return CalibrationRecordState.Corrupt;
            }

            if (count < length)
            {
                return CalibrationRecordState.Truncated;
            }

            if (count > length)
            {
                return CalibrationRecordState.Corrupt;
            }

            if (Crc32.Compute(buffer, offset, length - 4) != ReadUInt32(buffer, offset + length - 4))
            {
                return CalibrationRecordState.Corrupt;
            }

            if (ReadUInt16(buffer, offset + VersionOffset) != FormatVersion)
            {
                return CalibrationRecordState.WrongVersion;
            }

            if (length != RecordBytes || buffer[offset + ImuCountOffset] != CalibrationRecord.ImuCount
                || !IsText(buffer, offset + SerialOffset) || !IsText(buffer, offset + TechnicianOffset)
                || !IsText(buffer, offset + CertificateOffset))
            {
                return CalibrationRecordState.Corrupt;
            }

            for (int i = 0; i < CalibrationRecord.ImuCount; i++)
            {
                if (!IsPlausibleImu(buffer, offset + FirstImuOffset + i * ImuBytes))
                {
                    return CalibrationRecordState.Corrupt;
                }
            }

            if (result != null)
            {
                result.BandSerial = ReadText(buffer, offset + SerialOffset);
                result.TechnicianId = ReadText(buffer, offset + TechnicianOffset);
                result.CertificateNumber = ReadText(buffer, offset + CertificateOffset);
                result.CalibratedAtUnixS = (long)(ReadUInt32(buffer, offset + TimeOffset) | ((ulong)ReadUInt32(buffer, offset + TimeOffset + 4) << 32));
                for (int i = 0; i < CalibrationRecord.ImuCount; i++)
                {
                    ImuCalibration imu = result.GetImu(i);
                    int p = offset + FirstImuOffset + i * ImuBytes;
                    p = ReadFloats(buffer, p, imu.AccelerometerBiasMPerS2);
                    p = ReadFloats(buffer, p, imu.AccelerometerMatrix);
                    p = ReadFloats(buffer, p, imu.GyroscopeBiasRadPerS);
                    p = ReadFloats(buffer, p, imu.GyroscopeMatrix);
                    p = ReadFloats(buffer, p, imu.AccelerometerBiasTempCoefMPerS2PerC);
                    p = ReadFloats(buffer, p, imu.GyroscopeBiasTempCoefRadPerSPerC);
                    imu.ReferenceTemperatureC = ReadFloat(buffer, p);
                }
            }

            return CalibrationRecordState.Valid;
        }

        /// <summary>
        /// Sanity limits a real bench calibration always meets: finite values, |bias| &lt; 50 (SI), |coefficient| &lt; 1 per °C,
        /// reference temperature −40…125 °C, det(M) in 0.5…2 (scale errors of a few % and misalignment of a few degrees).
        /// </summary>
        private static bool IsPlausibleImu(byte[] buffer, int p)
        {
            for (int i = 0; i < ImuCalibration.FloatCount; i++)
            {
                float v = ReadFloat(buffer, p + 4 * i);
                if (float.IsNaN(v) || float.IsInfinity(v))
                {
                    return false;
                }
            }

            int accMatrix = p + 3 * 4;
            int gyroBias = accMatrix + 9 * 4;
            int gyroMatrix = gyroBias + 3 * 4;
            int accCoef = gyroMatrix + 9 * 4;
            int gyroCoef = accCoef + 3 * 4;
            int refTemp = gyroCoef + 3 * 4;
            float t = ReadFloat(buffer, refTemp);
            return AllBelow(buffer, p, 3, 50f) && AllBelow(buffer, gyroBias, 3, 50f)
                && AllBelow(buffer, accCoef, 6, 1f) && t >= -40f && t <= 125f
                && DeterminantPlausible(buffer, accMatrix) && DeterminantPlausible(buffer, gyroMatrix);
        }

        private static bool AllBelow(byte[] buffer, int p, int n, float limit)
        {
            for (int i = 0; i < n; i++)
            {
                float v = ReadFloat(buffer, p + 4 * i);
                if (v > limit || v < -limit)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool DeterminantPlausible(byte[] buffer, int p)
        {
            double a = ReadFloat(buffer, p), b = ReadFloat(buffer, p + 4), c = ReadFloat(buffer, p + 8);
            double d = ReadFloat(buffer, p + 12), e = ReadFloat(buffer, p + 16), f = ReadFloat(buffer, p + 20);
            double g = ReadFloat(buffer, p + 24), h = ReadFloat(buffer, p + 28), k = ReadFloat(buffer, p + 32);
            double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
            return det >= 0.5 && det <= 2.0;
        }

        private static void WriteText(string text, byte[] buffer, int p)
        {
            string s = text ?? string.Empty;
            if (s.Length > CalibrationRecord.MaxTextLength)
            {
                throw new ArgumentException("text longer than 16 characters: " + s);
            }

            for (int i = 0; i < s.Length; i++)
            {
                char ch = s[i];
                if (ch < ' ' || ch > '~')
                {
                    throw new ArgumentException("text is not printable ASCII: " + s);
                }

                buffer[p + i] = (byte)ch;
            }
        }

        private static bool IsText(byte[] buffer, int p)
        {
            bool ended = false;
            for (int i = 0; i < CalibrationRecord.MaxTextLength; i++)
            {
                byte b = buffer[p + i];
                if (b == 0)
                {
                    ended = true;
                }
                else if (ended || b < 0x20 || b > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private static string ReadText(byte[] buffer, int p)
        {
            int n = 0;
            while (n < CalibrationRecord.MaxTextLength && buffer[p + n] != 0)
            {
                n++;
            }

            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                chars[i] = (char)buffer[p + i];
            }

            return new string(chars);
        }

        private static int WriteFloats(float[] values, byte[] buffer, int p)
        {
            for (int i = 0; i < values.Length; i++)
            {
                WriteFloat(values[i], buffer, p);
                p += 4;
            }

            return p;
        }

        private static int ReadFloats(byte[] buffer, int p, float[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = ReadFloat(buffer, p);
                p += 4;
            }

            return p;
        }

        // BitConverter is native-endian; the ESP32 (Xtensa LX6) and every supported host are little-endian.
        private static void WriteFloat(float value, byte[] buffer, int p)
        {
            byte[] bytes = BitConverter.GetBytes(value);
            Array.Copy(bytes, 0, buffer, p, 4);
        }

        private static float ReadFloat(byte[] buffer, int p)
        {
            return BitConverter.ToSingle(buffer, p);
        }

        private static void WriteUInt16(byte[] buffer, int p, int value)
        {
            buffer[p] = (byte)value;
            buffer[p + 1] = (byte)(value >> 8);
        }

        private static void WriteUInt32(byte[] buffer, int p, uint value)
        {
            buffer[p] = (byte)value;
            buffer[p + 1] = (byte)(value >> 8);
            buffer[p + 2] = (byte)(value >> 16);
            buffer[p + 3] = (byte)(value >> 24);
        }

        private static int ReadUInt16(byte[] buffer, int p)
        {
            return buffer[p] | (buffer[p + 1] << 8);
        }

        private static uint ReadUInt32(byte[] buffer, int p)
        {
            return (uint)buffer[p] | ((uint)buffer[p + 1] << 8) | ((uint)buffer[p + 2] << 16) | ((uint)buffer[p + 3] << 24);
        }
    }
}
