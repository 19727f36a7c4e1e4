using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>Maps the MQTT contract payloads to what the web shows (one place, used by every telemetry backend).</summary>
public static class ContractMapping
{
    /// <summary>A session summary: ROM over all exercises (max flexion, best extension), quality = complete / all reps.</summary>
    public static SessionSummary ToSummary(SessionSummaryMessage m)
    {
        int complete = m.Exercises.Sum(e => e.RepsComplete);
        int incomplete = m.Exercises.Sum(e => e.RepsIncomplete);
        int prescribed = m.Exercises.Sum(e => e.RepsPrescribed);
        double maxFlex = m.Exercises.Count == 0 ? double.NaN : m.Exercises.Max(e => e.MaxFlexionRad);
        double minFlex = m.Exercises.Count == 0 ? double.NaN : m.Exercises.Min(e => e.MinFlexionRad);
        ExerciseSummary? first = m.Exercises.Count == 0 ? null : m.Exercises[0];
        double? targetFlex = m.Exercises.Where(e => e.TargetFlexionRad is not null).Select(e => e.TargetFlexionRad).DefaultIfEmpty(null).Max();
        double? targetExt = m.Exercises.Where(e => e.TargetExtensionRad is not null).Select(e => e.TargetExtensionRad).DefaultIfEmpty(null).Min();
        double quality = complete + incomplete == 0 ? 0 : (double)complete / (complete + incomplete);
        return new SessionSummary(m.SessionId, m.Citizen, m.StartedAt.UtcDateTime, (m.EndedAt - m.StartedAt).TotalSeconds,
            string.Join("+", m.Exercises.Select(e => e.ExerciseId).Distinct()), first?.Level ?? "", complete, incomplete, prescribed,
            maxFlex, minFlex, quality, targetFlex, targetExt);
    }

    public static RepMark ToRep(RepRecord r)
    {
        // The peak is not sent separately: mid-rep is where the flexion peak of a symmetric rep lies.
        double peakS = r.StartS + (r.EndS - r.StartS) / 2;
        double quality = (r.Complete ? 0.5 : 0) + (r.Flags.Contains("target_reached") ? 0.5 : 0);
        return new RepMark(r.Index, r.StartS, peakS, r.EndS, r.PeakFlexionRad, r.Complete, quality);
    }

    public static IEnumerable<SessionFlag> ToFlags(RepsMessage reps, FeedbackEventsMessage? events)
    {
        foreach (RepRecord r in reps.Reps)
            foreach (string f in r.Flags)
                if (f != "target_reached") yield return new SessionFlag(r.EndS, f, $"rep {r.Index + 1}: {f.Replace('_', ' ')}");
        if (events is null) yield break;
        foreach (FeedbackEventRecord e in events.Events)
            if (e.Kind is "target_missed" or "slow_down" or "straighten_fully")
                yield return new SessionFlag(e.TS, e.Kind, e.Detail ?? e.Kind.Replace('_', ' '));
    }

    /// <summary>Joins curve chunks into one time axis; gaps (null) are left out, never interpolated.</summary>
    public static (List<double> TimeS, List<double> AngleRad) JoinCurve(IEnumerable<AngleCurveMessage> chunks)
    {
        var t = new List<double>();
        var a = new List<double>();
        foreach (AngleCurveMessage c in chunks.OrderBy(c => c.Chunk))
            for (int i = 0; i < c.AngleRad.Count; i++)
                if (c.AngleRad[i] is { } v)
                {
                    t.Add(c.StartS + i / c.RateHz);
                    a.Add(v);
                }
        return (t, a);
    }

    public static BandState ToBand(string site, string gateway, string? pseudonym, BandStatusMessage m)
    {
        string status = m.ErrorFlags.Count > 0 ? "error: " + string.Join(", ", m.ErrorFlags)
            : m.BatteryFraction is < 0.2 ? "battery low" : "ok";
        return new BandState(m.BandId, site, gateway, pseudonym, m.FirmwareVersion ?? "unknown", m.BatteryFraction ?? double.NaN,
            m.Calibration?.CertificateId, m.Calibration?.CalibratedAt.UtcDateTime, status, m.SentAt.UtcDateTime);
    }
}
