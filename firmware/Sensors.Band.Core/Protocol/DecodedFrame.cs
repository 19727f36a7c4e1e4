namespace Sensors.Band.Protocol
{
    /// <summary>
    /// Preallocated result of <see cref="FrameDecoder.TryDecode"/>: <see cref="Type"/> says which member holds the frame.
    /// Allocate one per receive loop and reuse it; its content is meaningful only after <see cref="DecodeStatus.Ok"/>.
    /// </summary>
    public sealed class DecodedFrame
    {
        /// <summary>Creates the result with all frame objects.</summary>
        public DecodedFrame()
        {
            Angle = new AngleFrame();
            RawImu = new RawImuFrame();
            Status = new StatusFrame();
            Batch = new BatchFrame();
            Response = new ResponseFrame();
            Command = new CommandFrame();
        }

        /// <summary>Frame type (all raw codes 0x8–0xF decode to <see cref="FrameType.RawImu"/>).</summary>
        public FrameType Type { get; internal set; }

        /// <summary>Protocol version read from byte 0.</summary>
        public int Version { get; internal set; }

        /// <summary>Frame length in bytes.</summary>
        public int Length { get; internal set; }

        /// <summary>The frame when <see cref="Type"/> is Angle.</summary>
        public AngleFrame Angle { get; private set; }

        /// <summary>The frame when <see cref="Type"/> is RawImu.</summary>
        public RawImuFrame RawImu { get; private set; }

        /// <summary>The frame when <see cref="Type"/> is Status.</summary>
        public StatusFrame Status { get; private set; }

        /// <summary>The frame when <see cref="Type"/> is Batch.</summary>
        public BatchFrame Batch { get; private set; }

        /// <summary>The frame when <see cref="Type"/> is Response.</summary>
        public ResponseFrame Response { get; private set; }

        /// <summary>The frame when <see cref="Type"/> is Command.</summary>
        public CommandFrame Command { get; private set; }
    }
}
