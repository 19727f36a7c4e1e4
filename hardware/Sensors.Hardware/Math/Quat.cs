using System;
using System.Globalization;

namespace Sensors.Hardware.Math;

/// <summary>
/// Double-precision unit quaternion, scalar first (w, x, y, z), Hamilton convention.
/// An orientation quaternion <c>q_AB</c> maps vectors given in frame B into frame A:
/// <c>v_A = q_AB ⊗ (0, v_B) ⊗ q_AB⁻¹</c> (the BROAD convention: q maps sensor axes to earth axes).
/// </summary>
public readonly record struct Quat(double W, double X, double Y, double Z)
{
    public static readonly Quat Identity = new(1, 0, 0, 0);

    public static Quat operator *(Quat a, Quat b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    public Quat Conjugate() => new(W, -X, -Y, -Z);

    public double Norm => System.Math.Sqrt(W * W + X * X + Y * Y + Z * Z);

    public Quat Normalized()
    {
        double n = Norm;
        if (n == 0) throw new InvalidOperationException("Cannot normalise a zero quaternion.");
        return new Quat(W / n, X / n, Y / n, Z / n);
    }

    /// <summary>Rotation by <paramref name="angleRad"/> about <paramref name="axis"/> (normalised here), right-hand rule.</summary>
    public static Quat FromAxisAngle(Vec3 axis, double angleRad)
    {
        Vec3 u = axis.Normalized();
        double h = 0.5 * angleRad, s = System.Math.Sin(h);
        return new Quat(System.Math.Cos(h), u.X * s, u.Y * s, u.Z * s);
    }

    /// <summary>Rotation vector (axis × angle, rad) to quaternion.</summary>
    public static Quat FromRotationVector(Vec3 r)
    {
        double a = r.Length;
        if (a < 1e-12) return new Quat(1, 0.5 * r.X, 0.5 * r.Y, 0.5 * r.Z).Normalized();
        return FromAxisAngle(r / a, a);
    }

    /// <summary>Rotation vector (axis × angle, rad, angle in [0, π]) of this rotation.</summary>
    public Vec3 ToRotationVector()
    {
        Quat q = W < 0 ? new Quat(-W, -X, -Y, -Z) : this;
        double s = System.Math.Sqrt(q.X * q.X + q.Y * q.Y + q.Z * q.Z);
        if (s < 1e-12) return new Vec3(2 * q.X, 2 * q.Y, 2 * q.Z);
        double angle = 2 * System.Math.Atan2(s, q.W);
        return new Vec3(q.X, q.Y, q.Z) * (angle / s);
    }

    /// <summary>Rotates <paramref name="v"/> from this quaternion's source frame into its target frame.</summary>
    public Vec3 Rotate(Vec3 v)
    {
        // v' = v + 2w (u×v) + 2 u×(u×v), u = vector part
        var u = new Vec3(X, Y, Z);
        Vec3 t = Vec3.Cross(u, v) * 2;
        return v + t * W + Vec3.Cross(u, t);
    }

    /// <summary>Rotates <paramref name="v"/> the inverse way (target frame into source frame).</summary>
    public Vec3 RotateInverse(Vec3 v) => Conjugate().Rotate(v);

    /// <summary>Smallest angle (rad) between two orientations.</summary>
    public static double AngleBetween(Quat a, Quat b)
    {
        Quat d = a.Conjugate() * b;
        return 2 * System.Math.Acos(System.Math.Min(1, System.Math.Abs(d.Normalized().W)));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({W:G6}; {X:G6}, {Y:G6}, {Z:G6})");
}
