using Sensors.Band.Calibration;

namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Band health (sent at least every 10 s while connected, in every mode). Payload, 12 bytes:
    /// battery mV uint16; battery % (bits 0–6, 127 = unknown) + charging (bit 7); temperature int16 [0.01 °C];
    /// error flags uint16; calibration byte (low nibble record state, high nibble source); mode byte (bits 0–3 mode,
    /// bit 7 streaming); firmware major, minor, patch.
    /// </summary>
    public sealed class StatusFrame
    {
        /// <summary>Battery percentage meaning "unknown".</summary>
        public const byte BatteryPercentUnknown = 127;

        /// <summary>Sequence number (wraps at 65536).</summary>
        public ushort Sequence { get; set; }

        /// <summary>Band timestamp in 10 µs ticks, 24 bits.</summary>
        public uint TimestampTicks { get; set; }

        /// <summary>Battery voltage, mV.</summary>
        public ushort BatteryMv { get; set; }

        /// <summary>State of charge 0–100 %, or <see cref="BatteryPercentUnknown"/>; larger values are sent as 127.</summary>
        public byte BatteryPercent { get; set; }

        /// <summary>True while the charger is charging.</summary>
        public bool Charging { get; set; }

        /// <summary>Board temperature, °C (0.01 °C resolution on the wire).</summary>
        public float TemperatureC { get; set; }

        /// <summary>Error flags.</summary>
        public BandErrors Errors { get; set; }

        /// <summary>State of calib.bin as found at boot or after the last write.</summary>
        public CalibrationRecordState CalibrationState { get; set; }

        /// <summary>Which calibration is in use.</summary>
        public CalibrationSource CalibrationSource { get; set; }

        /// <summary>Current stream mode.</summary>
        public StreamMode Mode { get; set; }

        /// <summary>True while streaming is on.</summary>
        public bool Streaming { get; set; }

        /// <summary>Firmware major version.</summary>
        public byte FirmwareMajor { get; set; }

        /// <summary>Firmware minor version.</summary>
        public byte FirmwareMinor { get; set; }

        /// <summary>Firmware patch version.</summary>
        public byte FirmwarePatch { get; set; }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(StatusFrame other)
        {
            Sequence = other.Sequence;
            TimestampTicks = other.TimestampTicks;
            BatteryMv = other.BatteryMv;
            BatteryPercent = other.BatteryPercent;
            Charging = other.Charging;
            TemperatureC = other.TemperatureC;
            Errors = other.Errors;
            CalibrationState = other.CalibrationState;
            CalibrationSource = other.CalibrationSource;
            Mode = other.Mode;
            Streaming = other.Streaming;
            FirmwareMajor = other.FirmwareMajor;
            FirmwareMinor = other.FirmwareMinor;
            FirmwarePatch = other.FirmwarePatch;
        }

        internal void WritePayload(byte[] buffer, int offset)
        {
            LittleEndian.WriteUInt16(buffer, offset, BatteryMv);
            int percent = BatteryPercent > BatteryPercentUnknown ? BatteryPercentUnknown : BatteryPercent;
            buffer[offset + 2] = (byte)(percent | (Charging ? 0x80 : 0));
            LittleEndian.WriteUInt16(buffer, offset + 3, FixedPoint.ToInt16(TemperatureC, FixedPoint.TemperatureUnitC));
            LittleEndian.WriteUInt16(buffer, offset + 5, (int)Errors);
            buffer[offset + 7] = (byte)(((int)CalibrationState & 0xF) | (((int)CalibrationSource & 0xF) << 4));
            buffer[offset + 8] = (byte)(((int)Mode & 0xF) | (Streaming ? 0x80 : 0));
            buffer[offset + 9] = FirmwareMajor;
            buffer[offset + 10] = FirmwareMinor;
            buffer[offset + 11] = FirmwarePatch;
        }

        internal void ReadPayload(byte[] buffer, int offset)
        {
            BatteryMv = LittleEndian.ReadUInt16(buffer, offset);
            BatteryPercent = (byte)(buffer[offset + 2] & 0x7F);
            Charging = (buffer[offset + 2] & 0x80) != 0;
            TemperatureC = FixedPoint.FromInt16(LittleEndian.ReadInt16(buffer, offset + 3), FixedPoint.TemperatureUnitC);
            Errors = (BandErrors)LittleEndian.ReadUInt16(buffer, offset + 5);
            CalibrationState = (CalibrationRecordState)(buffer[offset + 7] & 0xF);
            CalibrationSource = (CalibrationSource)(buffer[offset + 7] >> 4);
            Mode = (StreamMode)(buffer[offset + 8] & 0xF);
            Streaming = (buffer[offset + 8] & 0x80) != 0;
            FirmwareMajor = buffer[offset + 9];
            FirmwareMinor = buffer[offset + 10];
            FirmwarePatch = buffer[offset + 11];
        }
    }
}
