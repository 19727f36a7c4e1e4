namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// The raw per-rep measurements over the span [Start, End] (sample indices, inclusive), as all three implementations
/// compute them, and the one place that turns them into a <see cref="Rep"/> (or discards the movement).
/// </summary>
internal struct RepSpanMetrics
{
    public long Start;
    public long End;
    public long PeakIndex;
    public float Base;
    public float PeakU;
    public float MaxAngle;
    public float MinAngle;
    public float MaxSpeed;
    public long HoldSamples;
    public int VelocityPeaks;
    public bool HasSecondary;
    public float SecondaryMax;
    public float SecondaryMin;
    public bool Gap;

    /// <summary>Builds the rep, or returns false when the movement is not a rep (too short; isometric without a hold).</summary>
    public readonly bool TryBuild(RepCoreParameters p, int index, double startTimeS, out Rep rep)
    {
        rep = default;
        if (End - Start < p.MinRepSamples) return false;
        if (p.IsIsometric && HoldSamples < p.IsometricMinHoldSamples) return false;

        float excursion = PeakU - Base;
        bool target = excursion >= p.CompleteLevelFor(Base);
        if (!target && HoldSamples < p.PartialMinHoldSamples) return false;
        bool holdShort = p.HoldReachedSamples > 0 && HoldSamples < p.HoldReachedSamples;
        float secondaryRange = HasSecondary ? SecondaryMax - SecondaryMin : 0f;
        RepFindings flags = RepFindings.None;
        if (target) flags |= RepFindings.TargetReached;
        if (p.TooFastSamples > 0 && PeakIndex - Start < p.TooFastSamples) flags |= RepFindings.TooFast;
        if (holdShort) flags |= RepFindings.HoldTooShort;
        if (MinAngle < p.HyperextensionLimit) flags |= RepFindings.Hyperextension;
        if (HasSecondary && secondaryRange > p.CompensationLimit) flags |= RepFindings.Compensation;
        if (Gap) flags |= RepFindings.SpansGap;
        bool complete = target && (!p.IsIsometric || !holdShort);
        // The span starts at the last sample within the onset band of the start pose, so the start pose itself can lie
        // just outside it: the reported extremes (and so the ROM) include the start pose the excursion is measured from.
        // Without this the ROM read 4–10° short, the onset band on the start side (issue #4 accuracy table).
        float baseAngle = p.Sign * Base;
        float maxAngle = baseAngle > MaxAngle ? baseAngle : MaxAngle;
        float minAngle = baseAngle < MinAngle ? baseAngle : MinAngle;

        rep = new Rep(
            index,
            p.TimeOf(Start, startTimeS),
            p.TimeOf(PeakIndex, startTimeS),
            p.TimeOf(End, startTimeS),
            baseAngle,
            maxAngle,
            minAngle,
            excursion,
            MaxSpeed,
            HoldSamples / p.Rate,
            VelocityPeaks,
            secondaryRange,
            complete,
            flags);
        return true;
    }
}
