using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>Small rotation helpers for the body model (elementary rotations, slerp, rotation from axes).</summary>
public static class Rotations
{
    /// <summary>Rotation about the x axis by <paramref name="angleRad"/>.</summary>
    public static Quat RotX(double angleRad) => new(System.Math.Cos(0.5 * angleRad), System.Math.Sin(0.5 * angleRad), 0, 0);

    /// <summary>Rotation about the y axis by <paramref name="angleRad"/>.</summary>
    public static Quat RotY(double angleRad) => new(System.Math.Cos(0.5 * angleRad), 0, System.Math.Sin(0.5 * angleRad), 0);

    /// <summary>Rotation about the z axis by <paramref name="angleRad"/>.</summary>
    public static Quat RotZ(double angleRad) => new(System.Math.Cos(0.5 * angleRad), 0, 0, System.Math.Sin(0.5 * angleRad));

    /// <summary>Spherical interpolation from <paramref name="a"/> (s = 0) to <paramref name="b"/> (s = 1), shortest path.</summary>
    public static Quat Slerp(Quat a, Quat b, double s)
    {
        Quat d = a.Conjugate() * b;
        return a * Quat.FromRotationVector(d.ToRotationVector() * s);
    }

    /// <summary>
    /// The rotation whose columns are the given orthonormal axes (the frame-B axes expressed in frame A), i.e. q_AB.
    /// </summary>
    public static Quat FromAxes(Vec3 xAxis, Vec3 yAxis, Vec3 zAxis)
    {
        double m00 = xAxis.X, m10 = xAxis.Y, m20 = xAxis.Z;
        double m01 = yAxis.X, m11 = yAxis.Y, m21 = yAxis.Z;
        double m02 = zAxis.X, m12 = zAxis.Y, m22 = zAxis.Z;
        double trace = m00 + m11 + m22;
        Quat q;
        if (trace > 0)
        {
            double s = 2 * System.Math.Sqrt(trace + 1);
            q = new Quat(0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s);
        }
        else if (m00 > m11 && m00 > m22)
        {
            double s = 2 * System.Math.Sqrt(1 + m00 - m11 - m22);
            q = new Quat((m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s);
        }
        else if (m11 > m22)
        {
            double s = 2 * System.Math.Sqrt(1 + m11 - m00 - m22);
            q = new Quat((m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s);
        }
        else
        {
            double s = 2 * System.Math.Sqrt(1 + m22 - m00 - m11);
            q = new Quat((m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s);
        }
        return q.Normalized();
    }
}
