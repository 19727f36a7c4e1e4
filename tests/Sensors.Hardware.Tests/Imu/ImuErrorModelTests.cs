using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Hardware;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Xunit;

namespace Sensors.Hardware.Tests.Imu;

public class ImuErrorModelTests
{
    private const double G = Physics.StandardGravity;
    private const double DegToRad = System.Math.PI / 180;
    private static readonly ImuErrorSettings Datasheet = ImuErrorSettings.Mpu6500;

    private static ImuKinematics AtRest(double t, Quat q, double temperatureC = 25) =>
        new(t, q, Vec3.Zero, q.RotateInverse(new Vec3(0, 0, G)), temperatureC);

    /// <summary>Ideal part with only the datasheet white noise (and optionally a known gyro bias).</summary>
    private static ImuErrorParameters NoiseOnly(Vec3 gyroBias = default) => ImuErrorParameters.Ideal with
    {
        Gyroscope = SensorErrorParameters.Ideal with { NoiseDensity = Datasheet.Gyroscope.NoiseDensity, Bias = gyroBias },
        Accelerometer = SensorErrorParameters.Ideal with { NoiseDensity = Datasheet.Accelerometer.NoiseDensity },
    };

    public static TheoryData<double, double, double, double> Orientations => new()
    {
        { 0, 0, 1, 0 },        // flat, z up
        { 1, 0, 0, 90 },       // on its side: sensor +y up
        { 0, 1, 0, -90 },      // sensor +x up
        { 1, 0, 0, 180 },      // upside down: -z up
        { 1, 1, 0, 37 },       // tilted
        { 0.3, -0.5, 0.8, 123 },
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void At_rest_accelerometer_reads_g_along_up_within_noise_bound(double ax, double ay, double az, double angleDeg)
    {
        Quat q = Quat.FromAxisAngle(new Vec3(ax, ay, az), angleDeg * DegToRad);
        ImuErrorParameters p = NoiseOnly();
        var imu = new SimulatedImu(p, seed: 11);
        const int n = 400;
        ImuSample[] samples = imu.ApplyTo(Enumerable.Range(0, n).Select(i => AtRest(i * 0.01, q)));

        // σ per sample = 300 µg/√Hz·√41 Hz ≈ 1.9 mg, plus rounding (step²/12, dithered by the noise).
        double step = p.Output.AccelStepMPerS2;
        double sigma = System.Math.Sqrt(System.Math.Pow(p.AccelNoiseSigmaMPerS2(p.Output), 2) + step * step / 12);
        Vec3 upInSensor = q.RotateInverse(Vec3.UnitZ);
        Vec3 mean = samples.Aggregate(Vec3.Zero, (s, x) => s + x.AccelerationMPerS2) / n;
        Vec3 error = mean - upInSensor * G;
        double bound = 3 * sigma / System.Math.Sqrt(n);
        for (int axis = 0; axis < 3; axis++) Assert.InRange(error[axis], -bound, bound);

        // Along the up axis, the spread of single samples matches the noise model (±15 % for 400 samples).
        double[] up = samples.Select(s => Vec3.Dot(s.AccelerationMPerS2, upInSensor)).ToArray();
        double sd = StdDev(up);
        Assert.InRange(sd, 0.85 * sigma, 1.15 * sigma);
        Assert.All(up, u => Assert.InRange(u, G - 5 * sigma, G + 5 * sigma));
    }

    [Fact]
    public void Integrated_gyro_reproduces_a_known_rotation_within_angle_random_walk()
    {
        // 90 °/s about a fixed tilted sensor axis for 4 s = one full turn, 100 Hz.
        Vec3 axis = new Vec3(1, 2, -0.5).Normalized();
        double rate = 90 * DegToRad, dt = 0.01;
        const int n = 400;
        Vec3 bias = new(0.01 * DegToRad, -0.02 * DegToRad, 0.015 * DegToRad);
        ImuErrorParameters p = NoiseOnly(bias);
        var imu = new SimulatedImu(p, seed: 5);
        Quat start = Quat.FromAxisAngle(Vec3.UnitX, 0.3);
        Quat estimate = start;
        for (int i = 0; i < n; i++)
        {
            double t = i * dt;
            Quat truthQ = start * Quat.FromRotationVector(axis * (rate * t));
            var k = new ImuKinematics(t, truthQ, axis * rate, truthQ.RotateInverse(new Vec3(0, 0, G)), 25);
            ImuSample s = imu.Process(k);
            estimate = (estimate * Quat.FromRotationVector(s.AngularVelocityRadPerS * dt)).Normalized();
        }

        Quat trueEnd = start * Quat.FromRotationVector(axis * (rate * n * dt));
        double error = Quat.AngleBetween(estimate, trueEnd);

        // Noise model: per-axis angle σ = σ_rate·dt·√n (white noise + dithered rounding); norm over 3 axes ≤ 3σ·√3;
        // plus the known bias integrated over the run (it does not average out).
        double step = p.Output.GyroStepRadPerS;
        double sigmaRate = System.Math.Sqrt(System.Math.Pow(p.GyroNoiseSigmaRadPerS(p.Output), 2) + step * step / 12);
        double arw = sigmaRate * dt * System.Math.Sqrt(n);
        double bound = 3 * arw * System.Math.Sqrt(3) + bias.Length * n * dt;
        Assert.InRange(error, 0, bound);

        // The bias is really there: without it the same noise gives a clearly smaller error bound.
        Assert.True(bias.Length * n * dt > arw, "test setup: bias drift should exceed one ARW σ");
    }

    [Fact]
    public void Scale_and_cross_axis_change_the_readings_exactly_as_M_times_S_and_leave_the_truth_alone()
    {
        var cross = new Mat3(1, 0.015, -0.01, 0.02, 1, 0.005, -0.012, 0.018, 1);
        ImuErrorParameters p = ImuErrorParameters.Ideal with
        {
            Accelerometer = SensorErrorParameters.Ideal with { Scale = new Vec3(1.02, 0.97, 1.01), CrossAxis = cross },
            Gyroscope = SensorErrorParameters.Ideal with { Scale = new Vec3(0.98, 1.03, 1.0), CrossAxis = cross.Transpose() },
        };
        var truth = new ImuKinematics(0, Quat.Identity, new Vec3(1.0, -0.5, 2.0), new Vec3(3.0, -9.0, 4.0), 25);
        ImuKinematics copy = truth;
        ImuSample measured = new SimulatedImu(p, 1).Process(truth);
        ImuSample ideal = new SimulatedImu(ImuErrorParameters.Ideal, 1).Process(truth);

        Vec3 expectedAcc = p.Accelerometer.Matrix(25, 25) * truth.SpecificForceMPerS2;
        Vec3 expectedGyr = p.Gyroscope.Matrix(25, 25) * truth.AngularVelocityRadPerS;
        double aStep = p.Output.AccelStepMPerS2, gStep = p.Output.GyroStepRadPerS;
        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(measured.AccelerationMPerS2[i] - expectedAcc[i], -aStep / 2, aStep / 2);
            Assert.InRange(measured.AngularVelocityRadPerS[i] - expectedGyr[i], -gStep / 2, gStep / 2);
            Assert.InRange(ideal.AccelerationMPerS2[i] - truth.SpecificForceMPerS2[i], -aStep / 2, aStep / 2);
            Assert.InRange(ideal.AngularVelocityRadPerS[i] - truth.AngularVelocityRadPerS[i], -gStep / 2, gStep / 2);
        }

        // The error changed the reading by far more than a step, and the true motion is untouched.
        Assert.True((measured.AccelerationMPerS2 - truth.SpecificForceMPerS2).Length > 100 * aStep);
        Assert.True((measured.AngularVelocityRadPerS - truth.AngularVelocityRadPerS).Length > 100 * gStep);
        Assert.Equal(copy, truth);
    }

    [Fact]
    public void Readings_saturate_at_the_configured_range_and_are_whole_LSBs()
    {
        var config = new ImuOutputConfig(GyroFullScale.Dps500, AccelFullScale.G4, 41, 41);
        var p = ImuErrorParameters.Ideal with { Output = config };
        var imu = new SimulatedImu(p, 1);

        // 600 °/s and 5 g exceed ±500 °/s and ±4 g: clipped to int16 limits.
        var fast = new ImuKinematics(0, Quat.Identity, new Vec3(600 * DegToRad, -600 * DegToRad, 100 * DegToRad), new Vec3(5 * G, -5 * G, G), 25);
        imu.Process(fast);
        Assert.Equal(new Counts3(short.MaxValue, short.MinValue, (short)System.Math.Round(100 * 65.5)), imu.LastRaw.Gyro);
        Assert.Equal(new Counts3(short.MaxValue, short.MinValue, 8192), imu.LastRaw.Accel);

        // The same motion at ±2000 °/s / ±16 g is not clipped: 600·16.4 = 9840 LSB, 5 g·2048 = 10240 LSB.
        var wide = new SimulatedImu(p with { Output = config with { Gyro = GyroFullScale.Dps2000, Accel = AccelFullScale.G16 } }, 1);
        wide.Process(fast);
        Assert.Equal((short)9840, wide.LastRaw.Gyro.X);
        Assert.Equal((short)10240, wide.LastRaw.Accel.X);

        // Quantisation: 0.3 LSB rounds to 0, 0.6 LSB to 1, and every SI output is a whole number of steps.
        double gStep = config.GyroStepRadPerS;
        imu.Process(new ImuKinematics(0, Quat.Identity, new Vec3(0.3 * gStep, 0.6 * gStep, -2.6 * gStep), new Vec3(0, 0, G), 25));
        Assert.Equal(new Counts3(0, 1, -3), imu.LastRaw.Gyro);
        ImuSample s = imu.LastRaw.ToSi();
        Assert.Equal(-3 * gStep, s.AngularVelocityRadPerS.Z, 12);
        Assert.Equal(1.0 / 65.5 * DegToRad, gStep, 12);
    }

    [Fact]
    public void Temperature_moves_the_offset_by_its_coefficient_and_TEMP_OUT_follows_the_datasheet()
    {
        var p = ImuErrorParameters.Ideal with
        {
            Accelerometer = SensorErrorParameters.Ideal with { Bias = new Vec3(0.1, 0, 0), BiasTempCoeffPerC = new Vec3(0.01, 0, 0) },
        };
        var imu = new SimulatedImu(p, 1);
        ImuSample cold = imu.Process(AtRest(0, Quat.Identity, temperatureC: 25));
        ImuSample warm = imu.Process(AtRest(0.01, Quat.Identity, temperatureC: 45));
        double step = p.Output.AccelStepMPerS2;
        Assert.InRange(cold.AccelerationMPerS2.X - 0.1, -step / 2, step / 2);
        Assert.InRange(warm.AccelerationMPerS2.X - 0.3, -step / 2, step / 2);
        // 45 °C → (45 − 21)·333.87 = 8012.9 → 8013 LSB.
        Assert.Equal((short)8013, imu.LastRaw.Temperature);
        Assert.Equal(45, warm.TemperatureC, 2);
    }

    [Fact]
    public void Draw_is_reproducible_from_the_seed_and_stays_inside_the_datasheet_tolerances()
    {
        ImuErrorParameters a = ImuErrorParameters.Draw(Datasheet, 42), b = ImuErrorParameters.Draw(Datasheet, 42);
        ImuErrorParameters c = ImuErrorParameters.Draw(Datasheet, 43);
        Assert.Equal(a.Gyroscope.Bias, b.Gyroscope.Bias);
        Assert.Equal(a.Accelerometer.CrossAxis, b.Accelerometer.CrossAxis);
        Assert.NotEqual(a.Gyroscope.Bias, c.Gyroscope.Bias);

        for (int seed = 0; seed < 50; seed++)
        {
            ImuErrorParameters p = ImuErrorParameters.Draw(Datasheet, seed);
            for (int i = 0; i < 3; i++)
            {
                Assert.InRange(System.Math.Abs(p.Gyroscope.Bias[i]), 0, 5 * DegToRad);
                Assert.InRange(System.Math.Abs(p.Gyroscope.Scale[i] - 1), 0, 0.03);
                Assert.InRange(System.Math.Abs(p.Accelerometer.Bias[i]), 0, (i == 2 ? 0.080 : 0.060) * G);
                for (int j = 0; j < 3; j++)
                {
                    double expectedDiag = 1;
                    if (i == j) Assert.Equal(expectedDiag, p.Accelerometer.CrossAxis[i, j]);
                    else Assert.InRange(System.Math.Abs(p.Accelerometer.CrossAxis[i, j]), 0, 0.02);
                }
            }
        }
    }

    [Fact]
    public void Streaming_Process_and_batch_ApplyTo_give_identical_samples()
    {
        ImuErrorParameters p = ImuErrorParameters.Draw(Datasheet, 7);
        List<ImuKinematics> motion = Enumerable.Range(0, 300)
            .Select(i => AtRest(i * 0.01, Quat.FromAxisAngle(Vec3.UnitY, 0.01 * i))).ToList();
        var imu = new SimulatedImu(p, 99);
        ImuSample[] batch = imu.ApplyTo(motion);
        var fresh = new SimulatedImu(p, 99);
        ImuSample[] stream = motion.Select(k => fresh.Process(k)).ToArray();
        Assert.Equal(batch, stream);
        Assert.Equal(batch, imu.ApplyTo(motion));
        Assert.NotEqual(batch, new SimulatedImu(p, 100).ApplyTo(motion));
    }

    [Fact]
    public void Timestamps_jitter_around_the_true_instants_with_the_configured_sigma()
    {
        var p = ImuErrorParameters.Ideal with { TimestampJitterS = 200e-6 };
        var imu = new SimulatedImu(p, 3);
        ImuSample[] s = imu.ApplyTo(Enumerable.Range(0, 2000).Select(i => AtRest(i * 0.01, Quat.Identity)));
        double[] jitter = s.Select((x, i) => x.TimeS - i * 0.01).ToArray();
        Assert.InRange(jitter.Average(), -3 * 200e-6 / System.Math.Sqrt(2000), 3 * 200e-6 / System.Math.Sqrt(2000));
        Assert.InRange(StdDev(jitter), 0.9 * 200e-6, 1.1 * 200e-6);
    }

    internal static double StdDev(IReadOnlyList<double> x)
    {
        double m = x.Average();
        return System.Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Count - 1));
    }
}
