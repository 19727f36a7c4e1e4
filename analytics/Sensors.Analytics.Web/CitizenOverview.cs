using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Kpis;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web;

/// <summary>Everything the citizen page and the citizen API show, gathered from the relational and the time-series store.</summary>
public sealed record CitizenOverview(Citizen Citizen, ProgramVersion? Program, IReadOnlyList<SessionSummary> Sessions, WeekStatus Week,
    double? TargetFlexionRad, double? TargetExtensionRad, IReadOnlyList<Note> Notes, IReadOnlyList<Course> Courses);

/// <summary>Builds <see cref="CitizenOverview"/>s (no access check here: callers pass through CitizenAccess first).</summary>
public sealed class CitizenOverviewBuilder(ClinicRepository repo, ITelemetryReader telemetry, ClinicSettings settings, TimeProvider clock)
{
    public async Task<CitizenOverview> BuildAsync(Citizen c, CancellationToken ct = default)
    {
        ProgramVersion? program = repo.CurrentProgram(c.Id);
        IReadOnlyList<SessionSummary> sessions = await telemetry.SessionsAsync(c.Pseudonym, ct).ConfigureAwait(false);
        WeekStatus week = TrafficLight.Evaluate(sessions, program?.SessionsPerWeek ?? 0, clock.GetUtcNow().UtcDateTime, settings);
        (double? tf, double? te) = Targets(program, sessions);
        return new CitizenOverview(c, program, sessions, week, tf, te, repo.Notes(c.Id), repo.Courses(c.Id));
    }

    /// <summary>The newest session's targets (sent by the gateway from its catalogue), else the settings' fallback for the program level.</summary>
    public (double? FlexionRad, double? ExtensionRad) Targets(ProgramVersion? program, IReadOnlyList<SessionSummary> sessions)
    {
        SessionSummary? last = sessions.LastOrDefault(s => s.TargetFlexionRad is not null);
        if (last is not null) return (last.TargetFlexionRad, last.TargetExtensionRad);
        if (program is null || program.Exercises.Count == 0) return (null, null);
        string level = program.Exercises[0].Level;
        return (settings.FlexionTargetDeg(level) * Math.PI / 180, settings.ExtensionTargetDeg * Math.PI / 180);
    }
}
