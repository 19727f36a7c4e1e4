using System;
using System.Collections.Generic;

namespace Sensors.Analytics.Web.Data;

/// <summary>Roles of the service (cookie claim values).</summary>
public static class Roles
{
    public const string Therapist = "therapist";
    public const string Technician = "technician";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Therapist, Technician, Admin];
}

public sealed record Team(long Id, string Name);

public sealed record User(long Id, string Username, string DisplayName, string Role, long? TeamId, string PasswordHash);

/// <summary>A citizen: real identity (name, national id) stays in this service; telemetry knows only <see cref="Pseudonym"/>.</summary>
public sealed record Citizen(long Id, string Pseudonym, string FullName, string NationalId, long TeamId, string Site, string Gateway);

/// <summary>One exercise line of a program: exercise id from the gateway catalogue, level, reps × sets, sessions per week.</summary>
public sealed record ProgramExercise(string ExerciseId, string Level, int Reps, int Sets, int SessionsPerWeek);

/// <summary>A program version of a citizen; <see cref="PublishedUtc"/> is set once it was sent to the gateway.</summary>
public sealed record ProgramVersion(long Id, long CitizenId, int Version, DateTime CreatedUtc, string CreatedBy, DateTime? PublishedUtc, IReadOnlyList<ProgramExercise> Exercises)
{
    /// <summary>Prescribed sessions per week: the most frequent exercise sets the pace.</summary>
    public int SessionsPerWeek
    {
        get
        {
            int max = 0;
            foreach (ProgramExercise e in Exercises) max = Math.Max(max, e.SessionsPerWeek);
            return max;
        }
    }
}

public sealed record Proposal(long Id, string ProposalId, long CitizenId, string ExerciseId, string FromLevel, string ToLevel, string Reason, DateTime ReceivedUtc, string Status, string? DecidedBy);

public sealed record Note(long Id, long CitizenId, string Author, DateTime CreatedUtc, int Minutes, string Text);

/// <summary>A rehabilitation course: started, and ended either completed or dropped out (with a reason).</summary>
public sealed record Course(long Id, long CitizenId, DateTime StartedUtc, DateTime? EndedUtc, string? Outcome, string? DropoutReason);

public sealed record AuditEntry(long Id, DateTime AtUtc, string Username, string Action, string? CitizenPseudonym, string Detail);
