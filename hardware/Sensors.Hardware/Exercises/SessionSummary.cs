using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Sensors.Hardware.Body;

namespace Sensors.Hardware.Exercises;

/// <summary>
/// One row of a session summary: one set of one programme item. Angles in degrees (this is a display edge) and are of the
/// exercise's driving joint: <see cref="PeakFlexionDeg"/> is the largest angle over the set's reps,
/// <see cref="BestExtensionDeg"/> the smallest.
/// </summary>
public sealed record SetSummary(
    int ProgramIndex,
    string ExerciseId,
    ExerciseLevel Level,
    JointAngleKind DrivingJoint,
    int SetIndex,
    int RepsDone,
    int RepsComplete,
    int RepsIncomplete,
    double PeakFlexionDeg,
    double BestExtensionDeg,
    double DurationS);

/// <summary>Per exercise and set: reps done / complete / incomplete, peak flexion, best extension, duration.</summary>
public sealed class SessionSummary
{
    private SessionSummary(IReadOnlyList<SetSummary> sets) => Sets = sets;

    public IReadOnlyList<SetSummary> Sets { get; }

    public int RepsDone => Sets.Sum(s => s.RepsDone);

    public int RepsComplete => Sets.Sum(s => s.RepsComplete);

    public int RepsIncomplete => Sets.Sum(s => s.RepsIncomplete);

    /// <summary>Summarises ground-truth reps (any order) by programme item and set.</summary>
    public static SessionSummary Summarize(IEnumerable<GroundTruthRep> reps)
    {
        ArgumentNullException.ThrowIfNull(reps);
        const double toDeg = 180 / System.Math.PI;
        List<SetSummary> rows = reps
            .GroupBy(r => (r.ProgramIndex, r.SetIndex))
            .OrderBy(g => g.Key.ProgramIndex).ThenBy(g => g.Key.SetIndex)
            .Select(g =>
            {
                GroundTruthRep first = g.First();
                int complete = g.Count(r => r.Complete);
                return new SetSummary(first.ProgramIndex, first.ExerciseId, first.Level, first.DrivingJoint, first.SetIndex,
                    g.Count(), complete, g.Count() - complete,
                    g.Max(r => r.PeakRad) * toDeg, g.Min(r => r.MinRad) * toDeg,
                    g.Max(r => r.EndS) - g.Min(r => r.StartS));
            })
            .ToList();
        return new SessionSummary(rows);
    }

    /// <summary>A fixed-width text table, one line per set plus a total line.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Format(c, "{0,-3} {1,-20} {2,-6} {3,-13} {4,3} {5,4} {6,8} {7,10} {8,8} {9,10} {10,9}",
            "#", "exercise", "level", "joint", "set", "reps", "complete", "incomplete", "peak°", "best ext°", "duration"));
        foreach (SetSummary s in Sets)
        {
            sb.AppendLine(string.Format(c, "{0,-3} {1,-20} {2,-6} {3,-13} {4,3} {5,4} {6,8} {7,10} {8,8:F1} {9,10:F1} {10,8:F1}s",
                s.ProgramIndex + 1, s.ExerciseId, s.Level.ToString().ToLowerInvariant(), s.DrivingJoint, s.SetIndex + 1,
                s.RepsDone, s.RepsComplete, s.RepsIncomplete, s.PeakFlexionDeg, s.BestExtensionDeg, s.DurationS));
        }
        sb.AppendLine(string.Format(c, "total: {0} reps, {1} complete, {2} incomplete", RepsDone, RepsComplete, RepsIncomplete));
        return sb.ToString();
    }
}
