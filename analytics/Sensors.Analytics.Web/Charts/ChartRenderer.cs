using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using ScottPlot;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Charts;

/// <summary>The service's charts (ScottPlot 5, SVG). Angles arrive in rad and are drawn in degrees.</summary>
public static class ChartRenderer
{
    private const double Deg = 180.0 / Math.PI;

    /// <summary>One point of the ROM chart.</summary>
    public sealed record RomPoint(string SessionId, DateTime StartUtc, double MaxFlexionDeg, double MaxExtensionDeg);

    /// <summary>
    /// ROM over the weeks: max flexion and best extension per session against the level's targets
    /// (horizontal lines; omitted when there is no target).
    /// </summary>
    public static ChartSvg Rom(IReadOnlyList<SessionSummary> sessions, double? targetFlexionRad, double? targetExtensionRad, int width = 900, int height = 360)
    {
        var points = sessions.Where(s => double.IsFinite(s.MaxFlexionRad) && double.IsFinite(s.MaxExtensionRad))
            .OrderBy(s => s.StartUtc)
            .Select(s => new RomPoint(s.SessionId, s.StartUtc, Math.Round(s.MaxFlexionRad * Deg, 2), Math.Round(s.MaxExtensionRad * Deg, 2)))
            .ToList();
        var plot = new Plot();
        plot.Title("Range of motion per session");
        plot.YLabel("Knee angle (°), flexion +");
        if (points.Count > 0)
        {
            double[] xs = points.Select(p => p.StartUtc.ToOADate()).ToArray();
            var flex = plot.Add.Scatter(xs, points.Select(p => p.MaxFlexionDeg).ToArray());
            flex.LegendText = "max flexion";
            var ext = plot.Add.Scatter(xs, points.Select(p => p.MaxExtensionDeg).ToArray());
            ext.LegendText = "max extension";
            plot.Axes.DateTimeTicksBottom();
        }
        if (targetFlexionRad is { } tf)
        {
            var line = plot.Add.HorizontalLine(tf * Deg);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "flexion target";
        }
        if (targetExtensionRad is { } te)
        {
            var line = plot.Add.HorizontalLine(te * Deg);
            line.LinePattern = LinePattern.Dotted;
            line.LegendText = "extension target";
        }
        plot.ShowLegend();
        string json = JsonSerializer.Serialize(new
        {
            points = points.Select(p => new { session = p.SessionId, date = p.StartUtc.ToString("O", CultureInfo.InvariantCulture), max_flexion_deg = p.MaxFlexionDeg, max_extension_deg = p.MaxExtensionDeg }),
            target_flexion_deg = targetFlexionRad is { } a ? Math.Round(a * Deg, 2) : (double?)null,
            target_extension_deg = targetExtensionRad is { } b ? Math.Round(b * Deg, 2) : (double?)null,
        }, ChartSvg.Json);
        return new ChartSvg("rom-chart", plot.GetSvgXml(width, height), json);
    }

    /// <summary>Sessions per ISO week (bars) against the prescribed sessions per week (line).</summary>
    public static ChartSvg SessionsPerWeek(IReadOnlyList<SessionSummary> sessions, int prescribedPerWeek, int width = 900, int height = 280)
    {
        var weeks = sessions.GroupBy(s => WeekStart(s.StartUtc)).OrderBy(g => g.Key)
            .Select(g => (Week: g.Key, Count: g.Count())).ToList();
        var plot = new Plot();
        plot.Title("Sessions per week");
        if (weeks.Count > 0)
        {
            var bars = plot.Add.Bars(weeks.Select(w => w.Week.ToOADate()).ToArray(), weeks.Select(w => (double)w.Count).ToArray());
            foreach (Bar bar in bars.Bars) bar.Size = 5; // days wide
            bars.LegendText = "done";
            plot.Axes.DateTimeTicksBottom();
        }
        if (prescribedPerWeek > 0)
        {
            var line = plot.Add.HorizontalLine(prescribedPerWeek);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "prescribed";
        }
        plot.Axes.SetLimitsY(0, Math.Max(prescribedPerWeek, weeks.Count == 0 ? 1 : weeks.Max(w => w.Count)) + 1);
        plot.ShowLegend();
        string json = JsonSerializer.Serialize(new
        {
            weeks = weeks.Select(w => new { week_start = w.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sessions = w.Count }),
            prescribed_per_week = prescribedPerWeek,
        }, ChartSvg.Json);
        return new ChartSvg("week-chart", plot.GetSvgXml(width, height), json);
    }

    /// <summary>A session's angle trace with rep markers (peak of each rep; complete vs incomplete) and flags (vertical lines).</summary>
    public static ChartSvg SessionTrace(SessionTrace trace, int width = 1000, int height = 380)
    {
        var plot = new Plot();
        plot.Title($"Session {trace.Summary.SessionId}");
        plot.XLabel("Time (s)");
        plot.YLabel("Knee angle (°), flexion +");
        double[] t = trace.TimeS.ToArray();
        double[] a = trace.AngleRad.Select(v => v * Deg).ToArray();
        if (t.Length > 0)
        {
            var line = plot.Add.ScatterLine(t, a);
            line.LegendText = "joint angle";
        }
        var complete = trace.Reps.Where(r => r.Complete).ToList();
        var partial = trace.Reps.Where(r => !r.Complete).ToList();
        if (complete.Count > 0)
        {
            var m = plot.Add.ScatterPoints(complete.Select(r => r.PeakS).ToArray(), complete.Select(r => r.PeakFlexionRad * Deg).ToArray());
            m.MarkerShape = MarkerShape.FilledCircle;
            m.MarkerSize = 9;
            m.LegendText = "complete rep";
        }
        if (partial.Count > 0)
        {
            var m = plot.Add.ScatterPoints(partial.Select(r => r.PeakS).ToArray(), partial.Select(r => r.PeakFlexionRad * Deg).ToArray());
            m.MarkerShape = MarkerShape.OpenCircle;
            m.MarkerSize = 9;
            m.LegendText = "incomplete rep";
        }
        foreach (SessionFlag f in trace.Flags)
        {
            var v = plot.Add.VerticalLine(f.AtS);
            v.LinePattern = LinePattern.Dotted;
            v.Color = Colors.OrangeRed;
        }
        plot.ShowLegend();
        string json = JsonSerializer.Serialize(new
        {
            samples = t.Length,
            time_s = t.Select(x => Math.Round(x, 3)),
            angle_deg = a.Select(x => Math.Round(x, 2)),
            reps = trace.Reps.Select(r => new { index = r.Index, start_s = r.StartS, peak_s = r.PeakS, end_s = r.EndS, peak_flexion_deg = Math.Round(r.PeakFlexionRad * Deg, 2), complete = r.Complete }),
            flags = trace.Flags.Select(f => new { at_s = f.AtS, kind = f.Kind, message = f.Message }),
        }, ChartSvg.Json);
        return new ChartSvg("session-chart", plot.GetSvgXml(width, height), json);
    }

    /// <summary>Monday 00:00 UTC of the ISO week holding <paramref name="utc"/>.</summary>
    public static DateTime WeekStart(DateTime utc)
    {
        DateTime d = utc.Date;
        int back = ((int)d.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(d.AddDays(-back), DateTimeKind.Utc);
    }
}
