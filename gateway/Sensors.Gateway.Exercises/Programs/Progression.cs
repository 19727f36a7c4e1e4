using System;
using System.Collections.Generic;
using System.Linq;

namespace Sensors.Gateway.Exercises.Programs;

/// <summary>What a finished session says about one exercise (from the rep core's per-rep results).</summary>
/// <param name="RepsPrescribed">sets × reps of the program item.</param>
/// <param name="RepsComplete">Complete reps counted.</param>
/// <param name="Hyperextension">Any rep flagged hyperextension.</param>
/// <param name="Compensation">Any rep flagged compensation.</param>
public sealed record ExerciseSessionResult(string ExerciseId, ExerciseLevel Level, DateTimeOffset EndedAt, int RepsPrescribed, int RepsComplete, bool Hyperextension, bool Compensation)
{
    /// <summary>Complete reps / prescribed reps (0…1, capped).</summary>
    public double CompleteFraction => RepsPrescribed <= 0 ? 0 : Math.Min(1.0, (double)RepsComplete / RepsPrescribed);
}

/// <summary>Settings of <see cref="ProgressionRule"/> (defaults documented in gateway/README.md).</summary>
public sealed record ProgressionSettings
{
    /// <summary>Sessions looked at. Default 3.</summary>
    public int Window { get; init; } = 3;

    /// <summary>Every session of the window at least this complete → propose the next level. Default 0.8.</summary>
    public double AdvanceFraction { get; init; } = 0.8;

    /// <summary>Below this complete fraction a session counts as struggling. Default 0.5.</summary>
    public double StruggleFraction { get; init; } = 0.5;

    /// <summary>Struggling sessions within the window that propose the previous level. Default 2.</summary>
    public int StruggleSessions { get; init; } = 2;
}

/// <summary>A proposal for the therapist to accept or reject (never applied automatically).</summary>
public sealed record ProgressionProposal(string ExerciseId, ExerciseLevel CurrentLevel, ExerciseLevel ProposedLevel, string Reason)
{
    public bool IsChange => ProposedLevel != CurrentLevel;
}

/// <summary>
/// Progression rule: looks at the last N (=3) sessions of an exercise at its current level (sessions at another level are
/// ignored). ≥ 2 of them under 50 % complete → propose the previous level (safety first, checked before advancing);
/// all N at ≥ 80 % complete with no hyperextension or compensation flag → propose the next level; otherwise stay.
/// Hard stays hard, easy stays easy.
/// </summary>
public sealed class ProgressionRule(ProgressionSettings? settings = null)
{
    public ProgressionSettings Settings { get; } = settings ?? new ProgressionSettings();

    public ProgressionProposal Propose(string exerciseId, ExerciseLevel current, IEnumerable<ExerciseSessionResult> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        List<ExerciseSessionResult> last = history.Where(h => h.ExerciseId == exerciseId && h.Level == current)
            .OrderByDescending(h => h.EndedAt).Take(Settings.Window).ToList();
        int struggling = last.Count(h => h.CompleteFraction < Settings.StruggleFraction);
        if (struggling >= Settings.StruggleSessions && current > ExerciseLevel.Easy)
            return new(exerciseId, current, current - 1, $"{struggling} of the last {last.Count} sessions had under {Settings.StruggleFraction:P0} complete reps");
        if (last.Count < Settings.Window)
            return new(exerciseId, current, current, $"{last.Count} of {Settings.Window} sessions at this level so far");
        if (last.Any(h => h.Hyperextension || h.Compensation))
            return new(exerciseId, current, current, "a recent session had a hyperextension or compensation flag");
        if (last.All(h => h.CompleteFraction >= Settings.AdvanceFraction) && current < ExerciseLevel.Hard)
            return new(exerciseId, current, current + 1, $"the last {last.Count} sessions had ≥ {Settings.AdvanceFraction:P0} complete reps and no flags");
        return new(exerciseId, current, current, "keep the level");
    }
}
