using System;
using System.Linq;
using Sensors.Analytics.Web.Data;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Programs;

/// <summary>Builds the downlink program payload (contract <see cref="ProgramMessage"/>): pseudonym, never identity.</summary>
public static class ProgramMessages
{
    public static ProgramMessage Build(Citizen citizen, ProgramVersion program, DateTimeOffset nowUtc)
    {
        var msg = new ProgramMessage
        {
            MessageId = $"program-{citizen.Pseudonym}-v{program.Version}",
            SentAt = nowUtc,
            Citizen = citizen.Pseudonym,
            ProgramId = "program-" + citizen.Pseudonym,
            ProgramVersion = program.Version,
            ValidFrom = nowUtc,
            Exercises = program.Exercises.Select(e => new Sensors.Contracts.ProgramExercise
            {
                ExerciseId = e.ExerciseId,
                Level = e.Level,
                Reps = e.Reps,
                Sets = e.Sets,
                SessionsPerWeek = e.SessionsPerWeek,
            }).ToList(),
        };
        if (msg.Validate() is { } error) throw new InvalidOperationException($"Program v{program.Version} of {citizen.Pseudonym} is not a valid program message: {error}");
        return msg;
    }

    public static string Topic(Citizen citizen) => Topics.Program(citizen.Site, citizen.Gateway, citizen.Pseudonym);
}
