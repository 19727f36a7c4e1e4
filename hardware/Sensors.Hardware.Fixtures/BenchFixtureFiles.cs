using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sensors.Hardware.Bench;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Recording;

namespace Sensors.Hardware.Fixtures;

/// <summary>Writes the bench fixtures (six-position, rate table, goniometer jig) as recordings with their sidecars.</summary>
public static class BenchFixtureFiles
{
    /// <summary>Columns of a single-IMU bench capture.</summary>
    public static readonly string[] ImuColumns =
        ["t_s", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z", "temp_degc", "segment"];

    /// <summary>The two parts of the simulated band, drawn from the MPU-6500 datasheet error model.</summary>
    public static (ImuErrorParameters Thigh, ImuErrorParameters Shank) BandParts() =>
        (ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, FixtureSeeds.ThighPart),
         ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, FixtureSeeds.ShankPart));

    public static string FileStem(string imu, string fixture) => $"{FixtureSeeds.BandSerial}_{imu}_{fixture}";

    public static IEnumerable<string> WriteAll(string root)
    {
        var (thigh, shank) = BandParts();
        foreach (var (imu, part, noise) in new[] { ("thigh", thigh, FixtureSeeds.BenchNoise), ("shank", shank, FixtureSeeds.BenchNoise + 1) })
        {
            yield return WriteSixPosition(Path.Combine(root, "six-position", FileStem(imu, "six-position") + ".csv.gz"), imu, BenchFixtures.SixPosition(part, noise));
            yield return WriteRateTable(Path.Combine(root, "rate-table", FileStem(imu, "rate-table") + ".csv.gz"), imu, BenchFixtures.RateTable(part, noise + 10));
        }
        yield return WriteGoniometer(Path.Combine(root, "goniometer", $"{FixtureSeeds.BandSerial}_goniometer.csv.gz"),
            BenchFixtures.Goniometer(thigh, shank, FixtureSeeds.BenchNoise + 20));
    }

    public static string WriteSixPosition(string path, string imu, SixPositionCapture capture)
    {
        RecordingMetadata meta = Metadata($"Six-position static capture of the {imu} IMU (each face up for {capture.Samples.Count} samples in all).", imu, "six-position");
        meta.TextColumns.Add("pose");
        meta.SetExtra("faces", capture.Faces.Select(f => new { name = f.Name, up = Arr(f.UpInSensor), segment = f.Segment }).ToArray());
        meta.SetExtra("local_gravity_m_per_s2", capture.LocalGravityMPerS2);
        meta.SetExtra("temperature_degc", capture.TemperatureC);
        meta.SetExtra("true_parameters", TrueParameters(capture.TrueParameters));
        SetCalibration(meta, "accelerometer", capture.ExpectedAccelerometer);
        meta.ExpectedResults["gyroscope_bias_rad_per_s"] = Json(Arr(capture.ExpectedGyroBiasRadPerS));
        var faceNames = capture.Faces.ToDictionary(f => f.Segment, f => f.Name);
        Write(path, [.. ImuColumns, "pose"], meta, capture.Samples.Select(s =>
            (Row(s), (string?)(faceNames.TryGetValue(s.Segment, out string? n) ? n : ""))));
        return path;
    }

    public static string WriteRateTable(string path, string imu, RateTableCapture capture)
    {
        RecordingMetadata meta = Metadata($"Gyro rate-table steps of the {imu} IMU about each axis.", imu, "rate-table");
        meta.SetExtra("steps", capture.Steps.Select(s => new { axis = s.Axis, rate_rad_per_s = s.RateRadPerS, segment = s.Segment }).ToArray());
        meta.SetExtra("temperature_degc", capture.TemperatureC);
        meta.SetExtra("true_parameters", TrueParameters(capture.TrueParameters));
        SetCalibration(meta, "gyroscope", capture.ExpectedGyroscope);
        var bySegment = capture.Steps.ToDictionary(s => s.Segment);
        string[] columns = [.. ImuColumns, "rate_true_x", "rate_true_y", "rate_true_z"];
        Write(path, columns, meta, capture.Samples.Select(s =>
        {
            Vec3 rate = bySegment.TryGetValue(s.Segment, out RateTableStep? step) ? step.RateVectorRadPerS : new Vec3(double.NaN, double.NaN, double.NaN);
            return ((double[])[.. Row(s), Round(rate.X, 6), Round(rate.Y, 6), Round(rate.Z, 6)], (string?)null);
        }));
        return path;
    }

    public static string WriteGoniometer(string path, GoniometerSweep sweep)
    {
        RecordingMetadata meta = Metadata("Two-IMU band on the goniometer jig: 0° to 120° in known steps with holds (hinge layout; encoder = jig angle).", "thigh+shank", "goniometer");
        meta.Placement["imu1"] = "thigh (fixed arm)";
        meta.Placement["imu2"] = "shank (moving arm)";
        meta.SetExtra("hold_angles_rad", sweep.HoldAnglesRad.ToArray());
        meta.SetExtra("true_parameters_imu1", TrueParameters(sweep.ProximalParameters));
        meta.SetExtra("true_parameters_imu2", TrueParameters(sweep.DistalParameters));
        SetCalibration(meta, "imu1_accelerometer", sweep.ExpectedProximal.Accelerometer);
        SetCalibration(meta, "imu1_gyroscope", sweep.ExpectedProximal.Gyroscope);
        SetCalibration(meta, "imu2_accelerometer", sweep.ExpectedDistal.Accelerometer);
        SetCalibration(meta, "imu2_gyroscope", sweep.ExpectedDistal.Gyroscope);
        string[] columns =
        [
            "t_s", "encoder_deg",
            "imu1_acc_x", "imu1_acc_y", "imu1_acc_z", "imu1_gyr_x", "imu1_gyr_y", "imu1_gyr_z",
            "imu2_acc_x", "imu2_acc_y", "imu2_acc_z", "imu2_gyr_x", "imu2_gyr_y", "imu2_gyr_z",
            "segment", "phase",
        ];
        Write(path, columns, meta, sweep.Samples.Select(g => ((double[])
        [
            Round(g.TimeS, 6), Round(g.TrueAngleRad * 180 / System.Math.PI, 4),
            .. Imu(g.Proximal), .. Imu(g.Distal),
            g.Segment < 0 ? double.NaN : g.Segment,
        ], (string?)"data")));
        return path;
    }

    internal static RecordingMetadata Metadata(string description, string imu, string fixture)
    {
        var meta = new RecordingMetadata
        {
            Description = description,
            SamplingRateHz = 100,
            Synthetic = true,
            Source = "Sensors.Hardware model (MPU-6500 datasheet error model), generated by hardware/Sensors.Hardware.Fixtures with fixed seeds",
            Licence = "same as this repository",
            FirmwareVersion = "simulated",
        };
        meta.DeviceIds["band"] = FixtureSeeds.BandSerial;
        meta.SetExtra("fixture", fixture);
        meta.SetExtra("imu", imu);
        meta.SetExtra("seeds", new { thigh_part = FixtureSeeds.ThighPart, shank_part = FixtureSeeds.ShankPart, bench_noise = FixtureSeeds.BenchNoise });
        return meta;
    }

    private static void SetCalibration(RecordingMetadata meta, string prefix, SensorCalibration c)
    {
        meta.ExpectedResults[prefix + "_bias"] = Json(Arr(c.Bias));
        meta.ExpectedResults[prefix + "_matrix"] = Json(Mat(c.Matrix));
    }

    private static object TrueParameters(ImuErrorParameters p) => new
    {
        reference_temperature_degc = p.ReferenceTemperatureC,
        timestamp_jitter_s = p.TimestampJitterS,
        gyroscope = Sensor(p.Gyroscope),
        accelerometer = Sensor(p.Accelerometer),
    };

    private static object Sensor(SensorErrorParameters s) => new
    {
        bias = Arr(s.Bias),
        bias_temp_coeff_per_degc = Arr(s.BiasTempCoeffPerC),
        scale = Arr(s.Scale),
        scale_temp_coeff_per_degc = Arr(s.ScaleTempCoeffPerC),
        cross_axis = Mat(s.CrossAxis),
        nonlinearity = Arr(s.Nonlinearity),
        noise_density = s.NoiseDensity,
        bias_instability = s.BiasInstability,
        bias_correlation_time_s = s.BiasCorrelationTimeS,
    };

    private static double[] Row(BenchSample s) =>
    [
        Round(s.TimeS, 6), .. Imu(s), Round(s.TemperatureC, 3), s.Segment < 0 ? double.NaN : s.Segment,
    ];

    private static double[] Imu(BenchSample s) =>
    [
        Round(s.AccelerationMPerS2.X, 5), Round(s.AccelerationMPerS2.Y, 5), Round(s.AccelerationMPerS2.Z, 5),
        Round(s.AngularVelocityRadPerS.X, 6), Round(s.AngularVelocityRadPerS.Y, 6), Round(s.AngularVelocityRadPerS.Z, 6),
    ];

    /// <summary>
    /// Rounds to a fixed number of decimals: finer than the sensor's quantisation step (acc 1.2e-3 m/s², gyro 2.7e-4 rad/s
    /// at the band's ranges), so nothing measurable is lost, and the files stay small and byte-stable.
    /// </summary>
    internal static double Round(double v, int decimals) => double.IsNaN(v) ? v : System.Math.Round(v, decimals);

    internal static double[] Arr(Vec3 v) => [v.X, v.Y, v.Z];

    private static double[] Mat(Mat3 m) => [m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], m[2, 0], m[2, 1], m[2, 2]];

    private static System.Text.Json.Nodes.JsonNode? Json(double[] values) => System.Text.Json.JsonSerializer.SerializeToNode(values);

    internal static void Write(string path, string[] columns, RecordingMetadata meta, IEnumerable<(double[] Values, string? Text)> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        int textIndex = Array.FindIndex(columns, c => c is "pose" or "phase");
        using RecordingWriter writer = RecordingWriter.Create(path, columns, meta);
        var texts = new string?[textIndex >= 0 ? 1 : 0];
        var values = new double[columns.Length];
        foreach (var (v, text) in rows)
        {
            int k = 0;
            for (int c = 0; c < columns.Length; c++)
            {
                values[c] = c == textIndex ? double.NaN : v[k++];
            }
            if (texts.Length == 1) texts[0] = text;
            writer.WriteRow(values, texts);
        }
        writer.Complete();
    }
}
