using Sensors.Tests.Shared;
using System;
using System.IO;
using System.Text;
using Sensors.Recording;
using Xunit;

namespace Sensors.Gateway.Tests.Recording;

/// <summary>Every kind of bad input raises <see cref="RecordingFormatException"/> naming file, line and column.</summary>
public sealed class RecordingBadInputTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static RecordingFormatException ReadAll(string path, RecordingReaderOptions? options = null)
    {
        return Assert.Throws<RecordingFormatException>(() =>
        {
            using RecordingReader r = RecordingReader.Open(path, options);
            while (r.ReadRow())
            {
                for (int c = 0; c < r.Columns.Count; c++) _ = r.GetTextSpan(c);
            }
        });
    }

    private static void AssertWhere(RecordingFormatException e, string path, long line, string? column)
    {
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        if (line > 0) Assert.Contains($":{line}:", e.Message, StringComparison.Ordinal);
        if (column is not null) Assert.Contains($"'{column}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_column_names_file_and_column()
    {
        string path = _dir.Write("a.csv", "t_s,acc_x\n0,1\n");
        using RecordingReader r = RecordingReader.Open(path);
        Assert.Equal(-1, r.IndexOf("gyr_x"));
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => r.RequireColumn("gyr_x"));
        AssertWhere(e, path, 1, "gyr_x");
        RecordingFormatException t = Assert.Throws<RecordingFormatException>(() => RecordingTable.Load(path).GetColumn("gyr_x"));
        AssertWhere(t, path, 1, "gyr_x");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("1.0.0")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData(" ")]
    public void Non_numeric_field_names_line_and_column(string bad)
    {
        // "1,5" (decimal comma) shows up as an extra field, the others as a bad number
        string path = _dir.Write("n.csv", $"t_s,acc_x,acc_y\n0,1,2\n0.01,3,{bad}\n");
        RecordingFormatException e = ReadAll(path);
        AssertWhere(e, path, 3, "acc_y");
    }

    [Fact]
    public void Wrong_column_count_names_line_and_first_missing_or_last_column()
    {
        string fewer = _dir.Write("f.csv", "t_s,acc_x,acc_y\n0,1,2\n0.01,3\n");
        AssertWhere(ReadAll(fewer), fewer, 3, "acc_y");
        string more = _dir.Write("m.csv.gz", "t_s,acc_x,acc_y\n0,1,2\n0.01,3,4\n0.02,5,6,7\n");
        RecordingFormatException e = ReadAll(more);
        AssertWhere(e, more, 4, "acc_y");
        Assert.Contains("4 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decreasing_time_is_rejected_equal_time_is_allowed()
    {
        string path = _dir.Write("t.csv", "t_s,x\n0,1\n0.01,2\n0.01,2\n0.02,3\n0.015,4\n");
        int rows = 0;
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() =>
        {
            using RecordingReader r = RecordingReader.Open(path);
            while (r.ReadRow()) rows++;
        });
        Assert.Equal(4, rows); // the repeated t_s = 0.01 row is valid
        AssertWhere(e, path, 6, "t_s");
        Assert.Contains("line 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_time_value_is_rejected()
    {
        string path = _dir.Write("t.csv", "t_s,x\n0,1\n,2\n");
        AssertWhere(ReadAll(path), path, 3, "t_s");
    }

    [Theory]
    [InlineData("acc_x,t_s\n1,0\n")]
    [InlineData("time,acc_x\n0,1\n")]
    [InlineData("t_ms,acc_x\n0,1\n")]
    public void Time_must_be_the_first_column(string text)
    {
        string path = _dir.Write("h.csv", text);
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path));
        AssertWhere(e, path, 1, "t_s");
    }

    [Theory]
    [InlineData("e.csv")]
    [InlineData("e.csv.gz")]
    public void Empty_file_has_no_header(string name)
    {
        string path = _dir.Write(name, "");
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
        Assert.True(e.Line == 1, e.Message);
    }

    [Fact]
    public void Zero_byte_gz_file_and_non_gzip_gz_file_are_rejected()
    {
        string zero = _dir.File("z.csv.gz");
        File.WriteAllBytes(zero, []);
        Assert.Equal(zero, Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(zero)).FilePath);
        string plain = _dir.File("p.csv.gz");
        File.WriteAllText(plain, "t_s\n0\n");
        Assert.Contains("not gzip", Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(plain)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_only_file_has_zero_rows()
    {
        string path = _dir.Write("h.csv.gz", "t_s,acc_x\n");
        Assert.Equal(0, RecordingTable.Load(path).RowCount);
    }

    [Theory]
    [InlineData("t_s,acc_x,acc_x\n", "acc_x")]
    [InlineData("t_s,,acc_x\n", "#2")]
    [InlineData("t_s,\"acc_x\"\n", "\"acc_x\"")]
    [InlineData("t_s, acc_x\n", " acc_x")]
    public void Bad_or_duplicate_column_names_are_rejected(string header, string column)
    {
        string path = _dir.Write("d.csv", header + "0,1,2\n");
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path));
        AssertWhere(e, path, 1, column);
    }

    [Fact]
    public void Malformed_sidecar_names_the_sidecar_and_line()
    {
        string csv = _dir.Write("s.csv.gz", "t_s,x\n0,1\n");
        string json = _dir.Write("s.json", "{\n  \"sampling_rate_hz\": 100,\n  \"device_ids\": { \"band\": \"B1\" \n}\n");
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(csv));
        Assert.Equal(json, e.FilePath);
        Assert.True(e.Line >= 3, $"line {e.Line}");
        Assert.Contains("malformed sidecar JSON", e.Message, StringComparison.Ordinal);

        _dir.Write("s.json", "{ \"sampling_rate_hz\": \"fast\" }");
        RecordingFormatException typed = Assert.Throws<RecordingFormatException>(() => RecordingTable.Load(csv));
        Assert.Equal(json, typed.FilePath);
        Assert.Equal("$.sampling_rate_hz", typed.Column);
    }

    [Theory]
    [InlineData("t_s,gyr_x_dps", "gyr_x_dps", "rad/s")]
    [InlineData("t_s,imu1_gyr_x_deg_s", "imu1_gyr_x_deg_s", "rad/s")]
    [InlineData("t_s,acc_x_g", "acc_x_g", "m/s²")]
    [InlineData("t_s,acc_x_mg", "acc_x_mg", "m/s²")]
    [InlineData("t_s,delay_ms", "delay_ms", "delay_s")]
    [InlineData("t_s,gyr_z_deg", "gyr_z_deg", "rad/s")]
    [InlineData("t_s,mag_x_gauss", "mag_x_gauss", "µT")]
    public void Non_si_column_names_are_rejected_with_the_expected_si_column(string header, string column, string expected)
    {
        string path = _dir.Write("u.csv", header + "\n");
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path));
        AssertWhere(e, path, 1, column);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sidecar_units_are_checked_and_degrees_only_on_deg_reference_columns()
    {
        string csv = _dir.Write("u.csv", "t_s,gyr_x,encoder_deg\n0,1,2\n");
        _dir.Write("u.json", "{ \"units\": { \"t_s\": \"s\", \"gyr_x\": \"deg/s\", \"encoder_deg\": \"deg\" } }");
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(csv));
        AssertWhere(e, csv, 1, "gyr_x");
        Assert.Contains("rad/s", e.Message, StringComparison.Ordinal);

        _dir.Write("u.json", "{ \"units\": { \"t_s\": \"s\", \"gyr_x\": \"rad/s\", \"encoder_deg\": \"deg\" } }");
        Assert.Equal(1, RecordingTable.Load(csv).RowCount);

        _dir.Write("u.json", "{ \"units\": { \"gyr_x\": \"deg\" } }");
        AssertWhere(Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(csv)), csv, 1, "gyr_x");
        _dir.Write("u.json", "{ \"units\": { \"t_s\": \"ms\" } }");
        AssertWhere(Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(csv)), csv, 1, "t_s");
    }

    [Fact]
    public void Rows_before_an_error_stay_valid_and_the_error_repeats()
    {
        string path = _dir.Write("r.csv", "t_s,x\n0,10\n0.01,11\n0.02,12\n0.03,oops\n0.04,14\n");
        using RecordingReader r = RecordingReader.Open(path);
        double sum = 0;
        for (int i = 0; i < 3; i++)
        {
            Assert.True(r.ReadRow());
            sum += r.GetDouble(1);
        }

        Assert.Equal(33, sum);
        RecordingFormatException first = Assert.Throws<RecordingFormatException>(() => r.ReadRow());
        AssertWhere(first, path, 5, "x");
        Assert.Equal(4, r.LineNumber); // the last good row is still the current row
        Assert.Equal(12, r.GetDouble(1));
        Assert.Same(first, Assert.Throws<RecordingFormatException>(() => r.ReadRow()));

        RecordingTable partial = RecordingTable.LoadPartial(path, null, out RecordingFormatException? error);
        Assert.Equal([10.0, 11.0, 12.0], partial.GetColumn("x"));
        Assert.NotNull(error);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Missing_value_read_as_required_names_line_and_column()
    {
        string path = _dir.Write("m.csv", "t_s,q_w\n0,\n");
        using RecordingReader r = RecordingReader.Open(path);
        Assert.True(r.ReadRow());
        Assert.False(r.TryGetDouble(1, out _));
        Assert.True(r.IsMissing(1));
        AssertWhere(Assert.Throws<RecordingFormatException>(() => r.GetDouble(1)), path, 2, "q_w");
    }

    private string WriteGzipRows(string name, int rows)
    {
        var sb = new StringBuilder("t_s,x\n");
        for (int i = 0; i < rows; i++) sb.Append(i).Append(".5,").Append(i * 3).Append('\n');
        return _dir.Write(name, sb.ToString());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Truncated_gzip_gives_the_complete_rows_then_names_the_last_line(double keepFraction)
    {
        string path = WriteGzipRows("cut.csv.gz", 20000);
        byte[] all = File.ReadAllBytes(path);
        File.WriteAllBytes(path, all.AsSpan(0, (int)(all.Length * keepFraction)).ToArray());
        using RecordingReader r = RecordingReader.Open(path);
        int rows = 0;
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() =>
        {
            while (r.ReadRow())
            {
                Assert.Equal(rows * 3, r.GetDouble(1)); // every row given is complete and right
                rows++;
            }
        });
        Assert.InRange(rows, 1000, 19999);
        Assert.Equal(rows + 1, e.Line); // the last complete line read (header = line 1)
        Assert.Equal(path, e.FilePath);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void Gzip_without_its_trailer_is_truncated_too()
    {
        string path = WriteGzipRows("trailer.csv.gz", 100);
        byte[] all = File.ReadAllBytes(path);
        File.WriteAllBytes(path, all.AsSpan(0, all.Length - 4).ToArray());
        RecordingTable t = RecordingTable.LoadPartial(path, null, out RecordingFormatException? error);
        Assert.NotNull(error);
        Assert.Equal(100, t.RowCount); // every line is complete; only the integrity check failed
        Assert.Equal(101, error.Line);
    }

    [Fact]
    public void Empty_line_inside_data_is_rejected_trailing_empty_lines_crlf_and_bom_are_fine()
    {
        string inner = _dir.Write("e.csv", "t_s,x\n0,1\n\n0.1,2\n");
        AssertWhere(ReadAll(inner), inner, 3, null);

        string tolerant = _dir.File("ok.csv");
        File.WriteAllBytes(tolerant, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("t_s,x\r\n0,1\r\n0.1,2\r\n\r\n\n")]);
        RecordingTable t = RecordingTable.Load(tolerant);
        Assert.Equal(["t_s", "x"], t.Columns);
        Assert.Equal([1.0, 2.0], t.GetColumn("x"));
    }

    [Fact]
    public void Invalid_utf8_is_a_format_error()
    {
        string path = _dir.File("bad.csv");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("t_s,phase\n0,data\n0.1,"), 0xC3, 0x28, (byte)'\n']);
        RecordingFormatException e = ReadAll(path);
        Assert.Equal(path, e.FilePath);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_format_error()
    {
        string path = _dir.File("nope.csv.gz");
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(0, e.Line);
    }
}
