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
