using System;
using System.Collections.Generic;

namespace Sensors.Gateway.Sessions.Recording;

/// <summary>
/// A finished (or aborted) session as the live pipeline hands it to the <see cref="SessionRecorder"/>. Plain data, no
/// dependency on the rep core, so the pipeline maps its own types onto it. SI units; times of reps, events and angle
/// samples are seconds since <see cref="StartedAt"/>.
/// </summary>
public sealed record SessionRecord
{
    /// <summary>Session id (unique per gateway; 1–64 of a-z 0-9 - _).</summary>
    public required string SessionId { get; init; }
    /// <summary>Citizen pseudonym (never a name).</summary>
    public required string Citizen { get; init; }
    /// <summary>Bands used.</summary>
    public IReadOnlyList<string> Bands { get; init; } = [];
    /// <summary>Session start (UTC, gateway clock).</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Session end (UTC, gateway clock).</summary>
    public required DateTimeOffset EndedAt { get; init; }
    /// <summary>Program id the session followed.</summary>
    public string? ProgramId { get; init; }
    /// <summary>Program version the session followed.</summary>
    public int ProgramVersion { get; init; }
    /// <summary>True when the citizen ended the session before the program was done.</summary>
    public bool Aborted { get; init; }
    /// <summary>Per exercise prescription and targets (counts and angles are computed from <see cref="Reps"/>).</summary>
    public IReadOnlyList<ExerciseResult> Exercises { get; init; } = [];
    /// <summary>Reps in time order (complete and incomplete).</summary>
    public IReadOnlyList<RepResult> Reps { get; init; } = [];
    /// <summary>Feedback events in time order.</summary>
    public IReadOnlyList<SessionEvent> Events { get; init; } = [];
    /// <summary>Joint-angle samples at the band rate (e.g. 100 Hz) in time order; invalid samples are gaps.</summary>
    public IReadOnlyList<AngleSample> Angles { get; init; } = [];
    /// <summary>Angle channel name on the curve topic (knee_flexion, hip_flexion, hip_abduction).</summary>
    public string Channel { get; init; } = "knee_flexion";
    /// <summary>Time without data (radio gaps), s.</summary>
    public double GapsS { get; init; }
    /// <summary>Frames lost (sequence gaps).</summary>
    public long FramesLost { get; init; }
    /// <summary>Strap slips detected and re-fitted from movement.</summary>
    public int StrapSlips { get; init; }
}

/// <summary>One exercise of the session: what the program prescribed and the level's targets.</summary>
public sealed record ExerciseResult
{
    /// <summary>Catalogue exercise id.</summary>
    public required string ExerciseId { get; init; }
    /// <summary>easy, medium or hard.</summary>
    public required string Level { get; init; }
    /// <summary>Sets prescribed.</summary>
    public int SetsPrescribed { get; init; }
    /// <summary>Sets done.</summary>
    public int SetsDone { get; init; }
    /// <summary>Reps prescribed in total (reps × sets).</summary>
    public int RepsPrescribed { get; init; }
    /// <summary>The level's flexion target, rad.</summary>
    public double? TargetFlexionRad { get; init; }
    /// <summary>The level's extension target, rad.</summary>
    public double? TargetExtensionRad { get; init; }
}

/// <summary>One rep as the rep core reported it (maps from <c>Sensors.Gateway.Core.Reps.Rep</c>).</summary>
public sealed record RepResult
{
    /// <summary>Catalogue exercise id.</summary>
    public required string ExerciseId { get; init; }
    /// <summary>easy, medium or hard.</summary>
    public required string Level { get; init; }
    /// <summary>Set (1-based).</summary>
    public int Set { get; init; }
    /// <summary>Start, s since session start.</summary>
    public double StartS { get; init; }
    /// <summary>End, s since session start.</summary>
    public double EndS { get; init; }
    /// <summary>Peak flexion, rad.</summary>
    public double PeakFlexionRad { get; init; }
    /// <summary>Lowest angle (negative = hyperextension), rad.</summary>
    public double MinFlexionRad { get; init; }
    /// <summary>Peak |angular velocity|, rad/s.</summary>
    public double PeakRateRadPerS { get; init; }
    /// <summary>Hold at the target, s.</summary>
    public double HoldS { get; init; }
    /// <summary>Smoothness score (higher is smoother).</summary>
    public double Smoothness { get; init; }
    /// <summary>True for a complete rep (counted).</summary>
    public bool Complete { get; init; }
    /// <summary>Flags in contract words: target_reached, too_fast, hold_too_short, hyperextension, compensation, spans_gap.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}

/// <summary>One feedback event shown to the citizen.</summary>
public sealed record SessionEvent
{
    /// <summary>Time, s since session start.</summary>
    public double TS { get; init; }
    /// <summary>rep_counted, target_reached, target_missed, slow_down, hold, straighten_fully, set_done, session_done.</summary>
    public required string Kind { get; init; }
    /// <summary>Exercise id.</summary>
    public string? ExerciseId { get; init; }
    /// <summary>Set (1-based), 0 when not applicable.</summary>
    public int Set { get; init; }
    /// <summary>Rep index, -1 when not applicable.</summary>
    public int Rep { get; init; } = -1;
    /// <summary>Text shown or detail.</summary>
    public string? Detail { get; init; }
}

/// <summary>One joint-angle sample at the band rate.</summary>
/// <param name="TS">Time, s since session start.</param>
/// <param name="FlexionRad">Joint angle, rad (flexion +); ignored when not <paramref name="Valid"/>.</param>
/// <param name="Valid">False for a sample inside a gap (lost frames, no fit yet).</param>
public readonly record struct AngleSample(double TS, double FlexionRad, bool Valid);
