using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Kpis;

/// <summary>Management KPIs of one team (or all teams) over a period [FromUtc, ToUtc). Aggregates only: no identities.</summary>
public sealed record KpiRow(
    string Team, DateTime FromUtc, DateTime ToUtc,
    int ActiveCitizens, int CoursesStarted, int CoursesCompleted, int Dropouts,
    double? CompletionRate, IReadOnlyDictionary<string, int> DropoutReasons,
    double SessionsPerWeek, double? RomChangeDeg, int TherapistMinutes);

/// <summary>What the KPIs are computed from (one citizen).</summary>
public sealed record KpiInput(Citizen Citizen, IReadOnlyList<Course> Courses, IReadOnlyList<SessionSummary> Sessions, IReadOnlyList<Note> Notes);

/// <summary>
/// Definitions (also in analytics/README.md):
/// active = a course overlaps the period; started/completed/dropouts = course start/end falls in the period;
/// completion rate = completed / (completed + dropouts) ended in the period (null when none ended);
/// sessions per week = sessions in the period by active citizens / (active citizens × weeks of the period);
/// ROM change = mean over courses completed in the period of (max flexion in the course's last 7 days − in its first 7 days), degrees;
/// therapist time = minutes logged with notes in the period.
/// </summary>
public static class KpiCalculator
{
    public static KpiRow Compute(string team, IReadOnlyList<KpiInput> inputs, DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc) throw new ArgumentException($"KPI period ends ({toUtc:O}) before it starts ({fromUtc:O}).", nameof(toUtc));
        bool In(DateTime t) => t >= fromUtc && t < toUtc;
        int active = 0, started = 0, completed = 0, dropouts = 0, sessions = 0, minutes = 0;
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var romChanges = new List<double>();
        foreach (KpiInput x in inputs)
        {
            bool isActive = x.Courses.Any(c => c.StartedUtc < toUtc && (c.EndedUtc is null || c.EndedUtc >= fromUtc));
            if (isActive)
            {
                active++;
                sessions += x.Sessions.Count(s => In(s.StartUtc));
            }
            foreach (Course c in x.Courses)
            {
                if (In(c.StartedUtc)) started++;
                if (c.EndedUtc is not { } end || !In(end)) continue;
                if (c.Outcome == "completed")
                {
                    completed++;
                    if (RomChangeDeg(c, x.Sessions) is { } d) romChanges.Add(d);
                }
                else if (c.Outcome == "dropout")
                {
                    dropouts++;
                    string reason = string.IsNullOrWhiteSpace(c.DropoutReason) ? "unknown" : c.DropoutReason.Trim();
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }
            minutes += x.Notes.Where(n => In(n.CreatedUtc)).Sum(n => n.Minutes);
        }
        double weeks = (toUtc - fromUtc).TotalDays / 7.0;
        return new KpiRow(team, fromUtc, toUtc, active, started, completed, dropouts,
            completed + dropouts == 0 ? null : (double)completed / (completed + dropouts), reasons,
            active == 0 ? 0 : sessions / (active * weeks), romChanges.Count == 0 ? null : romChanges.Average(), minutes);
    }

    /// <summary>Max flexion in the course's last 7 days minus its first 7 days (degrees), or null without sessions in both.</summary>
    public static double? RomChangeDeg(Course c, IReadOnlyList<SessionSummary> sessions)
    {
        if (c.EndedUtc is not { } end) return null;
        var inCourse = sessions.Where(s => s.StartUtc >= c.StartedUtc && s.StartUtc <= end && double.IsFinite(s.MaxFlexionRad)).ToList();
        var first = inCourse.Where(s => s.StartUtc < c.StartedUtc.AddDays(7)).ToList();
        var last = inCourse.Where(s => s.StartUtc > end.AddDays(-7)).ToList();
        if (first.Count == 0 || last.Count == 0) return null;
        return (last.Max(s => s.MaxFlexionRad) - first.Max(s => s.MaxFlexionRad)) * 180.0 / Math.PI;
    }
}
