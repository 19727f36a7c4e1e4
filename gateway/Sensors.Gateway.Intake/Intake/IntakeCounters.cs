using System.Collections.Generic;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake;

/// <summary>What the intake has seen on one band's stream (diagnostics; all counts of data units unless said).</summary>
public sealed class IntakeCounters
{
    /// <summary>Datagrams handed to the intake.</summary>
    public long Datagrams { get; internal set; }

    /// <summary>Data units (frames, batch records) decoded.</summary>
    public long Received { get; internal set; }

    /// <summary>Data units passed on in sequence order.</summary>
    public long Accepted { get; internal set; }

    /// <summary>Data units declared lost (sum of gap counts).</summary>
    public long Lost { get; internal set; }

    /// <summary>Gaps reported.</summary>
    public long Gaps { get; internal set; }

    /// <summary>Copies of units already accepted or waiting (dropped).</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Units that arrived after a later one and were put back in order by the window.</summary>
    public long Reordered { get; internal set; }

    /// <summary>Units that arrived after they had been declared lost (dropped; the gap stays marked).</summary>
    public long Late { get; internal set; }

    /// <summary>Datagrams that did not decode.</summary>
    public long Malformed { get; internal set; }

    /// <summary>Malformed datagrams per decoder status.</summary>
    public Dictionary<DecodeStatus, long> MalformedByStatus { get; } = [];

    /// <summary>Clock jumps reported.</summary>
    public long ClockJumps { get; internal set; }

    /// <summary>Sequence restarts reported.</summary>
    public long SequenceRestarts { get; internal set; }

    /// <summary>Loss ratio: lost / (accepted + lost).</summary>
    public double LossRatio => Accepted + Lost == 0 ? 0.0 : (double)Lost / (Accepted + Lost);
}
