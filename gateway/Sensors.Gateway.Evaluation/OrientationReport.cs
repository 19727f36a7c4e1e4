using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Sensors.Band.Fusion;

namespace Sensors.Gateway.Evaluation;

/// <summary>One trial's 6D and 9D scores.</summary>
/// <param name="Trial">File name without .csv.gz.</param>
/// <param name="SixD">6D scores (judged on inclination).</param>
/// <param name="NineD">9D scores (judged on total).</param>
public sealed record OrientationTrialScore(string Trial, OrientationScore SixD, OrientationScore NineD);

/// <summary>Scores every BROAD trial in a folder with one parameter set and renders the markdown table.</summary>
public static class OrientationReport
{
    /// <summary>Scores all *.csv.gz in the folder (sorted by name), 6D and 9D, with the same settings.</summary>
    public static IReadOnlyList<OrientationTrialScore> ScoreAll(string broadDir, OrientationSettings? settings = null)
    {
        string[] files = Directory.GetFiles(broadDir, "*.csv.gz");
        if (files.Length == 0) throw new BroadFormatException($"{broadDir}: no *.csv.gz trial found.");
        Array.Sort(files, StringComparer.Ordinal);
        var results = new OrientationTrialScore[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            BroadRecording rec = BroadRecording.Load(files[i], requireMag: true);
            results[i] = new OrientationTrialScore(
                Path.GetFileName(files[i]).Replace(".csv.gz", "", StringComparison.Ordinal),
                OrientationEvaluator.Evaluate(rec, OrientationMode.SixD, settings),
                OrientationEvaluator.Evaluate(rec, OrientationMode.NineD, settings));
        });
        return results;
    }

    /// <summary>Markdown table: one row per trial plus the mean.</summary>
    public static string ToMarkdown(IReadOnlyList<OrientationTrialScore> scores)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| trial | 6D inclination ° | 9D total ° | 9D inclination ° | 9D heading ° |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (OrientationTrialScore s in scores)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.Trial} | {s.SixD.RmseInclinationDeg:F2} | {s.NineD.RmseTotalDeg:F2} | {s.NineD.RmseInclinationDeg:F2} | {s.NineD.RmseHeadingDeg:F2} |"));
        }
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| **mean** | **{scores.Average(s => s.SixD.RmseInclinationDeg):F2}** | **{scores.Average(s => s.NineD.RmseTotalDeg):F2}** | {scores.Average(s => s.NineD.RmseInclinationDeg):F2} | {scores.Average(s => s.NineD.RmseHeadingDeg):F2} |"));
        return sb.ToString();
    }
}
