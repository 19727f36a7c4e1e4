using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Sensors.Hardware.Bench;
using Sensors.Hardware.Fixtures;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Recording;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Tests.Fixtures;

/// <summary>
/// The committed bench fixtures in calibration-data/: they load in the recording format, the technician's bench solver
/// run on the FILE reproduces the calibration written in the sidecar, and regenerating them gives the same content.
/// </summary>
public class CalibrationDataTests
{
    private static string Dir(string sub) => Path.Combine(TestPaths.RepoRoot, "calibration-data", sub);

    public static TheoryData<string> Imus => new() { "thigh", "shank" };

    [Fact]
    public void Every_fixture_loads_and_is_labelled_synthetic_with_expected_results()
    {
        string[] files = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "calibration-data"), "*.csv.gz", SearchOption.AllDirectories);
        Assert.True(files.Length >= 8, $"expected the bench fixtures and sessions, found {files.Length} files");
        foreach (string file in files)
        {
            using RecordingReader reader = RecordingReader.Open(file);
            Assert.Equal("t_s", reader.Columns[0]);
            int rows = 0;
            while (reader.ReadRow()) rows++;
            Assert.True(rows > 1000, $"{file}: only {rows} rows");
            RecordingMetadata meta = Assert.IsType<RecordingMetadata>(reader.Metadata);
            Assert.True(meta.Synthetic, $"{file}: sidecar must say synthetic");
            Assert.NotEmpty(meta.ExpectedResults);
        }
    }

    [Theory]
    [MemberData(nameof(Imus))]
    public void Six_position_file_solves_to_the_sidecar_accelerometer_calibration(string imu)
    {
        string path = Path.Combine(Dir("six-position"), BenchFixtureFiles.FileStem(imu, "six-position") + ".csv.gz");
        RecordingTable table = RecordingTable.Load(path);
        RecordingMetadata meta = table.Metadata!;
        var capture = new SixPositionCapture(BenchFixtures.SixFaces, Samples(table), ImuErrorParameters.Ideal,
            Physics.StandardGravity, 25, SensorCalibration.Identity, Vec3.Zero);

        SensorCalibration solved = BenchCalibration.SolveAccelerometer(capture);

        Assert.True(meta.TryGetExpected("accelerometer_bias", out double[] bias));
        Assert.True(meta.TryGetExpected("accelerometer_matrix", out double[] matrix));
        // The part's offsets are up to ±0.8 m/s² (datasheet ±60/±80 mg): recovering them to 0.01 m/s² is a real check.
        Assert.True(new Vec3(bias[0], bias[1], bias[2]).Length > 0.05, "fixture part should have a visible bias");
        AssertClose(bias, [solved.Bias.X, solved.Bias.Y, solved.Bias.Z], 0.01, "bias m/s²");
        AssertClose(matrix, Flat(solved.Matrix), 1e-3, "scale/cross-axis matrix");
    }

    [Theory]
    [MemberData(nameof(Imus))]
    public void Rate_table_file_solves_to_the_sidecar_gyroscope_calibration(string imu)
    {
        string path = Path.Combine(Dir("rate-table"), BenchFixtureFiles.FileStem(imu, "rate-table") + ".csv.gz");
        RecordingTable table = RecordingTable.Load(path);
        double[] rx = table.GetColumn("rate_true_x"), ry = table.GetColumn("rate_true_y"), rz = table.GetColumn("rate_true_z");
        double[] seg = table.GetColumn("segment");
        var steps = new Dictionary<int, RateTableStep>();
        for (int i = 0; i < table.RowCount; i++)
        {
            if (double.IsNaN(seg[i]) || steps.ContainsKey((int)seg[i])) continue;
            var rate = new Vec3(rx[i], ry[i], rz[i]);
            int axis = Math.Abs(rate.X) > 0 ? 0 : Math.Abs(rate.Y) > 0 ? 1 : 2;
            steps[(int)seg[i]] = new RateTableStep(axis, rate[axis], (int)seg[i]);
        }
        var capture = new RateTableCapture(steps.Values.OrderBy(s => s.Segment).ToList(), Samples(table), ImuErrorParameters.Ideal, 25, SensorCalibration.Identity);

        SensorCalibration solved = BenchCalibration.SolveGyroscope(capture);

        Assert.True(table.Metadata!.TryGetExpected("gyroscope_bias", out double[] bias));
        Assert.True(table.Metadata.TryGetExpected("gyroscope_matrix", out double[] matrix));
        AssertClose(bias, [solved.Bias.X, solved.Bias.Y, solved.Bias.Z], 2e-4, "bias rad/s");
        AssertClose(matrix, Flat(solved.Matrix), 1e-3, "scale/cross-axis matrix");
    }

    [Fact]
    public void Regenerating_a_fixture_gives_the_committed_content()
    {
        string committed = Path.Combine(Dir("six-position"), BenchFixtureFiles.FileStem("thigh", "six-position") + ".csv.gz");
        string temp = Path.Combine(Path.GetTempPath(), "sensors-fixture-" + Guid.NewGuid().ToString("N") + ".csv.gz");
        try
        {
            var (thigh, _) = BenchFixtureFiles.BandParts();
            BenchFixtureFiles.WriteSixPosition(temp, "thigh", BenchFixtures.SixPosition(thigh, FixtureSeeds.BenchNoise));
            Assert.Equal(ReadText(committed), ReadText(temp));
        }
        finally
        {
            File.Delete(temp);
            File.Delete(RecordingMetadata.SidecarPathFor(temp));
        }
    }

    private static List<BenchSample> Samples(RecordingTable t)
    {
        double[] time = t.GetColumn("t_s"), seg = t.GetColumn("segment"), temp = t.GetColumn("temp_degc");
        double[] ax = t.GetColumn("acc_x"), ay = t.GetColumn("acc_y"), az = t.GetColumn("acc_z");
        double[] gx = t.GetColumn("gyr_x"), gy = t.GetColumn("gyr_y"), gz = t.GetColumn("gyr_z");
        var list = new List<BenchSample>(t.RowCount);
        for (int i = 0; i < t.RowCount; i++)
        {
            list.Add(new BenchSample(time[i], new Vec3(ax[i], ay[i], az[i]), new Vec3(gx[i], gy[i], gz[i]), temp[i],
                Vec3.Zero, Vec3.Zero, double.IsNaN(seg[i]) ? -1 : (int)seg[i]));
        }
        return list;
    }

    private static double[] Flat(Mat3 m) => [m[0, 0], m[0, 1], m[0, 2], m[1, 0], m[1, 1], m[1, 2], m[2, 0], m[2, 1], m[2, 2]];

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}[{i}]: expected {expected[i]:G6}, solved {actual[i]:G6} (tolerance {tolerance:G3})");
        }
    }

    private static string ReadText(string gz)
    {
        using var stream = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
