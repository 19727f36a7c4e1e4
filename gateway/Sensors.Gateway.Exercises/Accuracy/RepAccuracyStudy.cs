using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Sensors.Hardware.People;

namespace Sensors.Gateway.Exercises.Accuracy;

/// <summary>
/// The rep-accuracy study: every exercise × level × citizen archetype, fixed seeds. Citizens are drawn with
/// <c>CitizenProfile.Draw(seed, archetype)</c>; the session seed of (citizen c, exercise i, level l) is c·100 + 3i + l.
/// <see cref="TuningSeeds"/> were used while choosing settings; <see cref="AssertingSeeds"/> were not looked at until the
/// settings were frozen and are the record (table in gateway/README.md, asserted by tests).
/// </summary>
public static class RepAccuracyStudy
{
    /// <summary>Citizens used while tuning: (seed, archetype).</summary>
    public static IReadOnlyList<(int Seed, CitizenArchetype Archetype)> TuningSeeds { get; } =
    [
        (1001, CitizenArchetype.EarlyPostOp), (1002, CitizenArchetype.LatePostOp), (1003, CitizenArchetype.Healthy),
        (1004, CitizenArchetype.EarlyPostOp), (1005, CitizenArchetype.LatePostOp), (1006, CitizenArchetype.Healthy),
    ];

    /// <summary>Citizens of the record (6 × 63 sets = 378 sets).</summary>
    public static IReadOnlyList<(int Seed, CitizenArchetype Archetype)> AssertingSeeds { get; } =
    [
        (2001, CitizenArchetype.EarlyPostOp), (2002, CitizenArchetype.LatePostOp), (2003, CitizenArchetype.Healthy),
        (2004, CitizenArchetype.EarlyPostOp), (2005, CitizenArchetype.LatePostOp), (2006, CitizenArchetype.Healthy),
    ];

    /// <summary>Session seed of a citizen doing an exercise at a level.</summary>
    public static int SessionSeed(int citizenSeed, Exercise exercise, ExerciseLevel level)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        int i = Array.IndexOf(ExerciseCatalogue.Ids, exercise.Id);
        return citizenSeed * 100 + 3 * Math.Max(0, i) + (int)level;
    }

    /// <summary>Runs every (citizen, exercise, level) session; optionally only some exercises/levels. Parallel over sessions.</summary>
    public static IReadOnlyList<SessionAccuracy> Run(
        IEnumerable<(int Seed, CitizenArchetype Archetype)> citizens,
        IEnumerable<string>? exerciseIds = null,
        IEnumerable<ExerciseLevel>? levels = null,
        int maxParallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(citizens);
        ExerciseCatalogue catalogue = ExerciseCatalogue.Default;
        List<Exercise> exercises = (exerciseIds ?? ExerciseCatalogue.Ids).Select(catalogue.Get).ToList();
        List<ExerciseLevel> lv = (levels ?? [ExerciseLevel.Easy, ExerciseLevel.Medium, ExerciseLevel.Hard]).ToList();
        var people = new ConcurrentDictionary<int, SimulatedCitizen>();
        var jobs = citizens.SelectMany(c => exercises.SelectMany(e => lv.Select(l => (c, e, l)))).ToList();
        var results = new SessionAccuracy[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism) }, k =>
        {
            var ((seed, archetype), exercise, level) = jobs[k];
            SimulatedCitizen citizen = people.GetOrAdd(seed, s => SimulatedCitizen.Create(s, archetype));
            var session = SimulatedExerciseSession.Run(citizen, exercise, level, SessionSeed(seed, exercise, level));
            results[k] = RepAccuracyEvaluator.Evaluate(session);
        });
        return results;
    }
}
