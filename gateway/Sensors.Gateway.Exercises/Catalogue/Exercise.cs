using System;
using System.Collections.Generic;

namespace Sensors.Gateway.Exercises;

/// <summary>One catalogue exercise: stable id (the same in firmware, gateway, analytics), posture, primary angle, three levels.</summary>
public sealed class Exercise
{
    private readonly LevelPrescription[] _levels;

    public Exercise(string id, string title, Posture posture, PrimaryAngle primaryAngle, LevelPrescription easy, LevelPrescription medium, LevelPrescription hard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(easy);
        ArgumentNullException.ThrowIfNull(medium);
        ArgumentNullException.ThrowIfNull(hard);
        Id = id;
        Title = title ?? id;
        Posture = posture;
        PrimaryAngle = primaryAngle;
        _levels = [easy, medium, hard];
    }

    /// <summary>Stable id, e.g. "heel_slide".</summary>
    public string Id { get; }

    public string Title { get; }

    public Posture Posture { get; }

    /// <summary>The joint angle a rep is counted on.</summary>
    public PrimaryAngle PrimaryAngle { get; }

    /// <summary>True when the primary angle is a hip angle (measured from the thigh band alone).</summary>
    public bool IsHipExercise => PrimaryAngle != PrimaryAngle.KneeFlexion;

    /// <summary>The three levels, easy to hard.</summary>
    public IReadOnlyList<LevelPrescription> Levels => _levels;

    /// <summary>The prescription of a level.</summary>
    public LevelPrescription Level(ExerciseLevel level) =>
        (int)level is >= 0 and <= 2 ? _levels[(int)level] : throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level.");

    public override string ToString() => Id;
}
