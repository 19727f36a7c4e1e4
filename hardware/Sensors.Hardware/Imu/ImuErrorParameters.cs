using System;

namespace Sensors.Hardware.Imu;

/// <summary>
/// One drawn IMU: the errors of its gyroscope and accelerometer, its temperature sensor offset, timestamp jitter and output
/// configuration (range and quantisation step). Drawn reproducibly with <see cref="Draw"/> or set exactly (<see cref="Ideal"/>
/// plus <c>with</c> expressions) for tests.
/// </summary>
public sealed record ImuErrorParameters
{
    /// <summary>Gyroscope errors (rad/s).</summary>
    public SensorErrorParameters Gyroscope { get; init; } = SensorErrorParameters.Ideal;

    /// <summary>Accelerometer errors (m/s²).</summary>
    public SensorErrorParameters Accelerometer { get; init; } = SensorErrorParameters.Ideal;

    /// <summary>Temperature of the initial tolerances, °C.</summary>
    public double ReferenceTemperatureC { get; init; } = 25;

    /// <summary>σ of the host timestamp jitter, s.</summary>
    public double TimestampJitterS { get; init; }

    /// <summary>Range, bandwidth and quantisation step configuration.</summary>
    public ImuOutputConfig Output { get; init; } = ImuOutputConfig.Band;

    /// <summary>Seed this instance was drawn with (null when set by hand).</summary>
    public int? Seed { get; init; }

    /// <summary>A perfect IMU (no offset, scale, cross-axis, noise or jitter); range and quantisation still apply.</summary>
    public static ImuErrorParameters Ideal { get; } = new();

    /// <summary>Draws one part from <paramref name="settings"/>; the same seed always gives the same part.</summary>
    public static ImuErrorParameters Draw(ImuErrorSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(seed);
        return new ImuErrorParameters
        {
            Gyroscope = SensorErrorParameters.Draw(settings.Gyroscope, random),
            Accelerometer = SensorErrorParameters.Draw(settings.Accelerometer, random),
            ReferenceTemperatureC = settings.ReferenceTemperatureC,
            TimestampJitterS = settings.TimestampJitterS,
            Output = settings.Output,
            Seed = seed,
        };
    }

    /// <summary>Per-sample white-noise σ of the gyro, rad/s (density·√bandwidth).</summary>
    public double GyroNoiseSigmaRadPerS(ImuOutputConfig config) => Gyroscope.NoiseDensity * System.Math.Sqrt(config.GyroBandwidthHz);

    /// <summary>Per-sample white-noise σ of the accelerometer, m/s² (density·√bandwidth).</summary>
    public double AccelNoiseSigmaMPerS2(ImuOutputConfig config) => Accelerometer.NoiseDensity * System.Math.Sqrt(config.AccelBandwidthHz);
}
