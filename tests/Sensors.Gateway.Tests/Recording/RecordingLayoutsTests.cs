using System;
using System.Linq;
using Sensors.Recording;
using Xunit;

namespace Sensors.Gateway.Tests.Recording;

public sealed class RecordingLayoutsTests
{
    [Fact]
    public void Layout_columns_match_the_datasets_readme()
    {
        Assert.Equal(15, RecordingLayouts.BroadColumns.Count);
        Assert.Equal(23, RecordingLayouts.HingeColumns.Count);
        Assert.Equal("t_s", RecordingLayouts.HingeColumns[0]);
        Assert.Equal("encoder_deg", RecordingLayouts.HingeColumns[1]);
        Assert.Equal("imu1_acc_x", RecordingLayouts.HingeColumns[2]);
        Assert.Equal("imu2_gyr_z", RecordingLayouts.HingeColumns[13]);
        Assert.Equal("imu2_q_z", RecordingLayouts.HingeColumns[21]);
        Assert.Equal("phase", RecordingLayouts.HingeColumns[22]);
        Assert.Equal(["imu2_acc_x", "imu2_acc_y", "imu2_acc_z", "imu2_gyr_x", "imu2_gyr_y", "imu2_gyr_z"], RecordingLayouts.ImuColumns(2));
    }

    [Fact]
    public void Detect_recognises_the_layouts_and_session_recordings_with_extra_columns()
    {
        Assert.Equal(RecordingLayout.Broad, RecordingLayouts.Detect(RecordingLayouts.BroadColumns));
        Assert.Equal(RecordingLayout.Hinge, RecordingLayouts.Detect(RecordingLayouts.HingeColumns));
        string[] session = ["t_s", .. RecordingLayouts.TwoImuColumns, "flexion_rad", "rep"];
        Assert.Equal(RecordingLayout.Hinge, RecordingLayouts.Detect(session));
        Assert.Equal(RecordingLayout.Unknown, RecordingLayouts.Detect(["t_s", "imu1_acc_x"]));
        Assert.Equal(RecordingLayout.Unknown, RecordingLayouts.Detect([.. RecordingLayouts.HingeColumns.Skip(1)]));
        Assert.Equal(RecordingLayout.Unknown, RecordingLayouts.Detect([]));
    }

    [Theory]
    [InlineData("encoder_deg", null, true)]
    [InlineData("published_rmse_mw_deg", null, true)]
    [InlineData("imu1_gyr_x", "rad/s", true)]
    [InlineData("mag_x", "uT", true)]
    [InlineData("knee_flexion_rad", null, true)]
    [InlineData("gyr_x_dps", null, false)]
    [InlineData("gyr_x_deg", null, false)]
    [InlineData("acc_z_g", null, false)]
    [InlineData("stride_cm", null, false)]
    [InlineData("hold_ms", null, false)]
    [InlineData("gyr_x", "°/s", false)]
    [InlineData("knee", "deg", false)]
    [InlineData("acc_x", "g", false)]
    public void Unit_rule(string column, string? unit, bool ok)
    {
        string? problem = RecordingUnits.Check(column, unit);
        Assert.True(ok == (problem is null), problem ?? "accepted");
    }

    [Fact]
    public void Sidecar_round_trips_free_form_fields_and_skips_empty_ones()
    {
        var m = new RecordingMetadata { SamplingRateHz = 100 };
        m.SetExtra("citizen", "p-7f3a");
        string json = m.ToJson();
        Assert.Contains("\"sampling_rate_hz\": 100", json, StringComparison.Ordinal);
        Assert.DoesNotContain("device_ids", json, StringComparison.Ordinal);
        RecordingMetadata back = RecordingMetadata.Parse(json, "x.json");
        Assert.True(back.TryGetExtra("citizen", out string citizen));
        Assert.Equal("p-7f3a", citizen);
        Assert.Equal(json, back.ToJson());
        Assert.Equal("/a/b/rec.json", RecordingMetadata.SidecarPathFor("/a/b/rec.csv.gz"));
        Assert.Equal("rec.json", RecordingMetadata.SidecarPathFor("rec.csv"));
    }
}

public sealed class NumberParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.392266")]
    [InlineData("-9.80665")]
    [InlineData("1349.995")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("123456789012345678")]
    [InlineData("9007199254740993")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("1e-7")]
    [InlineData("-1.5E+3")]
    [InlineData("+2")]
    public void Parses_exactly_like_double_parse(string text)
    {
        Assert.True(NumberParser.TryParse(text, out double v));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(v));
    }

    [Fact]
    public void Random_decimals_parse_bit_identical_to_double_parse()
    {
        var random = new Random(20240601);
        int checkedCount = 0;
        for (int i = 0; i < 200_000; i++)
        {
            int intDigits = random.Next(0, 10);
            int fracDigits = random.Next(0, 12);
            var sb = new System.Text.StringBuilder();
            if (random.Next(2) == 0) sb.Append('-');
            for (int d = 0; d < intDigits; d++) sb.Append((char)('0' + random.Next(10)));
            if (fracDigits > 0 || intDigits == 0)
            {
                sb.Append('.');
                for (int d = 0; d < Math.Max(1, fracDigits); d++) sb.Append((char)('0' + random.Next(10)));
            }

            string text = sb.ToString();
            Assert.True(NumberParser.TryParse(text, out double v), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(v));
            checkedCount++;
        }

        Assert.Equal(200_000, checkedCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    [InlineData("0x10")]
    public void Rejects_non_numbers_and_non_finite(string text) => Assert.False(NumberParser.TryParse(text, out _));
}

public sealed class NumberFormatterTests
{
    private static string Format(double v)
    {
        Span<char> buffer = stackalloc char[40];
        return buffer[..NumberFormatter.Format(v, buffer)].ToString();
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(0.005, "0.005")]
    [InlineData(-9.80665, "-9.80665")]
    [InlineData(1349.995, "1349.995")]
    [InlineData(1e-7, "0.0000001")]
    [InlineData(1e-12, "1E-12")]
    [InlineData(123456.0, "123456")]
    public void Formats_plain_decimals_or_the_round_trip_form(double value, string expected) => Assert.Equal(expected, Format(value));

    [Fact]
    public void Random_values_read_back_identical_and_quantised_values_match_the_shortest_form()
    {
        var random = new Random(7);
        for (int i = 0; i < 200_000; i++)
        {
            double full = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9));
            string text = Format(full);
            Assert.Equal(BitConverter.DoubleToInt64Bits(full), BitConverter.DoubleToInt64Bits(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)));

            double quantised = Math.Round((random.NextDouble() - 0.5) * 2000, random.Next(0, 8));
            Assert.Equal(quantised.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Format(quantised));
        }
    }
}
