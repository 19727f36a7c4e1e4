using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake;

/// <summary>
/// One data unit accepted by the intake, in sequence order: a single frame or one record of a batch (batches are
/// unpacked). Exactly one of <see cref="Angle"/>, <see cref="RawImu"/>, <see cref="Status"/>, <see cref="Response"/>
/// is set, per <see cref="Type"/>. Times: <see cref="BandTimeS"/> is the band clock unwrapped past the 24-bit wrap
/// (continuous from the first frame's timestamp), <see cref="GatewayTimeS"/> the same instant on the gateway clock
/// (<see cref="BandClockMapper"/>), <see cref="ArrivalS"/> when the bytes arrived.
/// </summary>
public sealed class IntakeFrame
{
    /// <summary>The band that sent it.</summary>
    public required string BandId { get; init; }

    /// <summary>Angle, RawImu, Status or Response.</summary>
    public FrameType Type { get; init; }

    /// <summary>Sequence number (16 bits, wraps).</summary>
    public ushort Sequence { get; init; }

    /// <summary>Sequence number unwrapped (continuous count since the first frame's number).</summary>
    public long UnwrappedSequence { get; init; }

    /// <summary>The 24-bit band timestamp as received, 10 µs ticks.</summary>
    public uint TimestampTicks { get; init; }

    /// <summary>Band time, s, unwrapped (continuous; its origin is the band's clock origin modulo 167.77 s).</summary>
    public double BandTimeS { get; set; }

    /// <summary>The band instant on the gateway clock, s (drift-corrected).</summary>
    public double GatewayTimeS { get; set; }

    /// <summary>When the frame arrived at the gateway, s.</summary>
    public double ArrivalS { get; init; }

    /// <summary>The angle sample when <see cref="Type"/> is Angle.</summary>
    public AngleFrame? Angle { get; init; }

    /// <summary>The raw IMU sample when <see cref="Type"/> is RawImu.</summary>
    public RawImuFrame? RawImu { get; init; }

    /// <summary>The band status when <see cref="Type"/> is Status.</summary>
    public StatusFrame? Status { get; init; }

    /// <summary>The command response when <see cref="Type"/> is Response.</summary>
    public ResponseFrame? Response { get; init; }
}

/// <summary>
/// Frames that never arrived: sequence numbers <see cref="FirstSequence"/> … + <see cref="Count"/> − 1 between two
/// accepted frames. The session marks this span as missing; nothing is interpolated.
/// </summary>
/// <param name="BandId">The band.</param>
/// <param name="FirstSequence">First missing sequence number.</param>
/// <param name="Count">Number of missing frames (data units).</param>
/// <param name="StartGatewayTimeS">Gateway time of the last frame before the gap (NaN if none).</param>
/// <param name="EndGatewayTimeS">Gateway time of the first frame after the gap.</param>
public sealed record IntakeGap(string BandId, ushort FirstSequence, int Count, double StartGatewayTimeS, double EndGatewayTimeS)
{
    /// <summary>Duration of the hole, s.</summary>
    public double DurationS => EndGatewayTimeS - StartGatewayTimeS;
}
