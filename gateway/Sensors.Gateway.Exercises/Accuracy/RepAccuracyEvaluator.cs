using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Gateway.Core.Reps;
using Sensors.Hardware.Exercises;

namespace Sensors.Gateway.Exercises.Accuracy;

/// <summary>
/// Runs the repetition core (streaming <see cref="RepDetector"/>, settings from <see cref="ExerciseRepSettings"/> with the
/// citizen's baseline) over a simulated session's estimated angle and scores it against the simulator's ground-truth reps.
/// The detector runs over the whole session (sets, pauses, rests with fidgeting), as a gateway without UI gating would.
/// Matching: a detected rep belongs to the unmatched true rep whose [start − 1 s, end + 1 s] contains its peak time
/// (nearest hold centre first); unmatched detected reps are false reps.
/// </summary>
public static class RepAccuracyEvaluator
{
    private const double MatchSlackS = 1.0;

    /// <summary>Detects and scores.</summary>
    public static SessionAccuracy Evaluate(SimulatedExerciseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Evaluate(session, ExerciseRepSettings.For(session.Exercise, session.Level, session.Citizen.Baseline, SimulatedExerciseSession.SampleRateHz));
    }

    /// <summary>Detects with explicit settings (tuning experiments) and scores.</summary>
    public static SessionAccuracy Evaluate(SimulatedExerciseSession session, RepDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        List<Rep> detected = Detect(session.AngleRad, settings, session.TimeS.Length > 0 ? session.TimeS[0] : 0);
        return Score(session, detected);
    }

    /// <summary>Streams an angle series through a detector (NaN = invalid sample) and returns the reported reps.</summary>
    public static List<Rep> Detect(IReadOnlyList<double> angleRad, RepDetectorSettings settings, double startTimeS)
    {
        ArgumentNullException.ThrowIfNull(angleRad);
        var detector = new RepDetector(settings, startTimeS);
        var reps = new List<Rep>();
        for (int i = 0; i < angleRad.Count; i++)
        {
            double a = angleRad[i];
            RepEvents e = double.IsNaN(a) ? detector.Process(0f, isValid: false) : detector.Process((float)a);
            if ((e & RepEvents.RepEnded) != 0 && detector.TryGetLastRep(out Rep rep)) reps.Add(rep);
        }
        return reps;
    }

    private static SessionAccuracy Score(SimulatedExerciseSession s, List<Rep> detected)
    {
        IReadOnlyList<GroundTruthRep> truth = s.Simulator.Reps;
        var used = new bool[truth.Count];
        var matched = new List<MatchedRep>();
        var quiet = s.Simulator.Events.Where(e => e.Kind is SessionEventKind.Pause or SessionEventKind.Fidget).ToList();
        foreach (Rep d in detected)
        {
            int best = -1;
            double bestDist = double.PositiveInfinity;
            for (int i = 0; i < truth.Count; i++)
            {
                if (used[i]) continue;
                GroundTruthRep r = truth[i];
                if (d.PeakS < r.StartS - MatchSlackS || d.PeakS > r.EndS + MatchSlackS) continue;
                double dist = Math.Abs(d.PeakS - 0.5 * (r.HoldStartS + r.HoldEndS));
                if (dist < bestDist) { bestDist = dist; best = i; }
            }
            if (best >= 0) used[best] = true;
            bool inQuiet = best < 0 && (quiet.Any(e => d.PeakS >= e.StartS && d.PeakS <= e.EndS) || !InAnyRep(truth, d.PeakS));
            matched.Add(new MatchedRep(d, best >= 0 ? truth[best] : null, inQuiet));
        }

        var sets = new List<SetAccuracy>();
        int falseOutside = 0;
        foreach (MatchedRep m in matched.Where(m => m.Truth is null))
        {
            if (!truth.GroupBy(r => r.SetIndex).Any(g => m.Detected.PeakS >= g.Min(r => r.StartS) && m.Detected.PeakS <= g.Max(r => r.EndS))) falseOutside++;
        }
        foreach (IGrouping<int, GroundTruthRep> set in truth.GroupBy(r => r.SetIndex).OrderBy(g => g.Key))
        {
            double a = set.Min(r => r.StartS), b = set.Max(r => r.EndS);
            List<MatchedRep> mine = matched.Where(m => m.Truth is not null ? m.Truth.SetIndex == set.Key : m.Detected.PeakS >= a && m.Detected.PeakS <= b).ToList();
            List<MatchedRep> ok = mine.Where(m => m.Truth is not null).ToList();
            int partial = set.Count(r => r.Partial);
            sets.Add(new SetAccuracy(
                s.Exercise.Id, s.Level, s.Citizen.Seed, s.Citizen.Profile.Archetype.ToString(), s.Seed, set.Key,
                set.Count(), set.Count(r => r.Complete), mine.Count, mine.Count(m => m.Detected.Complete),
                set.Count() - ok.Count, mine.Count - ok.Count,
                partial, ok.Count(m => m.Truth!.Partial && !m.Detected.Complete),
                ok.Count(m => m.Truth!.Complete == m.Detected.Complete), ok.Count,
                ok.Sum(m => Math.Abs(m.Detected.RomRad - (m.Truth!.PeakRad - m.Truth.MinRad)))));
        }
        return new SessionAccuracy(sets, falseOutside, matched.Count(m => m.InPauseOrFidget), matched);
    }

    private static bool InAnyRep(IReadOnlyList<GroundTruthRep> truth, double t)
    {
        foreach (GroundTruthRep r in truth) if (t >= r.StartS && t <= r.EndS) return true;
        return false;
    }
}
