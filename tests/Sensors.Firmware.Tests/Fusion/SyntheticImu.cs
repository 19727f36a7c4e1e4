using System;
using Sensors.Band.Maths;

namespace Sensors.Firmware.Tests.Fusion;

/// <summary>
/// Independent truth for the fusion tests: integrates a known body rate exactly (double precision, closed-form
/// exponential per step) and produces the ideal accelerometer and magnetometer readings in sensor axes.
/// Earth frame ENU; gravity specific force (0, 0, +9.81); field 20 µT north, 40 µT down.
/// </summary>
internal sealed class SyntheticImu
{
    public const double G = 9.81;
    public static readonly double[] FieldEnu = [0.0, 20.0, -40.0];

    public double W = 1, X, Y, Z; // truth, sensor → ENU

    public SyntheticImu(double w, double x, double y, double z)
    {
        double n = Math.Sqrt(w * w + x * x + y * y + z * z);
        W = w / n; X = x / n; Y = y / n; Z = z / n;
    }

    /// <summary>Advances the truth by body rate (rad/s, sensor axes) over dt.</summary>
    public void Step(double gx, double gy, double gz, double dt)
    {
        double angle = Math.Sqrt(gx * gx + gy * gy + gz * gz) * dt;
        if (angle < 1e-15) return;
        double s = Math.Sin(angle / 2) / (angle / dt), c = Math.Cos(angle / 2);
        double qw = c, qx = gx * s, qy = gy * s, qz = gz * s;
        double w = W * qw - X * qx - Y * qy - Z * qz;
        double x = W * qx + X * qw + Y * qz - Z * qy;
        double y = W * qy - X * qz + Y * qw + Z * qx;
        double z = W * qz + X * qy - Y * qx + Z * qw;
        double n = Math.Sqrt(w * w + x * x + y * y + z * z);
        W = w / n; X = x / n; Y = y / n; Z = z / n;
    }

    /// <summary>An earth-frame vector expressed in sensor axes (q⁻¹ ⊗ v ⊗ q).</summary>
    public (double X, double Y, double Z) ToSensor(double ex, double ey, double ez)
    {
        // rotate by the conjugate
        double w = W, x = -X, y = -Y, z = -Z;
        double tx = 2 * (y * ez - z * ey), ty = 2 * (z * ex - x * ez), tz = 2 * (x * ey - y * ex);
        return (ex + w * tx + (y * tz - z * ty), ey + w * ty + (z * tx - x * tz), ez + w * tz + (x * ty - y * tx));
    }

    public (double X, double Y, double Z) Acc => ToSensor(0, 0, G);

    public (double X, double Y, double Z) Mag => ToSensor(FieldEnu[0], FieldEnu[1], FieldEnu[2]);

    /// <summary>Inclination and total error (deg) of an estimate against the truth, BROAD definitions.</summary>
    public (double InclinationDeg, double TotalDeg, double HeadingDeg) Error(QuaternionF e)
    {
        Sensors.Gateway.Evaluation.OrientationEvaluator.ErrorAngles(e.W, e.X, e.Y, e.Z, W, X, Y, Z, out double total, out double inc, out double head);
        return (inc * Angles.RadToDeg, total * Angles.RadToDeg, head * Angles.RadToDeg);
    }
}
