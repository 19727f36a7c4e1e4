using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Programs;
using Sensors.Analytics.Web.Security;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Pages.Programs;

/// <summary>A program line as posted by the form.</summary>
public sealed class LineInput
{
    public string? ExerciseId { get; set; }
    public string Level { get; set; } = "easy";
    public int Reps { get; set; } = 10;
    public int Sets { get; set; } = 3;
    public int SessionsPerWeek { get; set; } = 5;
}

public sealed class EditModel(CitizenAccess access, ClinicRepository repo, IProgramPublisher publisher, ITelemetryReader telemetry, ILogger<EditModel> log) : PageModel
{
    public Citizen? Citizen { get; private set; }
    public ProgramVersion? Current { get; private set; }
    public IReadOnlyList<ProgramVersion> Versions { get; private set; } = [];
    public IReadOnlyList<Proposal> Proposals { get; private set; } = [];
    [BindProperty] public List<LineInput> Lines { get; set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long citizenId, CancellationToken ct)
    {
        if (Gate(citizenId, "read-program") is { } refused) return refused;
        await ImportProposalsAsync(ct);
        Load(fillLines: true);
        return Page();
    }

    public IActionResult OnPostSave(long citizenId)
    {
        if (Gate(citizenId, "change-program") is { } refused) return refused;
        var lines = new List<ProgramExercise>();
        foreach (LineInput l in Lines.Where(l => !string.IsNullOrWhiteSpace(l.ExerciseId)))
        {
            string id = l.ExerciseId!.Trim();
            if (!Sensors.Contracts.Topics.IsValidId(id)) { Error = $"Exercise id '{id}' is not a catalogue id (a-z, 0-9, '_', '-')."; break; }
            if (!Sensors.Contracts.Levels.IsValid(l.Level)) { Error = $"Level '{l.Level}' of {id} is not easy, medium or hard."; break; }
            if (l.Reps is < 1 or > 100 || l.Sets is < 1 or > 20 || l.SessionsPerWeek is < 1 or > 21) { Error = $"{id}: reps 1-100, sets 1-20, sessions per week 1-21."; break; }
            lines.Add(new ProgramExercise(id, l.Level, l.Reps, l.Sets, l.SessionsPerWeek));
        }
        if (Error is null && lines.Count == 0) Error = "A program needs at least one exercise.";
        if (Error is not null)
        {
            Load(fillLines: false);
            return Page();
        }
        ProgramVersion saved = repo.SaveProgram(Citizen!.Id, AnalyticsHost.UserName(User), lines);
        repo.Audit(AnalyticsHost.UserName(User), "program-saved", Citizen.Pseudonym, $"v{saved.Version}");
        return Redirect($"/programs/{citizenId}");
    }

    public async Task<IActionResult> OnPostPublishAsync(long citizenId, CancellationToken ct)
    {
        if (Gate(citizenId, "publish-program") is { } refused) return refused;
        ProgramVersion? current = repo.CurrentProgram(Citizen!.Id);
        if (current is null) return NotFound();
        try
        {
            string topic = await publisher.PublishAsync(Citizen, current, ct);
            repo.MarkPublished(current.Id, DateTime.UtcNow);
            repo.Audit(AnalyticsHost.UserName(User), "program-published", Citizen.Pseudonym, $"v{current.Version} on {topic}");
            Message = $"Program v{current.Version} published to {topic}.";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (log.IsEnabled(LogLevel.Warning)) log.LogWarning(e, "Publishing program v{Version} failed", current.Version);
            Error = $"Program v{current.Version} was saved but not published: {e.Message}";
        }
        Load(fillLines: true);
        return Page();
    }

    public IActionResult OnPostDecide(long citizenId, long proposal, bool accept)
    {
        if (Gate(citizenId, accept ? "proposal-accepted" : "proposal-declined") is { } refused) return refused;
        Proposal? p = repo.Proposals(Citizen!.Id).FirstOrDefault(x => x.Id == proposal);
        if (p is null) return NotFound();
        if (!repo.DecideProposal(proposal, Citizen.Id, accept, AnalyticsHost.UserName(User)))
        {
            Error = "That proposal was already decided.";
            Load(fillLines: true);
            return Page();
        }
        if (accept && repo.CurrentProgram(Citizen.Id) is { } current)
        {
            // Accepting writes a new program version with the proposed level; publishing stays a separate step.
            var lines = current.Exercises.Select(e => e.ExerciseId == p.ExerciseId ? e with { Level = p.ToLevel } : e).ToList();
            ProgramVersion saved = repo.SaveProgram(Citizen.Id, AnalyticsHost.UserName(User), lines);
            repo.Audit(AnalyticsHost.UserName(User), "program-saved", Citizen.Pseudonym, $"v{saved.Version} from proposal {p.ProposalId}");
        }
        return Redirect($"/programs/{citizenId}");
    }

    /// <summary>
    /// Copies the gateway's proposals from the telemetry store (where ingest put them) into the clinic's proposals table,
    /// idempotent on site/gateway/message id, so they can be accepted or declined (decisions live in the clinic database).
    /// </summary>
    private async Task ImportProposalsAsync(CancellationToken ct)
    {
        int added = 0;
        foreach (GatewayProposal p in await telemetry.ProposalsAsync(Citizen!.Pseudonym, ct))
            if (repo.AddProposal(p.ProposalId, Citizen.Id, p.ExerciseId, p.FromLevel, p.ToLevel, p.Reason, p.SentUtc)) added++;
        if (added > 0) repo.Audit("ingest", "proposal-received", Citizen.Pseudonym, $"{added} new from the gateway");
    }

    private IActionResult? Gate(long citizenId, string action)
    {
        AccessResult r = access.Check(User, citizenId, action, out Citizen? c);
        if (r != AccessResult.Allowed) return r == AccessResult.Forbidden ? Forbid() : NotFound();
        Citizen = c;
        return null;
    }

    private void Load(bool fillLines)
    {
        Versions = repo.Programs(Citizen!.Id);
        Current = Versions.Count == 0 ? null : Versions[^1];
        Proposals = repo.Proposals(Citizen.Id);
        if (fillLines)
            Lines = (Current?.Exercises ?? []).Select(e => new LineInput { ExerciseId = e.ExerciseId, Level = e.Level, Reps = e.Reps, Sets = e.Sets, SessionsPerWeek = e.SessionsPerWeek }).ToList();
        Lines.Add(new LineInput());
    }
}
