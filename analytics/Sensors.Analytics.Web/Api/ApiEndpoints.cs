using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Exports;
using Sensors.Analytics.Web.Kpis;
using Sensors.Analytics.Web.Security;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Api;

/// <summary>Body of <c>POST /api/citizens/{id}/notes</c>.</summary>
public sealed record NoteRequest(string Text, int Minutes);

/// <summary>
/// The HTTP API (cookie-authenticated, same roles and citizen gate as the pages; every citizen read/change audited;
/// writes need the antiforgery header). Angles leave in degrees here (the edge).
/// </summary>
public static class ApiEndpoints
{
    private const double Deg = 180.0 / Math.PI;

    public static void Map(WebApplication app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").RequireAuthorization();

        api.MapGet("/antiforgery", (HttpContext ctx, IAntiforgery af) =>
            Results.Json(new { header = "X-CSRF-TOKEN", token = af.GetAndStoreTokens(ctx).RequestToken }));

        api.MapGet("/me", (ClaimsPrincipal user) => Results.Json(new
        {
            name = user.Identity?.Name,
            roles = Roles.All.Where(user.IsInRole).ToArray(),
        }));

        RouteGroupBuilder citizens = api.MapGroup("/citizens").RequireAuthorization(AnalyticsHost.PolicyCitizenData);
        citizens.MapGet("/", ListCitizens);
        citizens.MapGet("/{id:long}", GetCitizen);
        citizens.MapGet("/{id:long}/sessions.csv", SessionsCsv);
        citizens.MapGet("/{id:long}/rom.fhir.json", RomFhir);
        citizens.MapPost("/{id:long}/notes", AddNote).AddEndpointFilter<AntiforgeryFilter>();
        citizens.MapDelete("/{id:long}", EraseCitizen).RequireAuthorization(AnalyticsHost.PolicyManagement).AddEndpointFilter<AntiforgeryFilter>();

        api.MapGet("/kpis", (HttpRequest r, ClinicRepository repo, ITelemetryReader t, CancellationToken ct) => KpiJson(r, repo, t, ct))
            .RequireAuthorization(AnalyticsHost.PolicyManagement);
        api.MapGet("/kpis.csv", KpiCsv).RequireAuthorization(AnalyticsHost.PolicyManagement);
        api.MapGet("/audit", (ClinicRepository repo, ClaimsPrincipal user, string? citizen, string? username) =>
            {
                IReadOnlyList<AuditEntry> rows = repo.SearchAudit(citizen, username, null, null);
                repo.Audit(AnalyticsHost.UserName(user), "read-audit", citizen, $"api user={username ?? "*"}; {rows.Count} rows");
                return Results.Json(rows);
            })
            .RequireAuthorization(AnalyticsHost.PolicyManagement);
        api.MapGet("/bands", async (ITelemetryReader t, CancellationToken ct) => Results.Json(await t.BandsAsync(ct).ConfigureAwait(false)))
            .RequireAuthorization(AnalyticsHost.PolicyBands);
    }

    private static IResult Refused(AccessResult r) =>
        r == AccessResult.Forbidden ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.NotFound();

    private static async Task<IResult> ListCitizens(ClaimsPrincipal user, CitizenAccess access, ClinicRepository repo, CitizenOverviewBuilder overview, CancellationToken ct)
    {
        var rows = new List<object>();
        foreach (Citizen c in access.Visible(user))
        {
            CitizenOverview o = await overview.BuildAsync(c, ct).ConfigureAwait(false);
            rows.Add(new { id = c.Id, pseudonym = c.Pseudonym, name = c.FullName, light = o.Week.Light.ToString().ToLowerInvariant(), sessions_this_week = o.Week.SessionsDone, prescribed_per_week = o.Week.SessionsPrescribed });
        }
        repo.Audit(AnalyticsHost.UserName(user), "list-citizens", null, $"{rows.Count} citizens");
        return Results.Json(rows);
    }

    private static async Task<IResult> GetCitizen(long id, ClaimsPrincipal user, CitizenAccess access, CitizenOverviewBuilder overview, CancellationToken ct)
    {
        AccessResult r = access.Check(user, id, "read-citizen", out Citizen? c, "api");
        if (r != AccessResult.Allowed) return Refused(r);
        CitizenOverview o = await overview.BuildAsync(c!, ct).ConfigureAwait(false);
        return Results.Json(new
        {
            id = c!.Id,
            pseudonym = c.Pseudonym,
            name = c.FullName,
            light = o.Week.Light.ToString().ToLowerInvariant(),
            program_version = o.Program?.Version,
            sessions = o.Sessions.Select(s => new
            {
                session = s.SessionId,
                started_utc = s.StartUtc,
                exercise = s.ExerciseId,
                level = s.Level,
                reps_complete = s.RepsCompleted,
                reps_incomplete = s.RepsIncomplete,
                max_flexion_deg = Math.Round(s.MaxFlexionRad * Deg, 2),
                max_extension_deg = Math.Round(s.MaxExtensionRad * Deg, 2),
                quality = Math.Round(s.Quality, 3),
            }),
            notes = o.Notes.Select(n => new { at_utc = n.CreatedUtc, author = n.Author, minutes = n.Minutes, text = n.Text }),
        });
    }

    private static async Task<IResult> SessionsCsv(long id, ClaimsPrincipal user, CitizenAccess access, ITelemetryReader telemetry, CancellationToken ct)
    {
        AccessResult r = access.Check(user, id, "export-csv", out Citizen? c, "sessions.csv");
        if (r != AccessResult.Allowed) return Refused(r);
        IReadOnlyList<SessionSummary> sessions = await telemetry.SessionsAsync(c!.Pseudonym, ct).ConfigureAwait(false);
        string csv = Csv.Write(
            ["pseudonym", "session", "started_utc", "duration_s", "exercise", "level", "reps_complete", "reps_incomplete", "reps_prescribed", "max_flexion_deg", "max_extension_deg", "quality"],
            sessions.Select(s => (IReadOnlyList<object?>)[c.Pseudonym, s.SessionId, s.StartUtc, s.DurationS, s.ExerciseId, s.Level, s.RepsCompleted, s.RepsIncomplete, s.RepsPrescribed, s.MaxFlexionRad * Deg, s.MaxExtensionRad * Deg, s.Quality]));
        return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"sessions-{c.Pseudonym}.csv");
    }

    private static async Task<IResult> RomFhir(long id, ClaimsPrincipal user, CitizenAccess access, ITelemetryReader telemetry, CancellationToken ct)
    {
        AccessResult r = access.Check(user, id, "export-fhir", out Citizen? c, "rom.fhir.json");
        if (r != AccessResult.Allowed) return Refused(r);
        IReadOnlyList<SessionSummary> sessions = await telemetry.SessionsAsync(c!.Pseudonym, ct).ConfigureAwait(false);
        string json = FhirRomExport.ToJson(FhirRomExport.Build(c.Pseudonym, sessions));
        return Results.Text(json, "application/fhir+json; charset=utf-8");
    }

    private static IResult AddNote(long id, NoteRequest body, ClaimsPrincipal user, CitizenAccess access, ClinicRepository repo)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > 4000)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["A note needs 1-4000 characters of text."] });
        if (body.Minutes is < 0 or > 600)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["minutes"] = [$"minutes {body.Minutes} is outside 0-600."] });
        AccessResult r = access.Check(user, id, "add-note", out Citizen? c);
        if (r != AccessResult.Allowed) return Refused(r);
        long noteId = repo.AddNote(c!.Id, AnalyticsHost.UserName(user), body.Text.Trim(), body.Minutes);
        return Results.Created($"/api/citizens/{id}", new { id = noteId });
    }

    private static async Task<IResult> EraseCitizen(long id, ClaimsPrincipal user, CitizenAccess access, Erasure erasure, CancellationToken ct)
    {
        AccessResult r = access.Check(user, id, "erase-request", out Citizen? c);
        if (r != AccessResult.Allowed) return Refused(r);
        ErasureResult result = await erasure.EraseAsync(c!, AnalyticsHost.UserName(user), ct).ConfigureAwait(false);
        return Results.Json(new { pseudonym = result.Pseudonym, relational_deleted = result.RelationalDeleted, telemetry_records_deleted = result.TelemetryRecordsDeleted });
    }

    /// <summary>Parses team/from/to query parameters (ISO dates; default: the last 12 weeks up to tomorrow).</summary>
    public static bool TryPeriod(HttpRequest r, out DateTime from, out DateTime to, out string? error)
    {
        error = null;
        to = DateTime.UtcNow.Date.AddDays(1);
        from = to.AddDays(-84);
        if (r.Query["from"] is { Count: > 0 } f && !DateTime.TryParse(f[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out from))
        {
            error = $"from '{f[0]}' is not a date (yyyy-mm-dd)";
            return false;
        }
        if (r.Query["to"] is { Count: > 0 } t && !DateTime.TryParse(t[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out to))
        {
            error = $"to '{t[0]}' is not a date (yyyy-mm-dd)";
            return false;
        }
        if (to <= from)
        {
            error = $"period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})";
            return false;
        }
        return true;
    }

    /// <summary>KPI rows per team plus one for all teams.</summary>
    public static async Task<IReadOnlyList<KpiRow>> KpisAsync(ClinicRepository repo, ITelemetryReader telemetry, long? teamId, DateTime from, DateTime to, CancellationToken ct)
    {
        var courses = repo.AllCourses().ToLookup(c => c.CitizenId);
        var notes = repo.AllNotes().ToLookup(n => n.CitizenId);
        var inputs = new List<(long Team, KpiInput Input)>();
        foreach (Citizen c in repo.AllCitizens())
        {
            if (teamId is { } t && c.TeamId != t) continue;
            IReadOnlyList<SessionSummary> sessions = await telemetry.SessionsAsync(c.Pseudonym, ct).ConfigureAwait(false);
            inputs.Add((c.TeamId, new KpiInput(c, courses[c.Id].ToList(), sessions, notes[c.Id].ToList())));
        }
        var rows = new List<KpiRow>();
        foreach (Team team in repo.Teams())
        {
            if (teamId is { } t && team.Id != t) continue;
            rows.Add(KpiCalculator.Compute(team.Name, inputs.Where(i => i.Team == team.Id).Select(i => i.Input).ToList(), from, to));
        }
        if (teamId is null) rows.Add(KpiCalculator.Compute("all teams", inputs.Select(i => i.Input).ToList(), from, to));
        return rows;
    }

    private static long? TeamParam(HttpRequest r) =>
        r.Query["team"] is { Count: > 0 } v && long.TryParse(v[0], System.Globalization.CultureInfo.InvariantCulture, out long id) ? id : null;

    private static async Task<IResult> KpiJson(HttpRequest r, ClinicRepository repo, ITelemetryReader telemetry, CancellationToken ct)
    {
        if (!TryPeriod(r, out DateTime from, out DateTime to, out string? error)) return Results.Problem(error, statusCode: 400);
        return Results.Json(await KpisAsync(repo, telemetry, TeamParam(r), from, to, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> KpiCsv(HttpRequest r, ClaimsPrincipal user, ClinicRepository repo, ITelemetryReader telemetry, CancellationToken ct)
    {
        if (!TryPeriod(r, out DateTime from, out DateTime to, out string? error)) return Results.Problem(error, statusCode: 400);
        IReadOnlyList<KpiRow> rows = await KpisAsync(repo, telemetry, TeamParam(r), from, to, ct).ConfigureAwait(false);
        repo.Audit(AnalyticsHost.UserName(user), "export-kpi-csv", null, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
        return Results.File(System.Text.Encoding.UTF8.GetBytes(KpiCsvText(rows)), "text/csv; charset=utf-8", "kpis.csv");
    }

    public static string KpiCsvText(IReadOnlyList<KpiRow> rows) => Csv.Write(
        ["team", "from_utc", "to_utc", "active_citizens", "courses_started", "courses_completed", "dropouts", "completion_rate", "dropout_reasons", "sessions_per_week", "rom_change_deg", "therapist_minutes"],
        rows.Select(k => (IReadOnlyList<object?>)[k.Team, k.FromUtc, k.ToUtc, k.ActiveCitizens, k.CoursesStarted, k.CoursesCompleted, k.Dropouts, k.CompletionRate,
            string.Join("; ", k.DropoutReasons.Select(kv => $"{kv.Key}: {kv.Value}")), k.SessionsPerWeek, k.RomChangeDeg, k.TherapistMinutes]));
}
