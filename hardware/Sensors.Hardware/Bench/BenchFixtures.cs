using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Bench;

/// <summary>
/// In-memory bench fixtures for factory calibration: six-position cube, gyro rate table and goniometer jig. Each returns
/// the samples (measured and true), the part's true error parameters and the calibration a correct solver must recover.
/// The fixtures are ideal (faces exactly level, table axis exactly vertical, no Earth rotation, IMUs on the hinge axis);
/// the sensor errors are the only imperfection.
/// </summary>
public static class BenchFixtures
{
    private const double DegToRad = System.Math.PI / 180;

    /// <summary>The six faces in capture order: +z, −z, +x, −x, +y, −y up.</summary>
    public static IReadOnlyList<BenchFace> SixFaces { get; } =
    [
        new("+z up", Vec3.UnitZ, 0), new("-z up", -Vec3.UnitZ, 1),
        new("+x up", Vec3.UnitX, 2), new("-x up", -Vec3.UnitX, 3),
        new("+y up", Vec3.UnitY, 4), new("-y up", -Vec3.UnitY, 5),
    ];

    /// <summary>Six-position static capture: each face up for <see cref="BenchFixtureOptions.FaceHoldS"/>, turning between faces.</summary>
    public static SixPositionCapture SixPosition(ImuErrorParameters part, int noiseSeed, BenchFixtureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(part);
        BenchFixtureOptions o = options ?? new BenchFixtureOptions();
        var imu = new SimulatedImu(part, noiseSeed);
        var samples = new List<BenchSample>();
        var up = new Vec3(0, 0, o.LocalGravityMPerS2);
        double dt = 1 / o.SampleRateHz;
        long k = 0;
        for (int f = 0; f < SixFaces.Count; f++)
        {
            Quat q = FromTo(SixFaces[f].UpInSensor, Vec3.UnitZ);
            for (int i = 0; i < Count(o.FaceHoldS, o.SampleRateHz); i++, k++)
                Add(samples, imu, new ImuKinematics(k * dt, q, Vec3.Zero, q.RotateInverse(up), o.TemperatureC), SixFaces[f].Segment);
            if (f + 1 == SixFaces.Count) break;

            // Turn the cube to the next face about a fixed body axis at constant rate.
            Quat next = FromTo(SixFaces[f + 1].UpInSensor, Vec3.UnitZ);
            Vec3 turn = (q.Conjugate() * next).ToRotationVector();
            int n = Count(o.FaceTurnS, o.SampleRateHz);
            for (int i = 0; i < n; i++, k++)
            {
                Quat qi = q * Quat.FromRotationVector(turn * ((double)i / n));
                Add(samples, imu, new ImuKinematics(k * dt, qi, turn / o.FaceTurnS, qi.RotateInverse(up), o.TemperatureC), -1);
            }
        }

        return new SixPositionCapture(SixFaces, samples, part, o.LocalGravityMPerS2, o.TemperatureC,
            ExpectedSixPositionAccelerometer(part, o.TemperatureC, o.LocalGravityMPerS2),
            part.Gyroscope.BiasAt(o.TemperatureC, part.ReferenceTemperatureC));
    }

    /// <summary>
    /// Rate-table capture: for each sensor axis mounted vertical, a static hold then ± each rate of
    /// <see cref="BenchFixtureOptions.TableRatesDegPerS"/>, each after a linear spin-up.
    /// </summary>
    public static RateTableCapture RateTable(ImuErrorParameters part, int noiseSeed, BenchFixtureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(part);
        BenchFixtureOptions o = options ?? new BenchFixtureOptions();
        var imu = new SimulatedImu(part, noiseSeed);
        var samples = new List<BenchSample>();
        var steps = new List<RateTableStep>();
        var up = new Vec3(0, 0, o.LocalGravityMPerS2);
        double dt = 1 / o.SampleRateHz;
        long k = 0;
        for (int axis = 0; axis < 3; axis++)
        {
            Vec3 e = axis switch { 0 => Vec3.UnitX, 1 => Vec3.UnitY, _ => Vec3.UnitZ };
            Quat mount = FromTo(e, Vec3.UnitZ);
            double angle = 0, previous = 0;
            var rates = new List<double> { 0 };
            foreach (double r in o.TableRatesDegPerS) rates.AddRange([r * DegToRad, -r * DegToRad]);
            foreach (double rate in rates)
            {
                int segment = steps.Count;
                steps.Add(new RateTableStep(axis, rate, segment));
                int nUp = Count(o.TableSpinUpS, o.SampleRateHz), nHold = Count(o.TableHoldS, o.SampleRateHz);
                for (int i = 0; i < nUp; i++, k++)
                {
                    double w = previous + (rate - previous) * i / nUp;
                    Quat q = mount * Quat.FromAxisAngle(e, angle);
                    Add(samples, imu, new ImuKinematics(k * dt, q, e * w, q.RotateInverse(up), o.TemperatureC), -1);
                    angle += w * dt;
                }

                for (int i = 0; i < nHold; i++, k++)
                {
                    Quat q = mount * Quat.FromAxisAngle(e, angle);
                    Add(samples, imu, new ImuKinematics(k * dt, q, e * rate, q.RotateInverse(up), o.TemperatureC), segment);
                    angle += rate * dt;
                }

                previous = rate;
            }
        }

        return new RateTableCapture(steps, samples, part, o.TemperatureC,
            ExpectedRateTableGyroscope(part, o.TemperatureC, o.TableRatesDegPerS.Select(r => r * DegToRad).ToArray()));
    }

    /// <summary>
    /// Goniometer jig: proximal (thigh) IMU flat on the fixed arm, distal (shank) IMU on the moving arm; the hinge axis is
    /// both sensors' +y (horizontal). Flexion is a right-hand turn of the distal IMU about +y (as in the hinge dataset's
    /// pitch trials). The arm holds each angle of <see cref="BenchFixtureOptions.JigAnglesDeg"/> and moves between them at
    /// constant speed.
    /// </summary>
    public static GoniometerSweep Goniometer(ImuErrorParameters proximal, ImuErrorParameters distal, int noiseSeed, BenchFixtureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(proximal);
        ArgumentNullException.ThrowIfNull(distal);
        BenchFixtureOptions o = options ?? new BenchFixtureOptions();
        var imu1 = new SimulatedImu(proximal, noiseSeed);
        var imu2 = new SimulatedImu(distal, unchecked(noiseSeed + 1));
        var samples = new List<GoniometerSample>();
        var up = new Vec3(0, 0, o.LocalGravityMPerS2);
        double dt = 1 / o.SampleRateHz, speed = o.JigSpeedDegPerS * DegToRad;
        long k = 0;
        double[] holds = o.JigAnglesDeg.Select(a => a * DegToRad).ToArray();

        void Emit(double angle, double rate, int segment)
        {
            double t = k * dt;
            var k1 = new ImuKinematics(t, Quat.Identity, Vec3.Zero, up, o.TemperatureC);
            Quat q2 = Quat.FromAxisAngle(Vec3.UnitY, angle);
            var k2 = new ImuKinematics(t, q2, Vec3.UnitY * rate, q2.RotateInverse(up), o.TemperatureC);
            samples.Add(new GoniometerSample(t,
                BenchSample.From(imu1.Process(k1), k1, segment),
                BenchSample.From(imu2.Process(k2), k2, segment), angle, segment));
            k++;
        }

        for (int h = 0; h < holds.Length; h++)
        {
            for (int i = 0; i < Count(o.JigHoldS, o.SampleRateHz); i++) Emit(holds[h], 0, h);
            if (h + 1 == holds.Length) break;
            double delta = holds[h + 1] - holds[h];
            int n = Count(System.Math.Abs(delta) / speed, o.SampleRateHz);
            for (int i = 0; i < n; i++) Emit(holds[h] + delta * i / n, System.Math.Sign(delta) * speed, -1);
        }

        double[] rates = o.TableRatesDegPerS.Select(r => r * DegToRad).ToArray();
        ImuCalibration Expected(ImuErrorParameters p) => new(
            ExpectedSixPositionAccelerometer(p, o.TemperatureC, o.LocalGravityMPerS2),
            ExpectedRateTableGyroscope(p, o.TemperatureC, rates));
        return new GoniometerSweep(samples, holds, proximal, distal, Expected(proximal), Expected(distal));
    }

    /// <summary>
    /// The accelerometer calibration a six-position solver must find: bias b(T) and matrix M·S(T)·diag(1 + n_j·g/FS) —
    /// the nonlinearity x·(1 + n·|x|/FS) seen at ±1 g is indistinguishable from a scale change.
    /// </summary>
    public static SensorCalibration ExpectedSixPositionAccelerometer(ImuErrorParameters part, double temperatureC, double gravityMPerS2)
    {
        ArgumentNullException.ThrowIfNull(part);
        SensorErrorParameters a = part.Accelerometer;
        double fs = part.Output.Accel.RangeMPerS2();
        Vec3 nl = new Vec3(1, 1, 1) + a.Nonlinearity * (gravityMPerS2 / fs);
        return new SensorCalibration(a.BiasAt(temperatureC, part.ReferenceTemperatureC),
            a.Matrix(temperatureC, part.ReferenceTemperatureC) * Mat3.Diagonal(nl));
    }

    /// <summary>
    /// The gyro calibration a rate-table least-squares solver must find for symmetric rates ±r_k: bias b(T) and matrix
    /// M·S(T)·diag(1 + n_j·Σ|r|³/(FS·Σr²)) (the best straight line through the nonlinear response).
    /// </summary>
    public static SensorCalibration ExpectedRateTableGyroscope(ImuErrorParameters part, double temperatureC, IReadOnlyList<double> ratesRadPerS)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(ratesRadPerS);
        SensorErrorParameters g = part.Gyroscope;
        double fs = part.Output.Gyro.RangeRadPerS();
        double cube = ratesRadPerS.Sum(r => System.Math.Pow(System.Math.Abs(r), 3));
        double square = ratesRadPerS.Sum(r => r * r);
        Vec3 nl = new Vec3(1, 1, 1) + g.Nonlinearity * (square > 0 ? cube / (fs * square) : 0);
        return new SensorCalibration(g.BiasAt(temperatureC, part.ReferenceTemperatureC),
            g.Matrix(temperatureC, part.ReferenceTemperatureC) * Mat3.Diagonal(nl));
    }

    /// <summary>Rotation that turns sensor vector <paramref name="from"/> onto earth vector <paramref name="to"/> (both unit).</summary>
    public static Quat FromTo(Vec3 from, Vec3 to)
    {
        double c = Vec3.Dot(from, to);
        if (c > 1 - 1e-12) return Quat.Identity;
        if (c < -1 + 1e-12)
        {
            Vec3 perpendicular = System.Math.Abs(from.X) < 0.9 ? Vec3.Cross(from, Vec3.UnitX) : Vec3.Cross(from, Vec3.UnitY);
            return Quat.FromAxisAngle(perpendicular, System.Math.PI);
        }

        return Quat.FromAxisAngle(Vec3.Cross(from, to), System.Math.Acos(c));
    }

    private static int Count(double durationS, double rateHz) => (int)System.Math.Round(durationS * rateHz);

    private static void Add(List<BenchSample> samples, SimulatedImu imu, in ImuKinematics truth, int segment) =>
        samples.Add(BenchSample.From(imu.Process(truth), truth, segment));
}
