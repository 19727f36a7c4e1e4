using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Sensors.Gateway.Exercises.Accuracy;

/// <summary>One row of the accuracy table: an exercise at a level over all citizens of a study (or the total row).</summary>
public sealed record RepAccuracyRow(
    string ExerciseId,
    string Level,
    int Sets,
    int TrueReps,
    int Detected,
    int ExactSets,
    int WithinOneSets,
    int Missed,
    int FalseReps,
    int FalseRepsInPauses,
    int PartialReps,
    int PartialReportedIncomplete,
    int Matched,
    int CompletenessAgree,
    double MeanAbsRomErrorDeg)
{
    public double ExactPercent => Sets == 0 ? 0 : 100.0 * ExactSets / Sets;

    public double WithinOnePercent => Sets == 0 ? 0 : 100.0 * WithinOneSets / Sets;
}

/// <summary>The per exercise × level table of a study, as text or markdown.</summary>
public sealed class RepAccuracyTable
{
    private RepAccuracyTable(IReadOnlyList<RepAccuracyRow> rows, RepAccuracyRow total)
    {
        Rows = rows;
        Total = total;
    }

    public IReadOnlyList<RepAccuracyRow> Rows { get; }

    public RepAccuracyRow Total { get; }

    /// <summary>Builds the table. False reps outside every set (rests, transitions) count in the "in pauses" column of their row.</summary>
    public static RepAccuracyTable Build(IEnumerable<SessionAccuracy> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var list = sessions.ToList();
        var rows = new List<RepAccuracyRow>();
        foreach (string id in ExerciseCatalogue.Ids)
        {
            foreach (ExerciseLevel level in new[] { ExerciseLevel.Easy, ExerciseLevel.Medium, ExerciseLevel.Hard })
            {
                var mine = list.Where(s => s.Sets.Count > 0 && s.Sets[0].ExerciseId == id && s.Sets[0].Level == level).ToList();
                if (mine.Count == 0) continue;
                rows.Add(Row(id, level.ToId(), mine));
            }
        }
        return new RepAccuracyTable(rows, Row("all", "all", list));
    }

    private static RepAccuracyRow Row(string id, string level, List<SessionAccuracy> sessions)
    {
        var sets = sessions.SelectMany(s => s.Sets).ToList();
        int matched = sets.Sum(s => s.Matched);
        return new RepAccuracyRow(id, level, sets.Count, sets.Sum(s => s.TrueReps), sets.Sum(s => s.Detected),
            sets.Count(s => s.Exact), sets.Count(s => s.WithinOne), sets.Sum(s => s.Missed),
            sets.Sum(s => s.FalseReps) + sessions.Sum(s => s.FalseRepsOutsideSets), sessions.Sum(s => s.FalseRepsInPausesOrFidgets),
            sets.Sum(s => s.PartialReps), sets.Sum(s => s.PartialReportedIncomplete), matched, sets.Sum(s => s.CompletenessAgree),
            matched == 0 ? 0 : sets.Sum(s => s.SumAbsRomErrorRad) / matched * 180 / Math.PI);
    }

    /// <summary>The table as text (fixed width) or as a markdown table.</summary>
    public string Format(bool markdown)
    {
        string[] head = ["exercise", "level", "sets", "reps", "detected", "exact %", "±1 %", "missed", "false", "false in pauses", "partial→incomplete", "complete agree %", "mean |ROM err| °"];
        var lines = new List<string[]>();
        foreach (RepAccuracyRow r in Rows.Append(Total)) lines.Add(Cells(r));
        var sb = new StringBuilder();
        if (markdown)
        {
            sb.Append("| ").AppendJoin(" | ", head).AppendLine(" |");
            sb.Append('|').AppendJoin("|", head.Select((_, i) => i < 2 ? "---" : "---:")).AppendLine("|");
            foreach (string[] c in lines) sb.Append("| ").AppendJoin(" | ", c).AppendLine(" |");
        }
        else
        {
            int[] w = head.Select((h, i) => Math.Max(h.Length, lines.Max(l => l[i].Length))).ToArray();
            sb.AppendLine(string.Join("  ", head.Select((h, i) => i < 2 ? h.PadRight(w[i]) : h.PadLeft(w[i]))));
            foreach (string[] c in lines) sb.AppendLine(string.Join("  ", c.Select((x, i) => i < 2 ? x.PadRight(w[i]) : x.PadLeft(w[i]))));
        }
        return sb.ToString();
    }

    private static string[] Cells(RepAccuracyRow r)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        return
        [
            r.ExerciseId, r.Level, r.Sets.ToString(c), r.TrueReps.ToString(c), r.Detected.ToString(c),
            r.ExactPercent.ToString("F1", c), r.WithinOnePercent.ToString("F1", c), r.Missed.ToString(c), r.FalseReps.ToString(c),
            r.FalseRepsInPauses.ToString(c), $"{r.PartialReportedIncomplete}/{r.PartialReps}",
            (r.Matched == 0 ? 0 : 100.0 * r.CompletenessAgree / r.Matched).ToString("F1", c), r.MeanAbsRomErrorDeg.ToString("F2", c),
        ];
    }
}
