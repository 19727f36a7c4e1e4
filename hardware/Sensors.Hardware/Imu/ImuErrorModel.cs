using System;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Imu;

/// <summary>
/// Streaming IMU error model: turns exact motion (<see cref="ImuKinematics"/>) into the counts the chip reports.
/// For each sensor: <c>y = M·S(T)·(x + nonlinearity) + b(T) + b_GM(t) + w</c>, then saturation to int16 and rounding to
/// one LSB at the configured full scale. <c>b_GM</c> is a first-order Gauss–Markov bias (bias instability, σ and
/// correlation time from the parameters, started from its stationary distribution), <c>w</c> white noise with
/// σ = density·√bandwidth. Internal state (the wandering biases) is exposed for diagnostics.
/// </summary>
public sealed class ImuErrorModel
{
    private readonly int _seed;
    private GaussianNoise _noise;
    private double _lastTimeS;
    private bool _started;

    public ImuErrorModel(ImuErrorParameters parameters, int seed)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _seed = seed;
        _noise = new GaussianNoise(seed);
    }

    /// <summary>The part being simulated.</summary>
    public ImuErrorParameters Parameters { get; }

    /// <summary>Current bias-instability state of the gyro, rad/s (diagnostics).</summary>
    public Vec3 GyroBiasDriftRadPerS { get; private set; }

    /// <summary>Current bias-instability state of the accelerometer, m/s² (diagnostics).</summary>
    public Vec3 AccelBiasDriftMPerS2 { get; private set; }

    /// <summary>Restarts the noise sequence and bias states: the same inputs then give the same outputs again.</summary>
    public void Reset()
    {
        _noise = new GaussianNoise(_seed);
        _started = false;
        GyroBiasDriftRadPerS = Vec3.Zero;
        AccelBiasDriftMPerS2 = Vec3.Zero;
    }

    /// <summary>The analogue (unquantised, unsaturated) reading for one instant; advances the noise and bias states.</summary>
    public ImuSample MeasureAnalog(in ImuKinematics truth, ImuOutputConfig config)
    {
        ImuErrorParameters p = Parameters;
        SensorErrorParameters g = p.Gyroscope, a = p.Accelerometer;
        AdvanceBiasStates(truth.TimeS);
        double temperatureC = truth.TemperatureC;
        Vec3 gyro = g.ApplyDeterministic(truth.AngularVelocityRadPerS, temperatureC, p.ReferenceTemperatureC, config.Gyro.RangeRadPerS())
            + GyroBiasDriftRadPerS + _noise.NextVec3(p.GyroNoiseSigmaRadPerS(config));
        Vec3 accel = a.ApplyDeterministic(truth.SpecificForceMPerS2, temperatureC, p.ReferenceTemperatureC, config.Accel.RangeMPerS2())
            + AccelBiasDriftMPerS2 + _noise.NextVec3(p.AccelNoiseSigmaMPerS2(config));
        double timeS = truth.TimeS + (p.TimestampJitterS > 0 ? _noise.Next() * p.TimestampJitterS : 0);
        return new ImuSample(timeS, accel, gyro, temperatureC);
    }

    /// <summary>The reading for one instant as int16 counts (saturated and quantised at <paramref name="config"/>).</summary>
    public ImuRawSample Measure(in ImuKinematics truth, ImuOutputConfig config)
    {
        ImuSample s = MeasureAnalog(truth, config);
        return Quantise(s, config);
    }

    /// <summary>Saturates and rounds an analogue reading to the chip's int16 output at <paramref name="config"/>.</summary>
    public static ImuRawSample Quantise(in ImuSample s, ImuOutputConfig config)
    {
        double ga = config.Gyro.LsbPerRadPerS(), aa = config.Accel.LsbPerMPerS2();
        var gyro = new Counts3(
            FullScaleExtensions.ToCounts(s.AngularVelocityRadPerS.X, ga),
            FullScaleExtensions.ToCounts(s.AngularVelocityRadPerS.Y, ga),
            FullScaleExtensions.ToCounts(s.AngularVelocityRadPerS.Z, ga));
        var accel = new Counts3(
            FullScaleExtensions.ToCounts(s.AccelerationMPerS2.X, aa),
            FullScaleExtensions.ToCounts(s.AccelerationMPerS2.Y, aa),
            FullScaleExtensions.ToCounts(s.AccelerationMPerS2.Z, aa));
        short temp = TemperatureCounts(s.TemperatureC);
        return new ImuRawSample(s.TimeS, accel, gyro, temp, config);
    }

    /// <summary>TEMP_OUT for a die temperature: (T − 21 °C)·333.87 LSB/°C (DS table 3; room-temperature offset 0 LSB).</summary>
    public static short TemperatureCounts(double temperatureC) =>
        FullScaleExtensions.ToCounts(temperatureC - ImuErrorSettings.TemperatureOffsetC, ImuErrorSettings.TemperatureLsbPerC);

    private void AdvanceBiasStates(double timeS)
    {
        SensorErrorParameters g = Parameters.Gyroscope, a = Parameters.Accelerometer;
        if (!_started)
        {
            _started = true;
            _lastTimeS = timeS;
            GyroBiasDriftRadPerS = _noise.NextVec3(g.BiasInstability);
            AccelBiasDriftMPerS2 = _noise.NextVec3(a.BiasInstability);
            return;
        }

        double dt = System.Math.Max(0, timeS - _lastTimeS);
        _lastTimeS = timeS;
        GyroBiasDriftRadPerS = GaussMarkovStep(GyroBiasDriftRadPerS, dt, g.BiasInstability, g.BiasCorrelationTimeS);
        AccelBiasDriftMPerS2 = GaussMarkovStep(AccelBiasDriftMPerS2, dt, a.BiasInstability, a.BiasCorrelationTimeS);
    }

    private Vec3 GaussMarkovStep(Vec3 state, double dt, double sigma, double tauS)
    {
        if (sigma <= 0) return Vec3.Zero;
        double phi = System.Math.Exp(-dt / tauS);
        return state * phi + _noise.NextVec3(sigma * System.Math.Sqrt(1 - phi * phi));
    }
}
