using System.Collections.Generic;
using System.Linq;

namespace Sensors.Hardware.Exercises;

/// <summary>One line of a programme: an exercise at a level with sets × reps.</summary>
public sealed record ProgramItem(string ExerciseId, ExerciseLevel Level, int Sets, int Reps)
{
    /// <summary>The exercise at a level with the level's prescribed sets and reps.</summary>
    public static ProgramItem Prescribed(string exerciseId, ExerciseLevel level)
    {
        LevelPrescription p = ExerciseCatalogue.Get(exerciseId).Level(level);
        return new ProgramItem(exerciseId, level, p.Sets, p.Reps);
    }
}

/// <summary>Example knee-replacement (TKA) programmes.</summary>
public static class TkaPrograms
{
    /// <summary>Every catalogue exercise at one level with the level's prescribed sets × reps.</summary>
    public static IReadOnlyList<ProgramItem> Full(ExerciseLevel level) =>
        ExerciseCatalogue.All.Select(e => ProgramItem.Prescribed(e.Id, level)).ToList();

    /// <summary>
    /// Early after surgery (weeks 1–3): bed and chair exercises at easy level, 2 × 8.
    /// </summary>
    public static IReadOnlyList<ProgramItem> Early { get; } =
    [
        new(ExerciseCatalogue.QuadSet, ExerciseLevel.Easy, 2, 8),
        new(ExerciseCatalogue.HeelSlide, ExerciseLevel.Easy, 2, 8),
        new(ExerciseCatalogue.ShortArcQuad, ExerciseLevel.Easy, 2, 8),
        new(ExerciseCatalogue.StraightLegRaise, ExerciseLevel.Easy, 2, 8),
        new(ExerciseCatalogue.HipAbduction, ExerciseLevel.Easy, 2, 8),
        new(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Easy, 2, 8),
        new(ExerciseCatalogue.SeatedKneeFlexion, ExerciseLevel.Easy, 2, 8),
        new(ExerciseCatalogue.SitToStand, ExerciseLevel.Easy, 1, 5),
    ];

    /// <summary>Later (weeks 6–12): medium/hard levels including standing work.</summary>
    public static IReadOnlyList<ProgramItem> Late { get; } =
    [
        new(ExerciseCatalogue.QuadSet, ExerciseLevel.Hard, 2, 10),
        new(ExerciseCatalogue.HeelSlide, ExerciseLevel.Hard, 2, 10),
        new(ExerciseCatalogue.StraightLegRaise, ExerciseLevel.Medium, 2, 10),
        new(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Hard, 2, 10),
        new(ExerciseCatalogue.SeatedKneeFlexion, ExerciseLevel.Hard, 2, 10),
        new(ExerciseCatalogue.SitToStand, ExerciseLevel.Medium, 2, 8),
        new(ExerciseCatalogue.MiniSquat, ExerciseLevel.Medium, 2, 10),
    ];
}
