using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Kpis;

/// <summary>Traffic light of a citizen this week.</summary>
public enum Light
{
    /// <summary>No program yet: nothing to compare with.</summary>
    None,
    Green,
    Yellow,
    Red,
}

/// <summary>Adherence (sessions done / prescribed) and quality (mean rep quality) over the 7 days before <c>now</c>.</summary>
public sealed record WeekStatus(Light Light, int SessionsDone, int SessionsPrescribed, double Adherence, double Quality);

public static class TrafficLight
{
    /// <summary>
    /// Green: adherence ≥ GreenAdherence and quality ≥ GreenQuality; red: adherence &lt; RedAdherence or
    /// quality &lt; RedQuality (quality counts only when sessions were done); yellow otherwise.
    /// </summary>
    public static WeekStatus Evaluate(IReadOnlyList<SessionSummary> sessions, int prescribedPerWeek, DateTime nowUtc, ClinicSettings s)
    {
        var week = sessions.Where(x => x.StartUtc > nowUtc.AddDays(-7) && x.StartUtc <= nowUtc).ToList();
        if (prescribedPerWeek <= 0) return new WeekStatus(Light.None, week.Count, 0, double.NaN, double.NaN);
        double adherence = Math.Min(1.0, (double)week.Count / prescribedPerWeek);
        double quality = week.Count == 0 ? double.NaN : week.Average(x => x.Quality);
        Light light;
        if (adherence < s.RedAdherence || (week.Count > 0 && quality < s.RedQuality)) light = Light.Red;
        else if (adherence >= s.GreenAdherence && quality >= s.GreenQuality) light = Light.Green;
        else light = Light.Yellow;
        return new WeekStatus(light, week.Count, prescribedPerWeek, adherence, quality);
    }
}
