using System;
using Sensors.Gateway.Core.Reps;

namespace Sensors.Gateway.Exercises;

/// <summary>Builds the repetition core's settings for an exercise at a level for one citizen.</summary>
public static class ExerciseRepSettings
{
    /// <summary>The isometric exercise (counted as holds, not out-and-back moves).</summary>
    public const string IsometricExerciseId = "quad_set";

    /// <summary>The thresholds follow the reachable excursion when it is below this fraction of the prescribed one. 0.9.</summary>
    public const double MinReachableFraction = 0.9;

    /// <summary>
    /// <see cref="RepDetectorSettings"/> for (exercise, level, citizen baseline): the target excursion is measured from where
    /// this citizen starts (<see cref="CitizenBaseline.EffectiveStartRad"/>) to the level's target; hold and time to target
    /// as prescribed; quad set in isometric mode; hyperextension checked on knee exercises only.
    /// </summary>
    public static RepDetectorSettings For(Exercise exercise, ExerciseLevel level, CitizenBaseline? baseline = null, double sampleRateHz = 100)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        LevelPrescription p = exercise.Level(level);
        CitizenBaseline b = baseline ?? CitizenBaseline.Default;
        double start = b.EffectiveStartRad(exercise, p);
        RepDetectorSettings settings = RepDetectorSettings.FromTargets(start, p.TargetRad, p.HoldS, p.UpS, sampleRateHz,
            isometric: exercise.Id == IsometricExerciseId, kneeJoint: exercise.PrimaryAngle == PrimaryAngle.KneeFlexion);
        // A citizen whose range stops short of the target (quad set with an extension lag: 1.5° to the lag instead of 3° to
        // the target) is counted on the excursion they can make, and complete only at the prescribed target.
        (double lower, double upper) = b.Range(exercise.PrimaryAngle);
        double reachable = Math.Abs(Math.Clamp(p.TargetRad, lower, upper) - start);
        if (reachable < MinReachableFraction * settings.TargetExcursionRad && reachable > 0)
            settings = (settings with { TargetExcursionRad = reachable, CompleteExcursionRad = settings.TargetExcursionRad }).Validated();
        // A target beyond the citizen's range cannot be reached (the motion model's reps stop at the limit: incomplete): the
        // tolerance on the target must not make a rep to the limit complete (sit-to-stand to 10° with a 10.8° extension lag).
        // Complete then needs the prescribed excursion itself; the start pose no longer shortens it.
        double prescribed = Math.Abs(p.TargetRad - start);
        if (reachable < prescribed - 1e-9)
            settings = (settings with { TargetAngleRad = null, CompleteExcursionRad = prescribed + (1 - settings.CompleteFraction) * settings.TargetExcursionRad }).Validated();
        // The hip angle's absolute level drifts (supine abduction: gyro only about the vertical), so a start pose that reads
        // nearer the target is drift, not a citizen starting nearer: completeness on the excursion alone.
        if (exercise.IsHipExercise && settings.TargetAngleRad is not null)
            settings = (settings with { TargetAngleRad = null }).Validated();
        // Small slow movements (a 1.5–5° quad set pressed in over 1 s) stay under the 4°/s still rate: the joint would look
        // still throughout and the start pose would be relearnt onto the hold. The still rate follows the prescribed speed.
        if (p.UpS > 0)
        {
            double still = StillRateFraction * settings.TargetExcursionRad / p.UpS;
            if (still < settings.StillRateRadPerS) settings = (settings with { StillRateRadPerS = still }).Validated();
        }
        return settings;
    }

    /// <summary>The still rate is at most this fraction of the prescribed mean speed (excursion / time to target). 0.25.</summary>
    public const double StillRateFraction = 0.25;
}
