using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Contracts;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Gateway.Sessions.Outbox;

namespace Sensors.Gateway.Cli.Live;

/// <summary>
/// After a recorded session: runs the <see cref="ProgressionRule"/> for every exercise of the citizen's program over the
/// citizen's sessions held in the outbox (their summaries), and queues a <see cref="ProgressionProposalMessage"/> on
/// <c>proposals/{citizen}</c> for each level change the rule proposes. The therapist accepts or declines it in analytics;
/// nothing changes on the gateway until a new program arrives. One proposal per program version, exercise and proposed
/// level (its message id), so re-checking after later sessions never queues a duplicate.
/// </summary>
public static class ProgressionCheck
{
    /// <summary>Id used in proposals when the citizen trains the catalogue's default program (no program from analytics yet).</summary>
    public const string DefaultProgramId = "default";

    /// <summary>The per-exercise results of this citizen's finished (not aborted) sessions held in the outbox, oldest first.</summary>
    public static IReadOnlyList<(string SessionId, ExerciseSessionResult Result)> History(SessionOutbox outbox, string citizen)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var history = new List<(string, ExerciseSessionResult)>();
        foreach (string sessionId in outbox.GetSessionIds())
        {
            foreach (OutboxEntry e in outbox.GetSession(sessionId))
            {
                if (!TopicPath.TryParse(e.Topic, out TopicPath? path, out _) || path!.Kind != TopicKind.SessionSummary) continue;
                if (!ContractSerializer.TryDeserialize(e.Topic, e.Payload, out ContractMessage? m, out _, out _) || m is not SessionSummaryMessage s) continue;
                if (s.Citizen != citizen || s.Aborted) continue;
                foreach (ExerciseSummary x in s.Exercises)
                {
                    if (!ExerciseNames.TryParseLevel(x.Level, out ExerciseLevel level)) continue;
                    history.Add((s.SessionId, new ExerciseSessionResult(x.ExerciseId, level, s.EndedAt, x.RepsPrescribed, x.RepsComplete,
                        x.FlagCounts.TryGetValue("hyperextension", out int h) && h > 0, x.FlagCounts.TryGetValue("compensation", out int c) && c > 0)));
                }
            }
        }

        return history.OrderBy(h => h.Item2.EndedAt).ToList();
    }

    /// <summary>Runs the rule for each program exercise and queues the proposals not queued before; returns those queued now.</summary>
    public static IReadOnlyList<ProgressionProposalMessage> Run(SessionOutbox outbox, CitizenProgram program, string? programId, string site, string gateway,
        DateTimeOffset now, ProgressionRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(program);
        rule ??= new ProgressionRule();
        IReadOnlyList<(string SessionId, ExerciseSessionResult Result)> history = History(outbox, program.CitizenId);
        var queued = new List<ProgressionProposalMessage>();
        foreach (ProgramEntry entry in program.Items)
        {
            ProgressionProposal proposal = rule.Propose(entry.ExerciseId, entry.LevelValue, history.Select(h => h.Result));
            if (!proposal.IsChange) continue;
            List<string> evidence = history.Where(h => h.Result.ExerciseId == entry.ExerciseId && h.Result.Level == entry.LevelValue)
                .OrderByDescending(h => h.Result.EndedAt).Take(rule.Settings.Window).Select(h => h.SessionId).Reverse().ToList();
            ProgressionProposalMessage message = proposal.ToMessage(program, programId ?? DefaultProgramId, now) with { EvidenceSessions = evidence };
            if (outbox.Add(OutboxMessage.From(Topics.Proposal(site, gateway, program.CitizenId), message))) queued.Add(message);
        }

        return queued;
    }
}
