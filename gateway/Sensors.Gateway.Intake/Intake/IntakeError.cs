using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake;

/// <summary>Kinds of problem the intake reports (and counts) instead of throwing.</summary>
public enum IntakeErrorKind
{
    /// <summary>The bytes do not decode (<see cref="IntakeError.DecodeStatus"/> says why: CRC, length, version, type, batch).</summary>
    MalformedFrame,

    /// <summary>A frame type the band must not send (a command on the notify stream).</summary>
    UnexpectedFrameType,

    /// <summary>A frame from a device the gateway does not know.</summary>
    UnknownDevice,

    /// <summary>The band clock jumped against the gateway clock (reset, firmware bug): the clock mapping is re-anchored.</summary>
    ClockJump,

    /// <summary>The sequence number restarted far behind (band reboot): a new stream starts; the hole is unknown.</summary>
    SequenceRestart,
}

/// <summary>One reported problem; <see cref="Message"/> names the band, the sequence number and what was wrong.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="BandId">The band (or the unknown device id).</param>
/// <param name="Sequence">Sequence number of the frame concerned (−1 when it did not decode).</param>
/// <param name="ArrivalS">Arrival time of the frame concerned, s.</param>
/// <param name="DecodeStatus">Decoder status for <see cref="IntakeErrorKind.MalformedFrame"/>, else Ok.</param>
/// <param name="Message">Human-readable description.</param>
public sealed record IntakeError(IntakeErrorKind Kind, string BandId, int Sequence, double ArrivalS, DecodeStatus DecodeStatus, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}
