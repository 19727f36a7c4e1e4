using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;

namespace Sensors.Gateway.Exercises.Evaluation;

/// <summary>Result of <see cref="RecordingRepEvaluator"/>: the reps found in a recording for an exercise and level.</summary>
/// <param name="Rows">Rows of the recording the detector saw (all rows, or those whose exercise column is the exercise).</param>
/// <param name="Mode">"exercise" (the level's out-and-back reps) or "cycle" (continuous motion: a motorised hinge never rests).</param>
/// <param name="SignFlipped">True when the estimate's sign was flipped (the flexion direction is not known without a reference pose).</param>
public sealed record RecordingRepReport(string ExerciseId, ExerciseLevel Level, int Rows, string Mode, bool SignFlipped, IReadOnlyList<Rep> Reps)
{
    public int RepsComplete
    {
        get
        {
            int n = 0;
            foreach (Rep r in Reps) if (r.Complete) n++;
            return n;
        }
    }

    public int RepsIncomplete => Reps.Count - RepsComplete;
}
