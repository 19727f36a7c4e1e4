using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Contracts;
using Sensors.Gateway.Cli.Live;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Intake.Tests.Cli;

/// <summary>
/// The progression check after a session: the rule over the citizen's session summaries held in the outbox, one proposal
/// per program version, exercise and level change, queued on <c>proposals/{citizen}</c>.
/// </summary>
public sealed class ProgressionCheckTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("progression");
    private readonly SessionOutbox _outbox;

    public ProgressionCheckTests() =>
        _outbox = SessionOutbox.Open(new OutboxSettings { DatabasePath = _folder.File("outbox.db"), MinFreeDiskBytes = 0 });

    public void Dispose()
    {
        _outbox.Dispose();
        _folder.Dispose();
    }

    private static CitizenProgram Program(string citizen, string level) =>
        new(citizen, 4, [new ProgramEntry("heel_slide", level, 2, 5, 3), new ProgramEntry("quad_set", "easy", 1, 10, 3)]);

    private void Session(string id, string citizen, int day, string level, int complete, int prescribed = 10, bool aborted = false,
        Dictionary<string, int>? flags = null)
    {
        var summary = new SessionSummaryMessage
        {
            MessageId = id + "/summary", SentAt = Monday.AddDays(day), SessionId = id, Citizen = citizen,
            StartedAt = Monday.AddDays(day), EndedAt = Monday.AddDays(day).AddMinutes(20), Aborted = aborted,
            Exercises =
            [
                new ExerciseSummary { ExerciseId = "heel_slide", Level = level, RepsPrescribed = prescribed, RepsComplete = complete, FlagCounts = flags ?? [] },
                new ExerciseSummary { ExerciseId = "quad_set", Level = "easy", RepsPrescribed = 10, RepsComplete = 6 },
            ],
        };
        Assert.True(_outbox.AddSession(id, citizen, [OutboxMessage.From(Topics.SessionSummary("odense", "gw-01", id), summary)]));
    }

    private List<ProgressionProposalMessage> Queued() =>
        _outbox.GetPending().Where(e => e.Topic == Topics.Proposal("odense", "gw-01", "c-1"))
            .Select(e => (ProgressionProposalMessage)ContractSerializer.Deserialize(e.Topic, e.Payload)).ToList();

    [Fact]
    public void Three_complete_sessions_propose_the_next_level_once_with_the_sessions_as_evidence()
    {
        Session("s-1", "c-1", 0, "medium", 9);
        Session("s-2", "c-1", 2, "medium", 10);
        Session("s-0", "c-1", -7, "easy", 2);        // another level: not looked at
        Session("x-1", "c-2", 1, "medium", 0);       // another citizen: not looked at
        Session("x-2", "c-2", 3, "medium", 0);
        Assert.Empty(ProgressionCheck.Run(_outbox, Program("c-1", "medium"), "p-7", "odense", "gw-01", Monday.AddDays(2)));

        Session("s-3", "c-1", 4, "medium", 8);
        ProgressionProposalMessage p = Assert.Single(ProgressionCheck.Run(_outbox, Program("c-1", "medium"), "p-7", "odense", "gw-01", Monday.AddDays(4)));
        Assert.Equal(("heel_slide", "medium", "hard", 4, "p-7"), (p.ExerciseId, p.FromLevel, p.ToLevel, p.ProgramVersion, p.ProgramId));
        Assert.Equal(["s-1", "s-2", "s-3"], p.EvidenceSessions);
        Assert.Equal(p.MessageId, Assert.Single(Queued()).MessageId);

        // the next session says the same: nothing new is queued (one proposal per program version, exercise and level)
        Session("s-4", "c-1", 6, "medium", 10);
        Assert.Empty(ProgressionCheck.Run(_outbox, Program("c-1", "medium"), "p-7", "odense", "gw-01", Monday.AddDays(6)));
        Assert.Single(Queued());
    }

    [Fact]
    public void Two_struggling_sessions_propose_the_previous_level_and_a_flag_or_an_aborted_session_holds_the_level()
    {
        Session("s-1", "c-1", 0, "medium", 9, flags: new() { ["hyperextension"] = 1 });
        Session("s-2", "c-1", 2, "medium", 10);
        Session("s-3", "c-1", 4, "medium", 9);
        Assert.Empty(ProgressionCheck.Run(_outbox, Program("c-1", "medium"), null, "odense", "gw-01", Monday.AddDays(4)));

        Session("s-4", "c-1", 5, "medium", 2, aborted: true);   // aborted: not evidence
        Session("s-5", "c-1", 6, "medium", 3);
        Assert.Empty(ProgressionCheck.Run(_outbox, Program("c-1", "medium"), null, "odense", "gw-01", Monday.AddDays(6)));
        Session("s-6", "c-1", 8, "medium", 4);
        ProgressionProposalMessage p = Assert.Single(ProgressionCheck.Run(_outbox, Program("c-1", "medium"), null, "odense", "gw-01", Monday.AddDays(8)));
        Assert.Equal(("medium", "easy", ProgressionCheck.DefaultProgramId), (p.FromLevel, p.ToLevel, p.ProgramId));
        Assert.Equal(["s-3", "s-5", "s-6"], p.EvidenceSessions);
    }
}
