using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Analytics.Storage;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>Maps stored telemetry (contract records as the storage keeps them) to what the web shows (one place).</summary>
public static class ContractMapping
{
    /// <summary>
    /// A stored session: ROM over all exercises (max flexion, best extension = smallest flexion), quality = complete / all
    /// reps. <paramref name="rom"/> (the store's ROM history of this session) wins over the summary's per-exercise values.
    /// </summary>
    public static SessionSummary ToSummary(SessionRecord s, IReadOnlyList<RomPoint>? rom = null)
    {
        IReadOnlyList<ExerciseSummary> ex = s.Exercises;
        int complete = ex.Sum(e => e.RepsComplete);
        int incomplete = ex.Sum(e => e.RepsIncomplete);
        int prescribed = ex.Sum(e => e.RepsPrescribed);
        double maxFlex, minFlex;
        if (rom is { Count: > 0 })
        {
            maxFlex = rom.Max(r => r.MaxFlexionRad);
            minFlex = rom.Min(r => r.MinFlexionRad);
        }
        else
        {
            maxFlex = ex.Count == 0 ? double.NaN : ex.Max(e => e.MaxFlexionRad);
            minFlex = ex.Count == 0 ? double.NaN : ex.Min(e => e.MinFlexionRad);
        }
        ExerciseSummary? first = ex.Count == 0 ? null : ex[0];
        double? targetFlex = ex.Where(e => e.TargetFlexionRad is not null).Select(e => e.TargetFlexionRad).DefaultIfEmpty(null).Max();
        double? targetExt = ex.Where(e => e.TargetExtensionRad is not null).Select(e => e.TargetExtensionRad).DefaultIfEmpty(null).Min();
        double quality = complete + incomplete == 0 ? 0 : (double)complete / (complete + incomplete);
        return new SessionSummary(s.Key.SessionId, s.Citizen, s.StartedAtUtc.UtcDateTime, (s.EndedAtUtc - s.StartedAtUtc).TotalSeconds,
            string.Join("+", ex.Select(e => e.ExerciseId).Distinct()), first?.Level ?? "", complete, incomplete, prescribed,
            maxFlex, minFlex, quality, targetFlex, targetExt);
    }

    public static RepMark ToRep(RepRecord r)
    {
        // The peak is not sent separately: mid-rep is where the flexion peak of a symmetric rep lies.
        double peakS = r.StartS + (r.EndS - r.StartS) / 2;
        double quality = (r.Complete ? 0.5 : 0) + (r.Flags.Contains("target_reached") ? 0.5 : 0);
        return new RepMark(r.Index, r.StartS, peakS, r.EndS, r.PeakFlexionRad, r.Complete, quality);
    }

    /// <summary>Warnings of a session: rep flags (except "target reached") at the rep's end and the feedback events that are warnings.</summary>
    public static IEnumerable<SessionFlag> ToFlags(IReadOnlyList<RepRecord> reps, IReadOnlyList<FeedbackEventRecord> events)
    {
        foreach (RepRecord r in reps)
            foreach (string f in r.Flags)
                if (f != "target_reached") yield return new SessionFlag(r.EndS, f, $"rep {r.Index + 1}: {f.Replace('_', ' ')}");
        foreach (FeedbackEventRecord e in events)
            if (e.Kind is "target_missed" or "slow_down" or "straighten_fully")
                yield return new SessionFlag(e.TS, e.Kind, e.Detail ?? e.Kind.Replace('_', ' '));
    }

    /// <summary>One channel's curve on one time axis; gaps (null) are left out, never interpolated.</summary>
    public static (List<double> TimeS, List<double> AngleRad) JoinCurve(SessionDetail detail, string channel = "knee_flexion")
    {
        (double[] time, double?[] angle) = detail.Flatten(channel);
        var t = new List<double>(time.Length);
        var a = new List<double>(time.Length);
        for (int i = 0; i < time.Length; i++)
            if (angle[i] is { } v)
            {
                t.Add(time[i]);
                a.Add(v);
            }
        return (t, a);
    }

    public static BandState ToBand(BandStatusRecord m)
    {
        string status = m.ErrorFlags.Count > 0 ? "error: " + string.Join(", ", m.ErrorFlags)
            : m.BatteryFraction is < 0.2 ? "battery low" : "ok";
        return new BandState(m.BandId, m.Site, m.Gateway, null, m.FirmwareVersion ?? "unknown", m.BatteryFraction ?? double.NaN,
            m.Calibration?.CertificateId, m.Calibration?.CalibratedAt.UtcDateTime, status, m.SentAtUtc.UtcDateTime);
    }

    public static GatewayProposal ToProposal(ProposalRecord p) =>
        new($"{p.Site}/{p.Gateway}/{p.MessageId}", p.ExerciseId, p.FromLevel, p.ToLevel, p.Reason, p.SentAtUtc.UtcDateTime);
}
