using System;
using Sensors.Band.Fusion;
using Sensors.Band.Maths;

namespace Sensors.Gateway.Evaluation;

/// <summary>
/// Runs the band's <see cref="OrientationFilter"/> over a BROAD-layout recording and scores it exactly as
/// BROAD's calculateRMSE (datasets README sections 1 and 3): cold start at the first row, only sensor columns
/// go into the filter, q_err = q_est ⊗ q_ref⁻¹, total 2·acos(min(1,|w|)), heading 2·atan(|z/w|),
/// inclination 2·acos(min(1,√(w²+z²))), RMSE over movement = 1 rows, rows without ground truth left out.
/// Both quaternions are sensor-to-ENU, so no frame conversion is needed.
/// </summary>
public static class OrientationEvaluator
{
    /// <summary>Loads and scores a file. Throws <see cref="BroadFormatException"/> on bad input.</summary>
    public static OrientationScore Evaluate(string path, OrientationMode mode, OrientationSettings? settings = null)
    {
        BroadRecording rec = BroadRecording.Load(path, mode == OrientationMode.NineD);
        return Evaluate(rec, mode, settings);
    }

    /// <summary>Scores an already loaded recording.</summary>
    public static OrientationScore Evaluate(BroadRecording rec, OrientationMode mode, OrientationSettings? settings = null)
    {
        float[] qw = new float[rec.Rows], qx = new float[rec.Rows], qy = new float[rec.Rows], qz = new float[rec.Rows];
        Run(rec, mode, settings, qw, qx, qy, qz);
        return Score(rec, qw, qx, qy, qz);
    }

    /// <summary>Feeds every row to a fresh filter and writes the estimate per row.</summary>
    public static void Run(BroadRecording rec, OrientationMode mode, OrientationSettings? settings, float[] qw, float[] qx, float[] qy, float[] qz)
    {
        double[] t = rec.Get("t_s");
        double[] ax = rec.Get("acc_x"), ay = rec.Get("acc_y"), az = rec.Get("acc_z");
        double[] gx = rec.Get("gyr_x"), gy = rec.Get("gyr_y"), gz = rec.Get("gyr_z");
        bool nine = mode == OrientationMode.NineD;
        double[] mx = nine ? rec.Get("mag_x") : ax, my = nine ? rec.Get("mag_y") : ay, mz = nine ? rec.Get("mag_z") : az;
        double nominalDt = EstimateSamplePeriod(rec.Path, t);

        var filter = new OrientationFilter(settings ?? new OrientationSettings());
        for (int i = 0; i < rec.Rows; i++)
        {
            double dt = i == 0 ? nominalDt : t[i] - t[i - 1];
            if (!(dt > 0) || double.IsNaN(dt)) dt = nominalDt;
            if (nine)
            {
                filter.Update9D((float)gx[i], (float)gy[i], (float)gz[i], (float)ax[i], (float)ay[i], (float)az[i],
                    (float)mx[i], (float)my[i], (float)mz[i], (float)dt);
            }
            else
            {
                filter.Update6D((float)gx[i], (float)gy[i], (float)gz[i], (float)ax[i], (float)ay[i], (float)az[i], (float)dt);
            }
            QuaternionF q = nine ? filter.Orientation9D : filter.Orientation6D;
            qw[i] = q.W;
            qx[i] = q.X;
            qy[i] = q.Y;
            qz[i] = q.Z;
        }
    }

    /// <summary>BROAD's calculateRMSE for per-row estimates (sensor-to-ENU, scalar first).</summary>
    public static OrientationScore Score(BroadRecording rec, float[] qw, float[] qx, float[] qy, float[] qz)
    {
        double[] rw = rec.Get("q_w"), rx = rec.Get("q_x"), ry = rec.Get("q_y"), rz = rec.Get("q_z");
        double[] movement = rec.Get("movement");
        double sumTotal = 0, sumInc = 0, sumHead = 0;
        int n = 0;
        for (int i = 0; i < rec.Rows; i++)
        {
            if (movement[i] != 1.0) continue;
            if (!ErrorAngles(qw[i], qx[i], qy[i], qz[i], rw[i], rx[i], ry[i], rz[i], out double total, out double inc, out double head)) continue;
            sumTotal += total * total;
            sumInc += inc * inc;
            sumHead += head * head;
            n++;
        }
        if (n == 0) throw new BroadFormatException($"{rec.Path}: no row with movement = 1 and ground truth to score.");
        return new OrientationScore(rec.Rows, n,
            Math.Sqrt(sumTotal / n) * Angles.RadToDeg, Math.Sqrt(sumInc / n) * Angles.RadToDeg, Math.Sqrt(sumHead / n) * Angles.RadToDeg);
    }

    /// <summary>
    /// Total, inclination and heading error (rad) of an estimate against a reference, as BROAD defines them.
    /// False when either quaternion is missing (NaN) or zero.
    /// </summary>
    public static bool ErrorAngles(double ew, double ex, double ey, double ez, double rw, double rx, double ry, double rz,
        out double totalRad, out double inclinationRad, out double headingRad)
    {
        totalRad = inclinationRad = headingRad = double.NaN;
        double ne = Math.Sqrt(ew * ew + ex * ex + ey * ey + ez * ez);
        double nr = Math.Sqrt(rw * rw + rx * rx + ry * ry + rz * rz);
        if (!(ne > 0) || !(nr > 0)) return false;
        ew /= ne; ex /= ne; ey /= ne; ez /= ne;
        rw /= nr; rx = -rx / nr; ry = -ry / nr; rz = -rz / nr; // r⁻¹ = conjugate of the normalised reference
        // q_err = q_est ⊗ q_ref⁻¹
        double w = ew * rw - ex * rx - ey * ry - ez * rz;
        double x = ew * rx + ex * rw + ey * rz - ez * ry;
        double y = ew * ry - ex * rz + ey * rw + ez * rx;
        double z = ew * rz + ex * ry - ey * rx + ez * rw;
        double n = Math.Sqrt(w * w + x * x + y * y + z * z);
        w /= n; z /= n;
        totalRad = 2.0 * Math.Acos(Math.Min(1.0, Math.Abs(w)));
        headingRad = 2.0 * Math.Atan(Math.Abs(z / w));
        inclinationRad = 2.0 * Math.Acos(Math.Min(1.0, Math.Sqrt(w * w + z * z)));
        return true;
    }

    private static double EstimateSamplePeriod(string path, double[] t)
    {
        if (t.Length < 2) throw new BroadFormatException($"{path}: fewer than two rows, no sample period.");
        double span = t[^1] - t[0];
        double dt = span / (t.Length - 1);
        if (!(dt > 0) || double.IsNaN(dt)) throw new BroadFormatException($"{path}: column 't_s' does not increase.");
        return dt;
    }
}
