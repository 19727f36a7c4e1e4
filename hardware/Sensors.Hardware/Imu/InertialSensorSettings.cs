namespace Sensors.Hardware.Imu;

/// <summary>
/// Part-to-part spread and noise of one triaxial inertial sensor (gyroscope or accelerometer), SI units.
/// Every ± tolerance is the half-width of a uniform distribution: <see cref="ImuErrorParameters.Draw"/> draws each
/// axis independently inside it, so every drawn part meets its datasheet figure. Defaults: see <see cref="ImuErrorSettings"/>.
/// </summary>
public sealed record InertialSensorSettings
{
    /// <summary>Initial zero-rate / zero-g offset tolerance of the x and y axes at the reference temperature (rad/s or m/s²).</summary>
    public double BiasToleranceXY { get; init; }

    /// <summary>Initial offset tolerance of the z axis (rad/s or m/s²).</summary>
    public double BiasToleranceZ { get; init; }

    /// <summary>Offset temperature coefficient tolerance, (rad/s or m/s²) per °C.</summary>
    public double BiasTempCoeffTolerancePerC { get; init; }

    /// <summary>Sensitivity (scale factor) tolerance, fraction (0.03 = ±3 %).</summary>
    public double ScaleTolerance { get; init; }

    /// <summary>Sensitivity temperature coefficient tolerance, fraction per °C.</summary>
    public double ScaleTempCoeffTolerancePerC { get; init; }

    /// <summary>Cross-axis sensitivity tolerance, fraction; each off-diagonal element of the cross-axis matrix is drawn in ±this.</summary>
    public double CrossAxisTolerance { get; init; }

    /// <summary>Nonlinearity tolerance, fraction of full scale (best-fit straight line); modelled as x·(1 + n·|x|/FS).</summary>
    public double NonlinearityTolerance { get; init; }

    /// <summary>White-noise spectral density, (rad/s or m/s²)/√Hz. Per-sample σ = density·√(noise bandwidth).</summary>
    public double NoiseDensity { get; init; }

    /// <summary>Bias instability (Allan-deviation floor), rad/s or m/s²; simulated as a first-order Gauss–Markov process with this σ.</summary>
    public double BiasInstability { get; init; }

    /// <summary>Correlation time of the bias-instability process, s.</summary>
    public double BiasCorrelationTimeS { get; init; } = 100;

    /// <summary>A sensor with no error at all (useful as the base of exact test parameters).</summary>
    public static InertialSensorSettings Ideal { get; } = new() { BiasCorrelationTimeS = 100 };
}
