using System;
using System.Linq;
using Sensors.Hardware.Bench;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Xunit;

namespace Sensors.Hardware.Tests.Bench;

/// <summary>
/// The reference solver must recover the drawn parameters from the generated captures. Tolerances come from the noise
/// model: white noise σ_w = density·√bandwidth (+ rounding step²/12), averaged over a segment of N samples, plus the
/// Gauss–Markov bias instability σ_GM, which does not average out; bounds are 3σ.
/// </summary>
public class BenchCalibrationTests
{
    private static readonly ImuErrorSettings Datasheet = ImuErrorSettings.Mpu6500;
    private static readonly BenchFixtureOptions Options = new();

    private static double WhiteSigma(double density, double bandwidthHz, double step) =>
        System.Math.Sqrt(density * density * bandwidthHz + step * step / 12);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Six_position_solver_recovers_accelerometer_bias_scale_and_cross_axis(int seed)
    {
        ImuErrorParameters part = ImuErrorParameters.Draw(Datasheet, seed);
        SixPositionCapture capture = BenchFixtures.SixPosition(part, noiseSeed: 1000 + seed);
        SensorCalibration solved = BenchCalibration.SolveAccelerometer(capture);
        SensorCalibration expected = capture.ExpectedAccelerometer;

        double n = Options.FaceHoldS * Options.SampleRateHz, g = capture.LocalGravityMPerS2;
        double sw = WhiteSigma(part.Accelerometer.NoiseDensity, part.Output.AccelBandwidthHz, part.Output.AccelStepMPerS2);
        double sgm = part.Accelerometer.BiasInstability;
        double biasBound = 3 * System.Math.Sqrt(sw * sw / (6 * n) + sgm * sgm);
        double matrixBound = 3 * System.Math.Sqrt(2 * sw * sw / n + 2 * sgm * sgm) / (2 * g);

        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(solved.Bias[i] - expected.Bias[i], -biasBound, biasBound);
            Assert.InRange(solved.Scale[i] / expected.Scale[i] - 1, -0.001, 0.001);
            for (int j = 0; j < 3; j++) Assert.InRange(solved.Matrix[i, j] - expected.Matrix[i, j], -matrixBound, matrixBound);
        }

        // The errors being recovered are far larger than the tolerance (the check can fail).
        Assert.True((expected.Bias - Vec3.Zero).Length > 20 * biasBound);
        Assert.True(Mat3.MaxAbsDifference(expected.Matrix, Mat3.Identity) > 20 * matrixBound);

        // Gyro bias from the same static capture.
        Vec3 gyroBias = BenchCalibration.SolveGyroscopeBias(capture);
        double gw = WhiteSigma(part.Gyroscope.NoiseDensity, part.Output.GyroBandwidthHz, part.Output.GyroStepRadPerS);
        double gyroBound = 3 * System.Math.Sqrt(gw * gw / (6 * n) + part.Gyroscope.BiasInstability * part.Gyroscope.BiasInstability);
        for (int i = 0; i < 3; i++) Assert.InRange(gyroBias[i] - capture.ExpectedGyroBiasRadPerS[i], -gyroBound, gyroBound);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Rate_table_solver_recovers_gyro_bias_scale_and_cross_axis(int seed)
    {
        ImuErrorParameters part = ImuErrorParameters.Draw(Datasheet, seed);
        RateTableCapture capture = BenchFixtures.RateTable(part, noiseSeed: 2000 + seed);
        SensorCalibration solved = BenchCalibration.SolveGyroscope(capture);
        SensorCalibration expected = capture.ExpectedGyroscope;

        double n = Options.TableHoldS * Options.SampleRateHz;
        int points = capture.Steps.Count;
        double sumSquares = Options.TableRatesDegPerS.Sum(r => 2 * System.Math.Pow(r * System.Math.PI / 180, 2));
        double sw = WhiteSigma(part.Gyroscope.NoiseDensity, part.Output.GyroBandwidthHz, part.Output.GyroStepRadPerS);
        double sgm = part.Gyroscope.BiasInstability;
        double biasBound = 3 * System.Math.Sqrt(sw * sw / (points * n) + sgm * sgm);
        double matrixBound = 3 * System.Math.Sqrt(sw * sw / n + 2 * sgm * sgm) / System.Math.Sqrt(sumSquares);

        for (int i = 0; i < 3; i++)
        {
            Assert.InRange(solved.Bias[i] - expected.Bias[i], -biasBound, biasBound);
            Assert.InRange(solved.Scale[i] / expected.Scale[i] - 1, -0.001, 0.001);
            for (int j = 0; j < 3; j++) Assert.InRange(solved.Matrix[i, j] - expected.Matrix[i, j], -matrixBound, matrixBound);
        }

        Assert.True(Mat3.MaxAbsDifference(expected.Matrix, Mat3.Identity) > 20 * matrixBound);
        Assert.Equal(27, points); // static + ±4 rates, about 3 axes
    }

    [Fact]
    public void Solver_returns_identity_for_an_ideal_part_and_calibrated_readings_match_the_truth()
    {
        ImuErrorParameters part = ImuErrorParameters.Draw(Datasheet, 6);
        ImuErrorParameters ideal = ImuErrorParameters.Ideal with
        {
            Accelerometer = SensorErrorParameters.Ideal with { NoiseDensity = part.Accelerometer.NoiseDensity },
            Gyroscope = SensorErrorParameters.Ideal with { NoiseDensity = part.Gyroscope.NoiseDensity },
        };
        SensorCalibration idealAccel = BenchCalibration.SolveAccelerometer(BenchFixtures.SixPosition(ideal, 1));
        Assert.True(Mat3.MaxAbsDifference(idealAccel.Matrix, Mat3.Identity) < 1e-3);
        Assert.True(idealAccel.Bias.Length < 5e-3);

        // Calibrate a drawn part, then correct its static readings: they match the true specific force.
        SixPositionCapture six = BenchFixtures.SixPosition(part, 2);
        ImuCalibration cal = BenchCalibration.Solve(six, BenchFixtures.RateTable(part, 3));
        BenchSample[] face = six.Samples.Where(s => s.Segment == 2).ToArray();
        Vec3 corrected = face.Aggregate(Vec3.Zero, (acc, s) => acc + cal.Accelerometer.Correct(s.AccelerationMPerS2)) / face.Length;
        Vec3 raw = face.Aggregate(Vec3.Zero, (acc, s) => acc + s.AccelerationMPerS2) / face.Length;
        Vec3 truth = face[0].TrueSpecificForceMPerS2;
        Assert.True((corrected - truth).Length < 0.01, $"corrected {corrected} vs truth {truth}");
        Assert.True((raw - truth).Length > 0.05, $"raw {raw} should differ from truth {truth}");
    }

    [Fact]
    public void Goniometer_sweep_holds_the_known_angles_and_calibrated_accelerometers_see_them()
    {
        ImuErrorParameters thigh = ImuErrorParameters.Draw(Datasheet, 10), shank = ImuErrorParameters.Draw(Datasheet, 11);
        GoniometerSweep sweep = BenchFixtures.Goniometer(thigh, shank, 7);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => i * 15 * System.Math.PI / 180), sweep.HoldAnglesRad);

        double sw = WhiteSigma(shank.Accelerometer.NoiseDensity, shank.Output.AccelBandwidthHz, shank.Output.AccelStepMPerS2);
        for (int h = 0; h < sweep.HoldAnglesRad.Count; h++)
        {
            GoniometerSample[] hold = sweep.Samples.Where(s => s.Segment == h).ToArray();
            Assert.Equal(500, hold.Length); // 5 s at 100 Hz
            Assert.All(hold, s => Assert.Equal(sweep.HoldAnglesRad[h], s.TrueAngleRad, 12));

            // Inclination of each IMU about the hinge axis (+y) from its calibrated accelerometer: θ = atan2(−f_x, f_z).
            Vec3 f1 = hold.Aggregate(Vec3.Zero, (a, s) => a + sweep.ExpectedProximal.Accelerometer.Correct(s.Proximal.AccelerationMPerS2)) / hold.Length;
            Vec3 f2 = hold.Aggregate(Vec3.Zero, (a, s) => a + sweep.ExpectedDistal.Accelerometer.Correct(s.Distal.AccelerationMPerS2)) / hold.Length;
            double angle = System.Math.Atan2(-f2.X, f2.Z) - System.Math.Atan2(-f1.X, f1.Z);
            // Per IMU angle σ ≈ √(σ_w²/N + σ_GM²)/g; difference of two IMUs, 3σ.
            double sigmaAngle = System.Math.Sqrt(sw * sw / hold.Length + System.Math.Pow(shank.Accelerometer.BiasInstability, 2)) / Physics.StandardGravity;
            double bound = 3 * System.Math.Sqrt(2) * sigmaAngle;
            Assert.InRange(angle - sweep.HoldAnglesRad[h], -bound, bound);
        }

        // Between holds the distal gyro integrates to the 15° step.
        GoniometerSample[] move = sweep.Samples.SkipWhile(s => s.Segment != 0).SkipWhile(s => s.Segment == 0).TakeWhile(s => s.Segment == -1).ToArray();
        double integrated = move.Sum(s => s.Distal.TrueAngularVelocityRadPerS.Y) * 0.01;
        Assert.Equal(15 * System.Math.PI / 180, integrated, 9);
    }
}
