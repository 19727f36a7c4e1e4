using System;
using Sensors.Band.Calibration;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Firmware.Tests.Calibration;

/// <summary>
/// ApplyCalibration against an independent truth: a sensor with known scale/misalignment S and temperature-dependent bias
/// measures u = S·v + b₀ + k·(T − T_ref). With M = S⁻¹ (computed here in double) the model must give back v.
/// </summary>
public class CalibrationModelTests
{
    [Fact]
    public void Apply_recovers_the_true_vector_from_a_distorted_measurement()
    {
        var r = new Random(9);
        double[] s = { 1.03, 0.012, -0.008, -0.015, 0.97, 0.02, 0.005, -0.011, 1.01 };
        double[] m = Invert(s);
        var imu = new ImuCalibration { ReferenceTemperatureC = 25f };
        for (int i = 0; i < 9; i++)
        {
            imu.AccelerometerMatrix[i] = (float)m[i];
            imu.GyroscopeMatrix[i] = (float)m[i];
        }

        float[] accBias = { 0.21f, -0.13f, 0.35f };
        float[] accCoef = { 0.002f, -0.001f, 0.0015f };
        float[] gyroBias = { 0.011f, -0.02f, 0.004f };
        float[] gyroCoef = { 0.0003f, 0.0001f, -0.0002f };
        accBias.CopyTo(imu.AccelerometerBiasMPerS2, 0);
        accCoef.CopyTo(imu.AccelerometerBiasTempCoefMPerS2PerC, 0);
        gyroBias.CopyTo(imu.GyroscopeBiasRadPerS, 0);
        gyroCoef.CopyTo(imu.GyroscopeBiasTempCoefRadPerSPerC, 0);

        var sample = new float[8];
        for (int k = 0; k < 1000; k++)
        {
            double t = 5 + r.NextDouble() * 35;
            double[] acc = { r.NextDouble() * 40 - 20, r.NextDouble() * 40 - 20, r.NextDouble() * 40 - 20 };
            double[] gyro = { r.NextDouble() * 20 - 10, r.NextDouble() * 20 - 10, r.NextDouble() * 20 - 10 };
            Distort(s, acc, accBias, accCoef, t - 25, sample, 1);
            Distort(s, gyro, gyroBias, gyroCoef, t - 25, sample, 4);

            imu.ApplyCalibration(sample, 1, (float)t, sample, 1);      // in place

            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(acc[i], sample[1 + i], 3e-3);              // float rounding of ~20 m/s²
                Assert.Equal(gyro[i], sample[4 + i], 2e-3);
            }
        }
    }

    [Fact]
    public void Identity_calibration_passes_values_through()
    {
        var imu = new ImuCalibration();
        float[] v = { 1.5f, -9.81f, 0.25f, 0.1f, -0.2f, 3f };
        var result = new float[6];
        imu.ApplyCalibration(v, 0, 40f, result, 0);
        Assert.Equal(v, result);
    }

    [Fact]
    public void Apply_allocates_nothing()
    {
        var imu = new ImuCalibration();
        var v = new float[6];
        imu.ApplyCalibration(v, 0, 20f, v, 0);
        Assert.Equal(0, Allocations.MinimumOver(3, () =>
        {
            for (int i = 0; i < 10_000; i++) imu.ApplyCalibration(v, 0, 20f, v, 0);
        }));
    }

    private static void Distort(double[] s, double[] v, float[] bias, float[] coef, double dt, float[] output, int offset)
    {
        for (int row = 0; row < 3; row++)
        {
            double u = s[3 * row] * v[0] + s[3 * row + 1] * v[1] + s[3 * row + 2] * v[2];
            output[offset + row] = (float)(u + bias[row] + coef[row] * dt);
        }
    }

    private static double[] Invert(double[] a)
    {
        double det = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
        return new[]
        {
            (a[4] * a[8] - a[5] * a[7]) / det, (a[2] * a[7] - a[1] * a[8]) / det, (a[1] * a[5] - a[2] * a[4]) / det,
            (a[5] * a[6] - a[3] * a[8]) / det, (a[0] * a[8] - a[2] * a[6]) / det, (a[2] * a[3] - a[0] * a[5]) / det,
            (a[3] * a[7] - a[4] * a[6]) / det, (a[1] * a[6] - a[0] * a[7]) / det, (a[0] * a[4] - a[1] * a[3]) / det,
        };
    }
}
