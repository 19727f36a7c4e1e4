namespace Sensors.Gateway.Core.Reps;

/// <summary>What one valid sample did to the <see cref="RepMachine"/>.</summary>
[System.Flags]
internal enum StepResult
{
    None = 0,

    /// <summary>The sample is at the start pose: the next rep's span starts here.</summary>
    Low = 1,

    Started = 2,

    Ended = 4,

    Aborted = 8,
}

/// <summary>
/// The rep state machine, one valid sample at a time. Shared by the streaming detector and (for samples the SIMD fast path
/// cannot skip) the batch paths, so that every path takes exactly the same decisions.
/// Rest: the baseline b is the angle at the latest sample that has been still for StillMinS (Cycle mode: the valley since
/// the last cycle); excursion e = u − b; e ≤ onset marks the start pose, e ≥ enter starts a rep whose start is the last
/// start-pose sample. In a rep (base fixed): it ends at the first sample with e ≤ onset, or (not Cycle) e &lt; enter while
/// still for StillMinS; it is dropped after MaxRepDurationS.
/// </summary>
internal struct RepMachine
{
    public RepDetectorState State;
    public float Baseline;
    public long LastLow;
    public long RepStart;
    public float RepBase;

    public static RepMachine Create() => new() { State = RepDetectorState.LearningBaseline, LastLow = -1, RepStart = -1 };

    public StepResult Step(RepCoreParameters p, long j, float u, bool sustained)
    {
        StepResult result = StepResult.None;
        if (State == RepDetectorState.InRep)
        {
            float e = u - RepBase;
            if (e <= p.OnsetLevel || (!p.IsCycle && e < p.EnterLevel && sustained))
            {
                result = StepResult.Ended;
                State = RepDetectorState.Rest;
                if (p.IsCycle) Baseline = u;
            }
            else if (j - RepStart > p.MaxRepSamples)
            {
                result = StepResult.Aborted;
                if (p.IsCycle) { State = RepDetectorState.Rest; Baseline = u; }
                else State = RepDetectorState.LearningBaseline;
            }
            else
            {
                return StepResult.None;
            }
        }
        return result | Rest(p, j, u, sustained);
    }

    private StepResult Rest(RepCoreParameters p, long j, float u, bool sustained)
    {
        if (p.IsCycle)
        {
            if (State == RepDetectorState.LearningBaseline || u < Baseline) { Baseline = u; State = RepDetectorState.Rest; }
        }
        else if (sustained)
        {
            Baseline = u;
            State = RepDetectorState.Rest;
        }
        if (State == RepDetectorState.LearningBaseline) return StepResult.None;
        float e = u - Baseline;
        if (e <= p.OnsetLevel)
        {
            LastLow = j;
            return StepResult.Low;
        }
        if (e >= p.EnterLevel)
        {
            State = RepDetectorState.InRep;
            RepStart = LastLow;
            RepBase = Baseline;
            return StepResult.Started;
        }
        return StepResult.None;
    }
}
