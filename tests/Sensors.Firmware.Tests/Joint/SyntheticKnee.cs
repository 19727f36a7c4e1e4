using System;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>
/// Ground truth for the joint tests: a thigh that rotates in the hip (flexion, abduction, rotation) and a shank hinged
/// to it about the thigh's y axis by the knee angle θ (flexion +). Each sensor is mounted with its own rotation, so
/// the hinge axis in each sensor frame is known exactly. Gyro = body rate in the sensor frame (plus bias and noise),
/// accelerometer = gravity as specific force in the sensor frame (sensors at the rotation centre; plus noise).
/// </summary>
internal sealed class SyntheticKnee
{
    public const double G = 9.80665;

    public SyntheticKnee(double[] mounting1, double[] mounting2)
    {
        Mounting1 = mounting1;
        Mounting2 = mounting2;
    }

    /// <summary>Sensor-1-to-thigh rotation (row-major 3×3).</summary>
    public double[] Mounting1 { get; }

    /// <summary>Sensor-2-to-shank rotation.</summary>
    public double[] Mounting2 { get; }

    /// <summary>Knee angle θ(t), rad.</summary>
    public Func<double, double> KneeRad { get; set; } = _ => 0.0;

    /// <summary>Hip angles (flexion about y, abduction about x, rotation about z), rad.</summary>
    public Func<double, double[]> HipRad { get; set; } = _ => new double[3];

    /// <summary>The hinge axis (thigh y) in sensor 1's frame.</summary>
    public double[] Axis1 => MulT(Mounting1, [0, 1, 0]);

    /// <summary>The hinge axis (shank y) in sensor 2's frame.</summary>
    public double[] Axis2 => MulT(Mounting2, [0, 1, 0]);

    public double[] Sensor1(double t)
    {
        double[] h = HipRad(t);
        double[] thigh = Mul(Mul(Rot(2, h[2]), Rot(0, h[1])), Rot(1, h[0]));
        return Mul(thigh, Mounting1);
    }

    public double[] Sensor2(double t)
    {
        double[] h = HipRad(t);
        double[] thigh = Mul(Mul(Rot(2, h[2]), Rot(0, h[1])), Rot(1, h[0]));
        return Mul(Mul(thigh, Rot(1, KneeRad(t))), Mounting2);
    }

    /// <summary>Fills acc (m/s²) and gyro (rad/s) of both sensors at time t (central differences for the rate).</summary>
    public void Sample(double t, Random rng, double gyroNoise, double accNoise, double gyroBias, float[] out12)
    {
        const double h = 1e-4;
        Write(Sensor1(t - h), Sensor1(t + h), Sensor1(t), h, rng, gyroNoise, accNoise, gyroBias, out12, 0);
        Write(Sensor2(t - h), Sensor2(t + h), Sensor2(t), h, rng, gyroNoise, accNoise, -gyroBias, out12, 6);
    }

    private static void Write(double[] r0, double[] r1, double[] r, double h, Random rng, double gn, double an, double bias, float[] o, int k)
    {
        // Body rate: skew(ω) = Rᵀ Ṙ.
        var rd = new double[9];
        for (int i = 0; i < 9; i++) rd[i] = (r1[i] - r0[i]) / (2 * h);
        double[] s = Mul(Transpose(r), rd);
        double wx = 0.5 * (s[7] - s[5]), wy = 0.5 * (s[2] - s[6]), wz = 0.5 * (s[3] - s[1]);
        double[] acc = MulT(r, [0, 0, G]);
        o[k] = (float)(acc[0] + an * Gauss(rng));
        o[k + 1] = (float)(acc[1] + an * Gauss(rng));
        o[k + 2] = (float)(acc[2] + an * Gauss(rng));
        o[k + 3] = (float)(wx + bias + gn * Gauss(rng));
        o[k + 4] = (float)(wy + 0.5 * bias + gn * Gauss(rng));
        o[k + 5] = (float)(wz - bias + gn * Gauss(rng));
    }

    public static double Gauss(Random rng) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble())) * Math.Cos(2.0 * Math.PI * rng.NextDouble());

    public static double[] Rot(int axis, double a)
    {
        double c = Math.Cos(a), s = Math.Sin(a);
        return axis switch
        {
            0 => [1, 0, 0, 0, c, -s, 0, s, c],
            1 => [c, 0, s, 0, 1, 0, -s, 0, c],
            _ => [c, -s, 0, s, c, 0, 0, 0, 1],
        };
    }

    /// <summary>Rotation about a unit axis by a (Rodrigues).</summary>
    public static double[] AxisAngle(double[] u, double a)
    {
        double c = Math.Cos(a), s = Math.Sin(a), v = 1 - c;
        double x = u[0], y = u[1], z = u[2];
        return
        [
            c + x * x * v, x * y * v - z * s, x * z * v + y * s,
            y * x * v + z * s, c + y * y * v, y * z * v - x * s,
            z * x * v - y * s, z * y * v + x * s, c + z * z * v,
        ];
    }

    /// <summary>A random rotation by up to maxRad about a random axis.</summary>
    public static double[] RandomRotation(Random rng, double maxRad)
    {
        double[] u = [Gauss(rng), Gauss(rng), Gauss(rng)];
        double n = Math.Sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        u[0] /= n; u[1] /= n; u[2] /= n;
        return AxisAngle(u, maxRad * (2 * rng.NextDouble() - 1));
    }

    public static double[] Mul(double[] a, double[] b)
    {
        var c = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
        return c;
    }

    public static double[] Transpose(double[] a) => [a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]];

    /// <summary>Aᵀ v.</summary>
    public static double[] MulT(double[] a, double[] v) =>
    [
        a[0] * v[0] + a[3] * v[1] + a[6] * v[2],
        a[1] * v[0] + a[4] * v[1] + a[7] * v[2],
        a[2] * v[0] + a[5] * v[1] + a[8] * v[2],
    ];

    /// <summary>Angle between two axes ignoring sign, rad.</summary>
    public static double AxisError(double[] a, double x, double y, double z)
    {
        double c = Math.Abs(a[0] * x + a[1] * y + a[2] * z) / Math.Sqrt(x * x + y * y + z * z);
        return Math.Acos(Math.Min(1.0, c));
    }

    /// <summary>Smooth 0→1 over [t0, t1].</summary>
    public static double Fade(double t, double t0, double t1) =>
        t <= t0 ? 0.0 : t >= t1 ? 1.0 : 0.5 - 0.5 * Math.Cos(Math.PI * (t - t0) / (t1 - t0));
}
