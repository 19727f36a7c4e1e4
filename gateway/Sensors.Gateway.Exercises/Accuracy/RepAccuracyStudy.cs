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
    /// <summary>Citizens used while tuning: (seed, archetype): 1001–1006, plus 4001–4012 added while tuning issue #4's rules.</summary>
    public static IReadOnlyList<(int Seed, CitizenArchetype Archetype)> TuningSeeds { get; } = Cycle(1001, 6).Concat(Cycle(4001, 12)).ToList();

    /// <summary>Citizens of the record: 2001–2006, plus 2007–2012 added with issue #4 (12 × 63 sets = 756 sets).</summary>
    public static IReadOnlyList<(int Seed, CitizenArchetype Archetype)> AssertingSeeds { get; } = Cycle(2001, 12).ToList();

    /// <summary>Citizens seed, seed + 1, … with the archetypes early, late, healthy in turn.</summary>
    private static IEnumerable<(int Seed, CitizenArchetype Archetype)> Cycle(int first, int count) =>
        Enumerable.Range(0, count).Select(i => (first + i, (i % 3) switch { 0 => CitizenArchetype.EarlyPostOp, 1 => CitizenArchetype.LatePostOp, _ => CitizenArchetype.Healthy }));

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
