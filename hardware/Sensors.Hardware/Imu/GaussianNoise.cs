using System;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Imu;

/// <summary>Standard-normal draws from a seeded <see cref="Random"/> (Box–Muller, second value cached): reproducible.</summary>
public sealed class GaussianNoise
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    public GaussianNoise(int seed) => _random = new Random(seed);

    /// <summary>One N(0, 1) value.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u1 = 1.0 - _random.NextDouble(); // (0, 1]
        double u2 = _random.NextDouble();
        double r = System.Math.Sqrt(-2.0 * System.Math.Log(u1));
        double a = 2.0 * System.Math.PI * u2;
        _spare = r * System.Math.Sin(a);
        _hasSpare = true;
        return r * System.Math.Cos(a);
    }

    /// <summary>Three independent N(0, σ²) values.</summary>
    public Vec3 NextVec3(double sigma) => new(Next() * sigma, Next() * sigma, Next() * sigma);
}
