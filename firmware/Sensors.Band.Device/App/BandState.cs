using Sensors.Band.Protocol;

namespace Sensors.Band.Device.App
{
    /// <summary>
    /// What the commands change and the status frame reports: streaming on/off, mode, raw range, batching request, the
    /// shared frame sequence and the sticky error flags. Touched by the sample loop thread only.
    /// </summary>
    public sealed class BandState
    {
        /// <summary>Firmware version reported in status frames (major).</summary>
        public const byte FirmwareMajor = 0;

        /// <summary>Firmware version reported in status frames (minor).</summary>
        public const byte FirmwareMinor = 1;

        /// <summary>Firmware version reported in status frames (patch).</summary>
        public const byte FirmwarePatch = 0;

        private ushort _sequence;

        /// <summary>Boot state: not streaming, angle mode, raw range ±4 g / ±500 °/s (the band's default full scales).</summary>
        public BandState()
        {
            Mode = StreamMode.Angles;
            RawRange = RawImuRange.G4Dps500;
            BatchRecords = 1;
        }

        /// <summary>True between StartStreaming and StopStreaming.</summary>
        public bool Streaming { get; set; }

        /// <summary>What is streamed.</summary>
        public StreamMode Mode { get; set; }

        /// <summary>Paired full scale of both IMUs (used in every mode; raw frames carry it).</summary>
        public RawImuRange RawRange { get; set; }

        /// <summary>Set by SetMode when <see cref="RawRange"/> changed; the sample loop re-initializes both IMUs and clears it.</summary>
        public bool RangeChangePending { get; set; }

        /// <summary>Most records per notification the gateway allows (1 = single frames).</summary>
        public int BatchRecords { get; set; }

        /// <summary>Strap-slip count of the estimator when streaming last started (the angle flag is set while it grew since).</summary>
        public int SlipCountAtStart { get; set; }

        /// <summary>Sticky until the next status frame: an IMU clipped.</summary>
        public bool SaturatedSinceStatus { get; set; }

        /// <summary>Sticky until the next status frame: a notification was refused.</summary>
        public bool DroppedSinceStatus { get; set; }

        /// <summary>Set when the last calibration save failed; cleared by a successful one.</summary>
        public bool StorageWriteFailed { get; set; }

        /// <summary>Takes the next sequence number (wraps at 65536).</summary>
        public ushort NextSequence()
        {
            ushort s = _sequence;
            _sequence = SequenceNumber.Add(_sequence, 1);
            return s;
        }
    }
}
