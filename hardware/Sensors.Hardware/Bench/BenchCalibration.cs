using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Bench;

/// <summary>
/// Reference bench calibration that technicians run: least-squares fits of <c>measured = A·true + b</c> from segment
/// means. It uses only the measured samples, their segment marks and the fixture's nominal poses and rates — never the
/// simulator's truth columns — so it is an independent check of the fixtures (and of the error model).
/// </summary>
public static class BenchCalibration
{
    /// <summary>Accelerometer bias, scale and cross-axis from a six-position capture (true input = g·up on each face).</summary>
    public static SensorCalibration SolveAccelerometer(SixPositionCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var inputs = new List<Vec3>();
        var outputs = new List<Vec3>();
        foreach (BenchFace face in capture.Faces)
        {
            inputs.Add(face.UpInSensor * capture.LocalGravityMPerS2);
            outputs.Add(Mean(capture.Samples, face.Segment, s => s.AccelerationMPerS2));
        }

        (Mat3 a, Vec3 b, _) = AffineLeastSquares.Fit(inputs, outputs);
        return new SensorCalibration(b, a);
    }

    /// <summary>Gyro bias from a six-position capture: the mean over all static faces.</summary>
    public static Vec3 SolveGyroscopeBias(SixPositionCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        Vec3 sum = Vec3.Zero;
        foreach (BenchFace face in capture.Faces) sum += Mean(capture.Samples, face.Segment, s => s.AngularVelocityRadPerS);
        return sum / capture.Faces.Count;
    }

    /// <summary>Gyro bias, scale and cross-axis from a rate-table capture (true input = table rate about the mounted axis).</summary>
    public static SensorCalibration SolveGyroscope(RateTableCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        var inputs = capture.Steps.Select(s => s.RateVectorRadPerS).ToList();
        var outputs = capture.Steps.Select(s => Mean(capture.Samples, s.Segment, x => x.AngularVelocityRadPerS)).ToList();
        (Mat3 a, Vec3 b, _) = AffineLeastSquares.Fit(inputs, outputs);
        return new SensorCalibration(b, a);
    }

    /// <summary>Full IMU calibration: accelerometer from the cube, gyroscope from the rate table.</summary>
    public static ImuCalibration Solve(SixPositionCapture sixPosition, RateTableCapture rateTable) =>
        new(SolveAccelerometer(sixPosition), SolveGyroscope(rateTable));

    private static Vec3 Mean(IReadOnlyList<BenchSample> samples, int segment, Func<BenchSample, Vec3> value)
    {
        Vec3 sum = Vec3.Zero;
        int n = 0;
        foreach (BenchSample s in samples)
        {
            if (s.Segment != segment) continue;
            sum += value(s);
            n++;
        }

        if (n == 0) throw new ArgumentException($"Segment {segment} has no samples.", nameof(samples));
        return sum / n;
    }
}
