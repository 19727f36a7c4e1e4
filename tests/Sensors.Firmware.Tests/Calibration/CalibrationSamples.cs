using System;
using Sensors.Band.Calibration;

namespace Sensors.Firmware.Tests.Calibration;

/// <summary>Plausible bench calibrations: scale errors of a few %, misalignment of a few mrad, small biases.</summary>
internal static class CalibrationSamples
{
    public static CalibrationRecord Record(int seed)
    {
        var r = new Random(seed);
        var record = new CalibrationRecord
        {
            BandSerial = "SB-" + r.Next(100000, 999999),
            TechnicianId = "tech-" + r.Next(100),
            CertificateNumber = "CAL-2025-" + r.Next(1000, 9999),
            CalibratedAtUnixS = 1_750_000_000L + r.Next(10_000_000),
        };
        for (int i = 0; i < CalibrationRecord.ImuCount; i++)
        {
            ImuCalibration imu = record.GetImu(i);
            Fill(r, imu.AccelerometerBiasMPerS2, 0.3);
            Fill(r, imu.GyroscopeBiasRadPerS, 0.05);
            Fill(r, imu.AccelerometerBiasTempCoefMPerS2PerC, 0.002);
            Fill(r, imu.GyroscopeBiasTempCoefRadPerSPerC, 0.0005);
            NearIdentity(r, imu.AccelerometerMatrix);
            NearIdentity(r, imu.GyroscopeMatrix);
            imu.ReferenceTemperatureC = (float)(20 + r.NextDouble() * 10);
        }

        return record;
    }

    private static void Fill(Random r, float[] values, double scale)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)((r.NextDouble() * 2 - 1) * scale);
    }

    private static void NearIdentity(Random r, float[] m)
    {
        for (int i = 0; i < 9; i++)
        {
            m[i] = (float)((i % 4 == 0 ? 1.0 : 0.0) + (r.NextDouble() * 2 - 1) * (i % 4 == 0 ? 0.04 : 0.01));
        }
    }
}
