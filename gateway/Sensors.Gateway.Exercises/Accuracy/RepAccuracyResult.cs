using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;
using Sensors.Hardware.Exercises;

namespace Sensors.Gateway.Exercises.Accuracy;

/// <summary>A detected rep next to the ground-truth rep it was matched with (null: a false rep).</summary>
public sealed record MatchedRep(Rep Detected, GroundTruthRep? Truth, bool InPauseOrFidget);

/// <summary>
/// One set scored against the simulator's truth. <see cref="Detected"/> counts the detected reps attributed to the set
/// (matched to one of its reps, or unmatched with the peak inside the set's time span).
/// </summary>
public sealed record SetAccuracy(
    string ExerciseId,
    ExerciseLevel Level,
    int CitizenSeed,
    string Archetype,
    int SessionSeed,
    int SetIndex,
    int TrueReps,
    int TrueComplete,
    int Detected,
    int DetectedComplete,
    int Missed,
    int FalseReps,
    int PartialReps,
    int PartialReportedIncomplete,
    int CompletenessAgree,
    int Matched,
    double SumAbsRomErrorRad)
{
    public int CountError => Detected - TrueReps;

    public bool Exact => CountError == 0;

    public bool WithinOne => System.Math.Abs(CountError) <= 1;
}

/// <summary>One session's result: per set, plus false reps outside the sets (rests, fidgets, transitions).</summary>
public sealed record SessionAccuracy(IReadOnlyList<SetAccuracy> Sets, int FalseRepsOutsideSets, int FalseRepsInPausesOrFidgets, IReadOnlyList<MatchedRep> Reps);
