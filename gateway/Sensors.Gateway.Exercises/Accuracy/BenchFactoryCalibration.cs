using System;
using Sensors.Hardware.Bench;
using Sensors.Hardware.Imu;
using BandImuCalibration = Sensors.Band.Calibration.ImuCalibration;
using BenchImuCalibration = Sensors.Hardware.Bench.ImuCalibration;

namespace Sensors.Gateway.Exercises.Accuracy;

/// <summary>
/// The factory (bench) calibration a shipped band carries for each of its IMU parts: the technicians' six-position cube
/// (accelerometer) and rate table (gyroscope) at 25 °C, solved by <see cref="BenchCalibration"/> from the part's own noisy
/// captures (never from the simulator's truth), written as the band's calibration record (<see cref="BandImuCalibration"/>:
/// calibrated = M·(raw − b), M = A⁻¹ of the bench fit measured = A·true + b; no temperature coefficient, reference 25 °C).
/// The same captures as the band core's knee harness (tests/Sensors.Firmware.Tests/Joint/SimulatedKneeSession): cube noise
/// seed 9000 + part seed, rate table 19000 + part seed.
/// </summary>
public static class BenchFactoryCalibration
{
    /// <summary>Runs the bench on one part and returns the band's calibration of it.</summary>
    /// <param name="part">The part's error parameters.</param>
    /// <param name="partSeed">The seed the part was drawn with (selects the bench captures' noise).</param>
    public static BandImuCalibration For(ImuErrorParameters part, int partSeed)
    {
        ArgumentNullException.ThrowIfNull(part);
        BenchImuCalibration bench = BenchCalibration.Solve(BenchFixtures.SixPosition(part, 9000 + partSeed), BenchFixtures.RateTable(part, 19000 + partSeed));
        var cal = new BandImuCalibration { ReferenceTemperatureC = 25f };
        Write(bench.Accelerometer, cal.AccelerometerMatrix, cal.AccelerometerBiasMPerS2);
        Write(bench.Gyroscope, cal.GyroscopeMatrix, cal.GyroscopeBiasRadPerS);
        return cal;
    }

    /// <summary>Applies a band calibration to one simulated sample (as the band's driver does, float arithmetic).</summary>
    public static ImuSample Apply(in ImuSample raw, BandImuCalibration? calibration, float[] scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (calibration is null) return raw;
        scratch[0] = (float)raw.AccelerationMPerS2.X;
        scratch[1] = (float)raw.AccelerationMPerS2.Y;
        scratch[2] = (float)raw.AccelerationMPerS2.Z;
        scratch[3] = (float)raw.AngularVelocityRadPerS.X;
        scratch[4] = (float)raw.AngularVelocityRadPerS.Y;
        scratch[5] = (float)raw.AngularVelocityRadPerS.Z;
        calibration.ApplyCalibration(scratch, 0, (float)raw.TemperatureC, scratch, 0);
        return raw with
        {
            AccelerationMPerS2 = new Sensors.Hardware.Math.Vec3(scratch[0], scratch[1], scratch[2]),
            AngularVelocityRadPerS = new Sensors.Hardware.Math.Vec3(scratch[3], scratch[4], scratch[5]),
        };
    }

    private static void Write(SensorCalibration fit, float[] matrix, float[] bias)
    {
        Mat3 m = fit.Matrix.Inverse();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                matrix[3 * r + c] = (float)m[r, c];
        bias[0] = (float)fit.Bias.X;
        bias[1] = (float)fit.Bias.Y;
        bias[2] = (float)fit.Bias.Z;
    }
}
