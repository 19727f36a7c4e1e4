namespace Sensors.Gateway.Exercises;

/// <summary>Difficulty level of an exercise (the catalogue's <c>easy</c> / <c>medium</c> / <c>hard</c>).</summary>
public enum ExerciseLevel
{
    Easy,
    Medium,
    Hard,
}

/// <summary>The joint angle that defines a rep of an exercise.</summary>
public enum PrimaryAngle
{
    /// <summary>Knee flexion (shank relative to thigh): flexion positive, hyperextension negative.</summary>
    KneeFlexion,

    /// <summary>Hip flexion (thigh relative to the pelvis in the start posture), from the thigh band alone.</summary>
    HipFlexion,

    /// <summary>Hip abduction (thigh relative to the pelvis in the start posture), from the thigh band alone.</summary>
    HipAbduction,
}

/// <summary>Starting posture of an exercise.</summary>
public enum Posture
{
    Supine,
    Seated,
    Standing,
    SitToStand,
}

/// <summary>Text forms used by the catalogue file and the CLI.</summary>
public static class ExerciseNames
{
    /// <summary>"easy" / "medium" / "hard".</summary>
    public static string ToId(this ExerciseLevel level) => level switch
    {
        ExerciseLevel.Easy => "easy",
        ExerciseLevel.Medium => "medium",
        ExerciseLevel.Hard => "hard",
        _ => throw new System.ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>Parses "easy" / "medium" / "hard" (exact, lower case).</summary>
    public static bool TryParseLevel(string? text, out ExerciseLevel level)
    {
        switch (text)
        {
            case "easy": level = ExerciseLevel.Easy; return true;
            case "medium": level = ExerciseLevel.Medium; return true;
            case "hard": level = ExerciseLevel.Hard; return true;
            default: level = default; return false;
        }
    }

    /// <summary>"knee_flexion" / "hip_flexion" / "hip_abduction".</summary>
    public static string ToId(this PrimaryAngle angle) => angle switch
    {
        PrimaryAngle.KneeFlexion => "knee_flexion",
        PrimaryAngle.HipFlexion => "hip_flexion",
        PrimaryAngle.HipAbduction => "hip_abduction",
        _ => throw new System.ArgumentOutOfRangeException(nameof(angle)),
    };
}
