using System;
using System.Collections.Generic;
using Sensors.Band.Joint;
using Sensors.Band.Maths;
using Sensors.Recording;

namespace Sensors.Gateway.Evaluation;

/// <summary>
/// Scores the band's joint-angle core (<see cref="JointAngleEstimator"/>) on a hinge-layout recording exactly as the
/// datasets README section 3 says. The estimator sees only imu1/imu2 acc and gyro and t_s, in row order — never
/// the DMP quaternions, the encoder, the phase or the trial name; it is not told the axis.
/// </summary>
public static class HingeEvaluator
{
    /// <summary>Columns the estimator reads, in the order passed to the core.</summary>
    public static readonly string[] SensorColumns =
    [
        "imu1_acc_x", "imu1_acc_y", "imu1_acc_z", "imu1_gyr_x", "imu1_gyr_y", "imu1_gyr_z",
        "imu2_acc_x", "imu2_acc_y", "imu2_acc_z", "imu2_gyr_x", "imu2_gyr_y", "imu2_gyr_z",
    ];

    /// <summary>Time after the first data row given to fit the mounting from movement before scoring starts, s.</summary>
    public const double FitTimeS = 30.0;

    /// <summary>Loads and scores a file. Throws <see cref="HingeFormatException"/> naming the file and column on bad input.</summary>
    public static HingeReport Evaluate(string path, JointAngleSettings? settings = null)
    {
        RecordingTable table;
        try
        {
            table = RecordingTable.Load(path);
        }
        catch (RecordingFormatException ex)
        {
            throw new HingeFormatException($"{path}: {ex.Message}", ex);
        }
        catch (System.IO.IOException ex)
        {
            throw new HingeFormatException($"{path}: cannot read the recording ({ex.Message}).", ex);
        }
        return Evaluate(table, path, settings);
    }

    /// <summary>Scores an already loaded table.</summary>
    public static HingeReport Evaluate(RecordingTable table, string path, JointAngleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var missing = new List<string>();
        foreach (string c in SensorColumns) if (!table.HasColumn(c)) missing.Add(c);
        foreach (string c in new[] { "t_s", "encoder_deg", "phase" }) if (!table.HasColumn(c)) missing.Add(c);
        if (missing.Count > 0)
        {
            throw new HingeFormatException($"{path}: not a hinge layout, missing column(s) {string.Join(", ", missing)}.");
        }
        if (!table.IsTextColumn("phase")) throw new HingeFormatException($"{path}: column 'phase' must be text (none/data).");

        double[] t = table.GetColumn("t_s");
        double[] encoder = table.GetColumn("encoder_deg");
        string[] phase = table.GetTextColumn("phase");
        var sensors = new double[SensorColumns.Length][];
        for (int k = 0; k < sensors.Length; k++) sensors[k] = table.GetColumn(SensorColumns[k]);

        var angles = new double[t.Length];
        var gravity = new bool[t.Length];
        var estimator = new JointAngleEstimator(settings ?? new JointAngleSettings());
        Run(estimator, t, sensors, angles, gravity);
        return Score(path, t, encoder, phase, angles, gravity, estimator);
    }

    /// <summary>
    /// Streams the rows through the estimator: angles[i] = joint angle in degrees after row i (NaN before the axes are
    /// known). A row with a missing (NaN) sensor field is skipped (the previous angle is repeated).
    /// </summary>
    public static void Run(JointAngleEstimator estimator, double[] t, double[][] sensors, double[] anglesDeg, bool[] usingGravity)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        double last = double.NaN;
        double previousT = double.NaN;
        for (int i = 0; i < t.Length; i++)
        {
            bool ok = !double.IsNaN(t[i]);
            for (int k = 0; k < sensors.Length && ok; k++) ok = !double.IsNaN(sensors[k][i]);
            if (ok)
            {
                double dt = double.IsNaN(previousT) ? 0.0 : t[i] - previousT;
                previousT = t[i];
                estimator.Update(dt,
                    (float)sensors[0][i], (float)sensors[1][i], (float)sensors[2][i],
                    (float)sensors[3][i], (float)sensors[4][i], (float)sensors[5][i],
                    (float)sensors[6][i], (float)sensors[7][i], (float)sensors[8][i],
                    (float)sensors[9][i], (float)sensors[10][i], (float)sensors[11][i]);
                last = estimator.IsValid ? estimator.FlexionRad * Angles.RadToDeg : double.NaN;
                usingGravity[i] = estimator.UsingGravity;
            }
            anglesDeg[i] = last;
        }
    }

    private static HingeReport Score(string path, double[] t, double[] encoder, string[] phase, double[] est, bool[] gravity, JointAngleEstimator estimator)
    {
        int first = Array.IndexOf(phase, "data");
        if (first < 0) throw new HingeFormatException($"{path}: no row with phase = data.");
        double start = t[first] + FitTimeS;
        var scored = new List<int>();
        for (int i = first; i < t.Length; i++)
        {
            if (phase[i] == "data" && t[i] >= start && !double.IsNaN(encoder[i])) scored.Add(i);
        }
        if (scored.Count == 0) throw new HingeFormatException($"{path}: no scored rows (phase = data and t_s ≥ first data t_s + {FitTimeS} s).");

        double bestRmse = double.PositiveInfinity, bestOffset = 0.0;
        bool bestFlip = false;
        foreach (bool flip in new[] { false, true })
        {
            double s = flip ? -1.0 : 1.0;
            double sum = 0.0;
            foreach (int i in scored) sum += (double.IsNaN(est[i]) ? 0.0 : s * est[i]) - encoder[i];
            double offset = sum / scored.Count;
            double sq = 0.0;
            foreach (int i in scored)
            {
                double e = (double.IsNaN(est[i]) ? 0.0 : s * est[i]) - offset - encoder[i];
                sq += e * e;
            }
            double rmse = Math.Sqrt(sq / scored.Count);
            if (rmse < bestRmse) { bestRmse = rmse; bestOffset = offset; bestFlip = flip; }
        }

        var estScored = new double[scored.Count];
        var encScored = new double[scored.Count];
        int g = 0;
        for (int k = 0; k < scored.Count; k++)
        {
            int i = scored[k];
            estScored[k] = (bestFlip ? -est[i] : est[i]) - bestOffset;
            encScored[k] = encoder[i];
            if (gravity[i]) g++;
        }
        HingeAxisEstimator axis = estimator.Axis;
        return new HingeReport(
            scored.Count, bestRmse,
            HingeCycleCounter.Count(estScored), HingeCycleCounter.Count(encScored),
            bestOffset, bestFlip,
            axis.Axis1X, axis.Axis1Y, axis.Axis1Z, axis.Axis2X, axis.Axis2Y, axis.Axis2Z,
            (double)g / scored.Count);
    }
}
