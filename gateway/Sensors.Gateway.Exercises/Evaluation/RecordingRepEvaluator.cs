using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Band.Joint;
using HipAngleEstimator = Sensors.Band.Joint.HipAngleEstimator;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Exercises.Accuracy;
using Sensors.Gateway.Exercises.Estimation;
using Sensors.Recording;

namespace Sensors.Gateway.Exercises.Evaluation;

/// <summary>
/// <c>evaluate reps</c> (ARCHITECTURE contract 5): reps of one exercise at one level in any two-IMU hinge-layout recording
/// (imu1 = thigh, imu2 = shank; <c>encoder_deg</c> and every ground-truth column ignored). Knee exercises: the band core's
/// <see cref="JointAngleEstimator"/> (not told the axis, no reference pose); hip exercises: <see cref="HipAngleEstimator"/>
/// on imu1 (reference 2 s in). When the file has an <c>exercise</c> text column (a recorded session), only rows of that
/// exercise are counted (the gateway knows which exercise runs); the estimator still sees every row. Without a reference
/// pose the flexion direction is unknown: the sign giving more complete reps is kept (reported). A joint that never rests
/// (a motorised hinge) is counted as cycles of the level's excursion.
/// </summary>
public static class RecordingRepEvaluator
{
    public static RecordingRepReport Evaluate(string path, Exercise exercise, ExerciseLevel level)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        RecordingTable table = RecordingTable.Load(path);
        string[] cols = [.. HingeEvaluatorColumns.Sensor];
        var missing = cols.Where(c => !table.HasColumn(c)).ToList();
        if (!table.HasColumn("t_s")) missing.Insert(0, "t_s");
        if (missing.Count > 0) throw new FormatException($"{path}: not a two-IMU hinge layout, missing column(s) {string.Join(", ", missing)}.");
        if (table.RowCount < 10) throw new FormatException($"{path}: only {table.RowCount} row(s); nothing to count.");

        double[] t = table.GetColumn("t_s");
        double[][] s = cols.Select(table.GetColumn).ToArray();
        bool[] use = new bool[t.Length];
        if (table.HasColumn("exercise") && table.IsTextColumn("exercise"))
        {
            string[] ex = table.GetTextColumn("exercise");
            for (int i = 0; i < t.Length; i++) use[i] = ex[i] == exercise.Id;
            if (!use.Any(u => u)) throw new ArgumentException($"{path}: no row has exercise '{exercise.Id}' (column 'exercise').");
        }
        else
        {
            Array.Fill(use, true);
        }

        double rate = EstimateRate(t, path);
        double[] angle = exercise.IsHipExercise ? HipAngles(t, s) : KneeAngles(t, s);
        var rows = Enumerable.Range(0, t.Length).Where(i => use[i]).ToList();
        RepDetectorSettings settings = ExerciseRepSettings.For(exercise, level, null, rate);

        (List<Rep> reps, bool rested) Run(RepDetectorSettings st, double sign)
        {
            var d = new RepDetector(st, t[rows[0]]);
            var list = new List<Rep>();
            bool rested = false;
            foreach (int i in rows)
            {
                double a = angle[i];
                RepEvents e = double.IsNaN(a) ? d.Process(0f, false) : d.Process((float)(sign * a));
                rested |= d.State != RepDetectorState.LearningBaseline;
                if ((e & RepEvents.RepEnded) != 0 && d.TryGetLastRep(out Rep r)) list.Add(r);
            }
            return (list, rested);
        }

        var plus = Run(settings, 1);
        var minus = Run(settings, -1);
        string mode = "exercise";
        if (!plus.rested && !minus.rested)
        {
            mode = "cycle";
            RepDetectorSettings cycle = RepDetectorSettings.ForCycles(settings.TargetExcursionRad, rate, settings.Direction);
            plus = Run(cycle, 1);
            minus = Run(cycle, -1);
        }
        bool flip = minus.reps.Count(r => r.Complete) > plus.reps.Count(r => r.Complete);
        List<Rep> chosen = flip ? minus.reps : plus.reps;
        if (flip) chosen = chosen.Select(r => r with { PeakFlexionRad = -r.MinFlexionRad, MinFlexionRad = -r.PeakFlexionRad, BaselineRad = -r.BaselineRad }).ToList();
        return new RecordingRepReport(exercise.Id, level, rows.Count, mode, flip, chosen);
    }

    private static double EstimateRate(double[] t, string path)
    {
        var steps = new List<double>();
        for (int i = 1; i < t.Length && steps.Count < 2000; i++) if (t[i] > t[i - 1]) steps.Add(t[i] - t[i - 1]);
        if (steps.Count == 0) throw new FormatException($"{path}: t_s never increases.");
        steps.Sort();
        return 1.0 / steps[steps.Count / 2];
    }

    private static double[] KneeAngles(double[] t, double[][] s)
    {
        var est = new JointAngleEstimator(new JointAngleSettings());
        var deg = new double[t.Length];
        HingeEvaluatorColumns.Run(est, t, s, deg);
        for (int i = 0; i < deg.Length; i++) deg[i] *= Math.PI / 180.0;
        return deg;
    }

    private static double[] HipAngles(double[] t, double[][] s)
    {
        var hip = new HipAngleEstimator();
        var a = new double[t.Length];
        double prev = double.NaN;
        for (int i = 0; i < t.Length; i++)
        {
            bool ok = !double.IsNaN(t[i]) && s.Take(6).All(c => !double.IsNaN(c[i]));
            if (ok)
            {
                double dt = double.IsNaN(prev) ? 0 : t[i] - prev;
                prev = t[i];
                hip.Update(dt, (float)s[0][i], (float)s[1][i], (float)s[2][i], (float)s[3][i], (float)s[4][i], (float)s[5][i]);
                if (!hip.IsValid && t[i] - t[0] >= SimulatedCitizen.ReferencePoseAtS) hip.CaptureReference();
            }
            a[i] = hip.IsValid ? hip.AngleRad : double.NaN;
        }
        return a;
    }
}
