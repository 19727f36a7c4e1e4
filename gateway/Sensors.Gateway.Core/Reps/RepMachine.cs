using System;

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

    /// <summary>In a rep, the sample is at the settled pose (within ±onset): a rep from that pose would start here.</summary>
    PlateauLow = 16,

    /// <summary>A settled pose in the rep became the start pose: the rep in progress ended or was dropped, a rep from the pose started.</summary>
    Restarted = 32,

    /// <summary>In a rep, a settled pose was set at this sample (the rep in progress, should it end at a restart, ends here).</summary>
    PlateauSet = 64,
}

/// <summary>
/// The rep state machine, one valid sample at a time. Shared by the streaming detector and (for samples the SIMD fast path
/// cannot skip) the batch paths, so that every path takes exactly the same decisions.
/// Rest: the baseline b moves to a sample that has been still for StillMinS when that sample is within ±onset of b and of
/// the baseline at the start of the current still run (drift and settling, but neither a slow movement below the still
/// rate nor the still turning point of a fidget can drag the baseline along), or to any sample still for BaselineRelearnS (a new start pose); before
/// the first still period there is no baseline. Cycle mode: b is the valley since the last cycle. Excursion e = u − b;
/// e ≤ onset marks the start pose, e ≥ enter starts a rep whose start is the last start-pose sample. In a rep (base fixed): it ends at the first sample with e ≤ onset, or (not Cycle) e &lt; (onset + enter) / 2 while
/// still for StillMinS, or e &lt; enter while settled (still for BaselineShiftS within ±onset) or still for BaselineRelearnS;
/// it is dropped after MaxRepDurationS, or when settled below half the target excursion for longer than a hold explains
/// (BaselineShiftS + 1.5 × prescribed hold: an offset step at rest, not a rep), and the start pose is relearnt there.
/// Rest: a settled sample below the enter level becomes the new start pose (an offset step at rest; issue #4).
/// Plateau restart (PlateauRestartLevel > 0, not Cycle): in a rep, the first settled sample of each still run marks a
/// plateau P (and the rep's peak so far); a later sample at P + PlateauRestartLevel or beyond makes P the start pose: the
/// rep in progress ends (counted, its span ending where P settled) when its peak before P went beyond P by the enter level, else it is dropped (an offset
/// step, e.g. a band slip during a set), and a rep from P starts at the last sample within ±onset of P (issue #4).
/// The rep reported on <see cref="StepResult.Ended"/> is [EndStart, j] with start pose EndBase.
/// </summary>
internal struct RepMachine
{
    public RepDetectorState State;
    public float Baseline;
    public long LastLow;
    public long RepStart;
    public float RepBase;
    public float Anchor;

    /// <summary>Progress u at the first sample of the current still run.</summary>
    public float RunStart;

    /// <summary>The current still run has settled (and, in a rep, set the plateau).</summary>
    public bool RunSettled;

    /// <summary>In a rep: a settled pose P is known.</summary>
    public bool HasPlateau;

    /// <summary>In a rep: the settled pose P (progress u).</summary>
    public float Plateau;

    /// <summary>In a rep: the last sample within ±onset of P.</summary>
    public long PlateauLow;

    /// <summary>In a rep: the largest u so far.</summary>
    public float RepPeak;

    /// <summary>In a rep: the largest u before P settled.</summary>
    public float PlateauPeak;

    /// <summary>In a rep: the sample at which P settled.</summary>
    public long PlateauAt;

    /// <summary>Span start of the rep reported by the last <see cref="StepResult.Ended"/>.</summary>
    public long EndStart;

    /// <summary>Span end (inclusive) of the rep reported by the last <see cref="StepResult.Ended"/>: the sample itself, or P's settling sample at a restart.</summary>
    public long EndAt;

    /// <summary>Start pose of the rep reported by the last <see cref="StepResult.Ended"/>.</summary>
    public float EndBase;

    public static RepMachine Create() => new() { State = RepDetectorState.LearningBaseline, LastLow = -1, RepStart = -1, EndStart = -1 };

    public StepResult Step(RepCoreParameters p, long j, float u, int stillRun)
    {
        bool sustained = stillRun >= p.StillSamples;
        if (stillRun <= 1) RunSettled = false;
        if (stillRun == 1) RunStart = u;
        bool settled = !p.IsCycle && stillRun >= p.ShiftSamples && MathF.Abs(u - RunStart) <= p.OnsetLevel;
        StepResult result = StepResult.None;
        if (State == RepDetectorState.InRep)
        {
            float e = u - RepBase;
            if (e <= p.OnsetLevel || (!p.IsCycle && ((e < p.SettleLevel && sustained) || (e < p.EnterLevel && (settled || stillRun >= p.RelearnSamples)))))
            {
                result = StepResult.Ended | StepResult.Low;
                EndStart = RepStart;
                EndAt = j;
                EndBase = RepBase;
                State = RepDetectorState.Rest;
                HasPlateau = false;
                LastLow = j; // the end of a rep is the earliest start of the next one
                if (p.IsCycle) Baseline = u;
            }
            else if (j - RepStart > p.MaxRepSamples || (settled && stillRun >= p.StuckSamples && e < p.HalfLevel))
            {
                result = StepResult.Aborted;
                HasPlateau = false;
                if (p.IsCycle) { State = RepDetectorState.Rest; Baseline = u; }
                else State = RepDetectorState.LearningBaseline;
            }
            else if (p.PlateauRestart)
            {
                return Plateaus(p, j, u, settled);
            }
            else
            {
                return StepResult.None;
            }
        }
        return result | Rest(p, j, u, stillRun, settled);
    }

    /// <summary>In a rep (not ended or dropped at this sample): plateau bookkeeping and the restart from a plateau.</summary>
    private StepResult Plateaus(RepCoreParameters p, long j, float u, bool settled)
    {
        if (HasPlateau && u - Plateau >= p.PlateauRestartLevel)
        {
            StepResult r = StepResult.Started | StepResult.Restarted;
            if (PlateauPeak - Plateau >= p.EnterLevel)
            {
                r |= StepResult.Ended;
                EndStart = RepStart;
                EndAt = PlateauAt;
                EndBase = RepBase;
            }
            else
            {
                r |= StepResult.Aborted;
            }
            RepStart = PlateauLow;
            RepBase = Plateau;
            Baseline = Plateau;
            Anchor = Plateau;
            HasPlateau = false;
            RepPeak = u;
            return r;
        }
        StepResult set = StepResult.None;
        if (settled && !RunSettled)
        {
            RunSettled = true;
            HasPlateau = true;
            Plateau = u;
            PlateauPeak = MathF.Max(RepPeak, u);
            PlateauAt = j;
            set = StepResult.PlateauSet;
        }
        if (u > RepPeak) RepPeak = u;
        if (HasPlateau && u - Plateau <= p.OnsetLevel)
        {
            PlateauLow = j;
            return set | StepResult.PlateauLow;
        }
        return set;
    }

    private StepResult Rest(RepCoreParameters p, long j, float u, int stillRun, bool settled)
    {
        if (p.IsCycle)
        {
            if (State == RepDetectorState.LearningBaseline || u < Baseline) { Baseline = u; State = RepDetectorState.Rest; }
        }
        else
        {
            if (stillRun == 1) Anchor = Baseline;
            if (stillRun >= p.StillSamples
                && (State == RepDetectorState.LearningBaseline || (MathF.Abs(u - Baseline) <= p.OnsetLevel && MathF.Abs(u - Anchor) <= p.OnsetLevel) || stillRun >= p.RelearnSamples))
            {
                if (State == RepDetectorState.LearningBaseline) Anchor = u;
                Baseline = u;
                State = RepDetectorState.Rest;
            }
            else if (settled && State == RepDetectorState.Rest && u - Baseline < p.EnterLevel)
            {
                Baseline = u; // a new start pose after an offset step at rest (never a hold: that is at or beyond the enter level)
            }
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
            HasPlateau = false;
            RepPeak = u;
            return StepResult.Started;
        }
        return StepResult.None;
    }
}
