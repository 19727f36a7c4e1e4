using Sensors.Tests.Shared;
using System;
using System.IO;
using Sensors.Recording;
using Xunit;

namespace Sensors.Gateway.Tests.Recording;

public sealed class RecordingRoundTripTests
{
    private static readonly string[] Columns = ["t_s", "acc_x", "gyr_z", "encoder_deg", "phase"];

    private static double Value(int row, int column) => column switch
    {
        0 => row * 0.005,
        1 => Math.Sin(row * 0.1) * 9.80665 / 3.0,          // full double precision, needs 17 digits
        2 => row % 7 == 3 ? double.NaN : -1e-7 * (row + 1), // missing fields and exponent form
        3 => row * 1.1e5,
        _ => double.NaN,
    };

    private static string Phase(int row) => row < 3 ? "none" : row == 10 ? "" : "data";

    [Theory]
    [InlineData("session.csv")]
    [InlineData("session.csv.gz")]
    public void Write_then_read_gives_identical_values_text_and_sidecar(string name)
    {
        using var dir = new TempFolder();
        string path = dir.File(name);
        var meta = new RecordingMetadata { SamplingRateHz = 200, FirmwareVersion = "1.2.3", Synthetic = true, Source = "simulator seed 7", Licence = "CC0" };
        meta.DeviceIds["band"] = "B-0042";
        meta.Placement["imu1"] = "thigh";
        meta.SetExpected("reps", 12);
        meta.SetExpected("bias_rad_per_s", [0.01, -0.02, 0.003]);
        meta.SetExtra("exercise", "seated_knee_extension");
        const int rows = 500;

        using (RecordingWriter w = RecordingWriter.Create(path, Columns, meta))
        {
            Assert.Equal([4], w.TextColumnIndexes);
            double[] values = new double[Columns.Length];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < values.Length; c++) values[c] = Value(r, c);
                w.WriteRow(values, [Phase(r)]);
            }

            Assert.False(File.Exists(path)); // atomic: only the temporary file exists until completion
            w.Complete();
        }

        Assert.True(File.Exists(path));
        using (RecordingReader reader = RecordingReader.Open(path))
        {
            Assert.Equal(Columns, reader.Columns);
            Assert.True(reader.IsTextColumn(4));
            int r = 0;
            while (reader.ReadRow())
            {
                Assert.Equal(r + 2, reader.LineNumber);
                for (int c = 0; c < 4; c++)
                {
                    double expected = Value(r, c);
                    Assert.Equal(!double.IsNaN(expected), reader.TryGetDouble(c, out double actual));
                    if (!double.IsNaN(expected)) Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
                }

                Assert.Equal(Phase(r), reader.GetText(4));
                r++;
            }

            Assert.Equal(rows, r);
            RecordingMetadata m = Assert.IsType<RecordingMetadata>(reader.Metadata);
            Assert.Equal(200, m.SamplingRateHz);
            Assert.Equal("1.2.3", m.FirmwareVersion);
            Assert.True(m.Synthetic);
            Assert.Equal("B-0042", m.DeviceIds["band"]);
            Assert.Equal("thigh", m.Placement["imu1"]);
            Assert.True(m.TryGetExpected("reps", out double reps));
            Assert.Equal(12, reps);
            Assert.True(m.TryGetExpected("bias_rad_per_s", out double[] bias));
            Assert.Equal([0.01, -0.02, 0.003], bias);
            Assert.True(m.TryGetExtra("exercise", out string exercise));
            Assert.Equal("seated_knee_extension", exercise);
        }

        RecordingTable table = RecordingTable.Load(path);
        Assert.Equal(rows, table.RowCount);
        double[] gyr = table.GetColumn("gyr_z");
        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(double.IsNaN(Value(r, 2)), double.IsNaN(gyr[r]));
        }

        Assert.Equal(Phase(10), table.GetTextColumn("phase")[10]);
        Assert.Equal("none", table.GetTextColumn("phase")[0]);
    }

    [Fact]
    public void Missing_values_are_empty_fields_in_the_file()
    {
        using var dir = new TempFolder();
        string path = dir.File("m.csv");
        using (RecordingWriter w = RecordingWriter.Create(path, ["t_s", "q_w", "movement"]))
        {
            w.WriteRow([0, double.NaN, 0]);
            w.WriteRow([0.0035, 0.5, 1]);
        }

        Assert.Equal("t_s,q_w,movement\n0,,0\n0.0035,0.5,1\n", File.ReadAllText(path));
    }

    [Fact]
    public void Write_fields_with_mixed_types_and_sidecar_text_columns()
    {
        using var dir = new TempFolder();
        string path = dir.File("mixed.csv.gz");
        var meta = new RecordingMetadata();
        meta.TextColumns.Add("exercise");
        using (RecordingWriter w = RecordingWriter.Create(path, ["t_s", "exercise", "rep", "flexion_rad"], meta))
        {
            w.WriteFields(0.0, "heel_slide", 1, 0.5f);
            w.WriteFields(0.01, null, 2L, null);
        }

        RecordingTable t = RecordingTable.Load(path);
        Assert.Equal(["heel_slide", ""], t.GetTextColumn("exercise"));
        Assert.Equal([1.0, 2.0], t.GetColumn("rep"));
        Assert.Equal(0.5, t.GetColumn("flexion_rad")[0]);
        Assert.True(double.IsNaN(t.GetColumn("flexion_rad")[1]));
    }

    [Fact]
    public void Abort_leaves_no_file_and_dispose_completes()
    {
        using var dir = new TempFolder();
        string aborted = dir.File("a.csv");
        using (RecordingWriter w = RecordingWriter.Create(aborted, ["t_s"]))
        {
            w.WriteRow([0.0]);
            w.Abort();
        }

        Assert.False(File.Exists(aborted));
        Assert.Empty(Directory.GetFiles(dir.Path));

        string disposed = dir.File("d.csv");
        using (RecordingWriter w = RecordingWriter.Create(disposed, ["t_s"]))
        {
            w.WriteRow([0.0]);
        }

        Assert.Equal("t_s\n0\n", File.ReadAllText(disposed));
    }

    [Fact]
    public void Writer_rejects_bad_rows_without_writing_them()
    {
        using var dir = new TempFolder();
        string path = dir.File("w.csv");
        using (RecordingWriter w = RecordingWriter.Create(path, ["t_s", "x", "phase"]))
        {
            w.WriteRow([1.0, 2.0, double.NaN], ["data"]);
            Assert.Throws<ArgumentException>(() => w.WriteRow([0.5, 2.0, double.NaN], ["data"]));       // time backwards
            Assert.Throws<ArgumentException>(() => w.WriteRow([2.0, double.PositiveInfinity, 0], ["data"]));
            Assert.Throws<ArgumentException>(() => w.WriteRow([2.0, 1.0, 0], ["a,b"]));
            Assert.Throws<InvalidOperationException>(() => w.WriteRow([2.0, 1.0, 0]));
            w.WriteRow([1.0, 3.0, double.NaN], ["data"]); // equal time is allowed
        }

        Assert.Equal("t_s,x,phase\n1,2,data\n1,3,data\n", File.ReadAllText(path));
        Assert.Throws<ArgumentException>(() => RecordingWriter.Create(dir.File("x.csv"), ["x", "t_s"]));
        Assert.Throws<ArgumentException>(() => RecordingWriter.Create(dir.File("y.csv"), ["t_s", "gyr_x_dps"]));
        Assert.Throws<ArgumentException>(() => RecordingWriter.Create(dir.File("z.csv"), ["t_s", "a", "a"]));
        Assert.Throws<ArgumentException>(() => RecordingWriter.Create(dir.File("z.txt"), ["t_s"]));
    }
}
