using System;
using System.Globalization;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Imu;

/// <summary>Row-major double 3×3 matrix for the sensor error model (scale, cross-axis, calibration matrices).</summary>
public readonly record struct Mat3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    public static readonly Mat3 Identity = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public static Mat3 Diagonal(Vec3 d) => new(d.X, 0, 0, 0, d.Y, 0, 0, 0, d.Z);

    /// <summary>Element by zero-based row and column.</summary>
    public double this[int row, int column] => (row, column) switch
    {
        (0, 0) => M11, (0, 1) => M12, (0, 2) => M13,
        (1, 0) => M21, (1, 1) => M22, (1, 2) => M23,
        (2, 0) => M31, (2, 1) => M32, (2, 2) => M33,
        _ => throw new ArgumentOutOfRangeException(nameof(row)),
    };

    /// <summary>Builds a matrix from a function of (row, column).</summary>
    public static Mat3 FromFunction(Func<int, int, double> element) => new(
        element(0, 0), element(0, 1), element(0, 2),
        element(1, 0), element(1, 1), element(1, 2),
        element(2, 0), element(2, 1), element(2, 2));

    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        m.M11 * v.X + m.M12 * v.Y + m.M13 * v.Z,
        m.M21 * v.X + m.M22 * v.Y + m.M23 * v.Z,
        m.M31 * v.X + m.M32 * v.Y + m.M33 * v.Z);

    public static Mat3 operator *(Mat3 a, Mat3 b) =>
        FromFunction((r, c) => a[r, 0] * b[0, c] + a[r, 1] * b[1, c] + a[r, 2] * b[2, c]);

    public double Determinant =>
        M11 * (M22 * M33 - M23 * M32) - M12 * (M21 * M33 - M23 * M31) + M13 * (M21 * M32 - M22 * M31);

    public Mat3 Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    public Mat3 Inverse()
    {
        double det = Determinant;
        if (System.Math.Abs(det) < 1e-15) throw new InvalidOperationException("Matrix is singular.");
        double k = 1 / det;
        return new Mat3(
            (M22 * M33 - M23 * M32) * k, (M13 * M32 - M12 * M33) * k, (M12 * M23 - M13 * M22) * k,
            (M23 * M31 - M21 * M33) * k, (M11 * M33 - M13 * M31) * k, (M13 * M21 - M11 * M23) * k,
            (M21 * M32 - M22 * M31) * k, (M12 * M31 - M11 * M32) * k, (M11 * M22 - M12 * M21) * k);
    }

    /// <summary>Rotation matrix of a unit quaternion (maps the same frames as <see cref="Quat.Rotate"/>).</summary>
    public static Mat3 FromQuat(Quat q)
    {
        Vec3 c0 = q.Rotate(Vec3.UnitX), c1 = q.Rotate(Vec3.UnitY), c2 = q.Rotate(Vec3.UnitZ);
        return new Mat3(c0.X, c1.X, c2.X, c0.Y, c1.Y, c2.Y, c0.Z, c1.Z, c2.Z);
    }

    /// <summary>Largest absolute element difference between two matrices.</summary>
    public static double MaxAbsDifference(Mat3 a, Mat3 b)
    {
        double max = 0;
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                max = System.Math.Max(max, System.Math.Abs(a[r, c] - b[r, c]));
        return max;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[{M11:G6} {M12:G6} {M13:G6}; {M21:G6} {M22:G6} {M23:G6}; {M31:G6} {M32:G6} {M33:G6}]");
}
