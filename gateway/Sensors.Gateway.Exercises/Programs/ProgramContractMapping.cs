using System;
using System.Linq;
using Sensors.Contracts;

namespace Sensors.Gateway.Exercises.Programs;

/// <summary>Maps the MQTT program payload (<see cref="ProgramMessage"/>, gateway/Sensors.Contracts) to and from <see cref="CitizenProgram"/>.</summary>
public static class ProgramContractMapping
{
    /// <summary>The downlink payload as a validated <see cref="CitizenProgram"/> (bad payload → <see cref="CatalogueFormatException"/>).</summary>
    public static CitizenProgram ToProgram(this ProgramMessage message, ExerciseCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        string source = $"program message {message.MessageId}";
        if (message.Validate() is { } reason) throw new CatalogueFormatException($"{source}: {reason}.");
        if (message.CatalogueVersion != ExerciseCatalogue.SupportedSchemaVersion)
            throw new CatalogueFormatException($"{source}: catalogue_version {message.CatalogueVersion} is not {ExerciseCatalogue.SupportedSchemaVersion}.");
        return new CitizenProgram(message.Citizen, message.ProgramVersion,
            message.Exercises.Select(x => new ProgramEntry(x.ExerciseId, x.Level, x.Sets, x.Reps, x.SessionsPerWeek)).ToList())
            .Validate(catalogue, source);
    }

    /// <summary>A proposal as its uplink payload.</summary>
    public static ProgressionProposalMessage ToMessage(this ProgressionProposal proposal, CitizenProgram program, string programId, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(program);
        return new ProgressionProposalMessage
        {
            MessageId = $"{program.CitizenId}/{programId}/{program.Version}/{proposal.ExerciseId}/{proposal.ProposedLevel.ToId()}",
            SentAt = sentAt,
            Citizen = program.CitizenId,
            ProgramId = programId,
            ProgramVersion = program.Version,
            ExerciseId = proposal.ExerciseId,
            FromLevel = proposal.CurrentLevel.ToId(),
            ToLevel = proposal.ProposedLevel.ToId(),
            Reason = proposal.Reason,
        };
    }
}
