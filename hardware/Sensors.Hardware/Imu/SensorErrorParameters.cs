using System;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Imu;

/// <summary>
/// The errors of one drawn triaxial sensor (gyroscope or accelerometer), SI units. The deterministic part is
/// <c>y = M · S(T) · (x + n∘x∘|x|/FS) + b(T)</c> with <c>S(T) = diag(s∘(1 + k_s·(T − T_ref)))</c> and
/// <c>b(T) = b + k_b·(T − T_ref)</c>; the model adds a Gauss–Markov bias (bias instability) and white noise.
/// </summary>
public sealed record SensorErrorParameters
{
    /// <summary>Offset at the reference temperature, rad/s or m/s².</summary>
    public Vec3 Bias { get; init; }

    /// <summary>Offset temperature coefficient per axis, (rad/s or m/s²)/°C.</summary>
    public Vec3 BiasTempCoeffPerC { get; init; }

    /// <summary>Scale factor per axis (1 = nominal sensitivity).</summary>
    public Vec3 Scale { get; init; } = new(1, 1, 1);

    /// <summary>Relative scale-factor temperature coefficient per axis, 1/°C.</summary>
    public Vec3 ScaleTempCoeffPerC { get; init; }

    /// <summary>Cross-axis sensitivity / misalignment matrix M: unit diagonal, element (i, j) = fraction of true axis j seen by axis i.</summary>
    public Mat3 CrossAxis { get; init; } = Mat3.Identity;

    /// <summary>Nonlinearity per axis, fraction of full scale at full scale.</summary>
    public Vec3 Nonlinearity { get; init; }

    /// <summary>White-noise density, (rad/s or m/s²)/√Hz.</summary>
    public double NoiseDensity { get; init; }

    /// <summary>σ of the Gauss–Markov bias-instability process, rad/s or m/s².</summary>
    public double BiasInstability { get; init; }

    /// <summary>Correlation time of the bias-instability process, s.</summary>
    public double BiasCorrelationTimeS { get; init; } = 100;

    /// <summary>A perfect sensor: no offset, unit scale, no cross-axis, no noise.</summary>
    public static SensorErrorParameters Ideal { get; } = new();

    /// <summary>The linear sensor matrix at temperature <paramref name="temperatureC"/>: A = M·S(T) (measured = A·true + b(T)).</summary>
    public Mat3 Matrix(double temperatureC, double referenceTemperatureC) =>
        CrossAxis * Mat3.Diagonal(ScaleAt(temperatureC, referenceTemperatureC));

    /// <summary>Scale factors at <paramref name="temperatureC"/>.</summary>
    public Vec3 ScaleAt(double temperatureC, double referenceTemperatureC)
    {
        double dT = temperatureC - referenceTemperatureC;
        return new Vec3(
            Scale.X * (1 + ScaleTempCoeffPerC.X * dT),
            Scale.Y * (1 + ScaleTempCoeffPerC.Y * dT),
            Scale.Z * (1 + ScaleTempCoeffPerC.Z * dT));
    }

    /// <summary>Offset at <paramref name="temperatureC"/>: b + k_b·(T − T_ref).</summary>
    public Vec3 BiasAt(double temperatureC, double referenceTemperatureC) =>
        Bias + BiasTempCoeffPerC * (temperatureC - referenceTemperatureC);

    /// <summary>The deterministic (noise-free, unquantised, unsaturated) output for the true input <paramref name="truth"/>.</summary>
    public Vec3 ApplyDeterministic(Vec3 truth, double temperatureC, double referenceTemperatureC, double fullScale)
    {
        Vec3 nl = new(
            truth.X * (1 + Nonlinearity.X * System.Math.Abs(truth.X) / fullScale),
            truth.Y * (1 + Nonlinearity.Y * System.Math.Abs(truth.Y) / fullScale),
            truth.Z * (1 + Nonlinearity.Z * System.Math.Abs(truth.Z) / fullScale));
        return Matrix(temperatureC, referenceTemperatureC) * nl + BiasAt(temperatureC, referenceTemperatureC);
    }

    /// <summary>Draws one sensor inside the tolerances of <paramref name="s"/> (uniform per element).</summary>
    public static SensorErrorParameters Draw(InertialSensorSettings s, Random random)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(random);
        double U(double halfWidth) => (2 * random.NextDouble() - 1) * halfWidth;
        Vec3 U3(double halfWidth) => new(U(halfWidth), U(halfWidth), U(halfWidth));
        double c = s.CrossAxisTolerance;
        return new SensorErrorParameters
        {
            Bias = new Vec3(U(s.BiasToleranceXY), U(s.BiasToleranceXY), U(s.BiasToleranceZ)),
            BiasTempCoeffPerC = U3(s.BiasTempCoeffTolerancePerC),
            Scale = new Vec3(1, 1, 1) + U3(s.ScaleTolerance),
            ScaleTempCoeffPerC = U3(s.ScaleTempCoeffTolerancePerC),
            CrossAxis = new Mat3(1, U(c), U(c), U(c), 1, U(c), U(c), U(c), 1),
            Nonlinearity = U3(s.NonlinearityTolerance),
            NoiseDensity = s.NoiseDensity,
            BiasInstability = s.BiasInstability,
            BiasCorrelationTimeS = s.BiasCorrelationTimeS,
        };
    }
}
