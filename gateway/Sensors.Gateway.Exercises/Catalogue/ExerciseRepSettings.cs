using System;
using Sensors.Gateway.Core.Reps;

namespace Sensors.Gateway.Exercises;

/// <summary>Builds the repetition core's settings for an exercise at a level for one citizen.</summary>
public static class ExerciseRepSettings
{
    /// <summary>The isometric exercise (counted as holds, not out-and-back moves).</summary>
    public const string IsometricExerciseId = "quad_set";

    /// <summary>
    /// <see cref="RepDetectorSettings"/> for (exercise, level, citizen baseline): the target excursion is measured from where
    /// this citizen starts (<see cref="CitizenBaseline.EffectiveStartRad"/>) to the level's target; hold and time to target
    /// as prescribed; quad set in isometric mode; hyperextension checked on knee exercises only.
    /// </summary>
    public static RepDetectorSettings For(Exercise exercise, ExerciseLevel level, CitizenBaseline? baseline = null, double sampleRateHz = 100)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        LevelPrescription p = exercise.Level(level);
        double start = (baseline ?? CitizenBaseline.Default).EffectiveStartRad(exercise, p);
        return RepDetectorSettings.FromTargets(start, p.TargetRad, p.HoldS, p.UpS, sampleRateHz,
            isometric: exercise.Id == IsometricExerciseId, kneeJoint: exercise.PrimaryAngle == PrimaryAngle.KneeFlexion);
    }
}
