using System;
using System.IO;
using System.IO.Compression;
using Sensors.Gateway.Evaluation;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Firmware.Tests.Evaluation;

/// <summary>The joint-angle core on the real two-IMU hinge recordings, scored against the encoder (datasets README §3).</summary>
public class HingeEvaluatorTests
{
    [Theory]
    [InlineData("roll_slow")]
    [InlineData("roll_fast")]
    [InlineData("pitch_slow")]
    [InlineData("yaw_medium")]
    public void Hinge_trial_is_within_3_degrees_and_counts_the_encoders_cycles(string trial)
    {
        string path = TestPaths.RequireDataset($"hinge/{trial}.csv.gz");
        HingeReport report = HingeEvaluator.Evaluate(path);
        Assert.True(report.Samples > 100_000, $"{report.Samples} scored rows");
        Assert.True(report.RmseDeg <= 3.0, $"{trial}: rmse {report.RmseDeg:F2}°");
        Assert.True(report.EncoderRepsDetected > 100);
        Assert.Equal(report.EncoderRepsDetected, report.RepsDetected);
    }

    [Fact]
    public void Missing_column_names_the_file_and_the_column()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hinge-bad-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            using (var w = new StreamWriter(gz))
            {
                w.Write("t_s,encoder_deg,imu1_acc_x,imu1_acc_y,imu1_acc_z,imu1_gyr_x,imu1_gyr_y,imu1_gyr_z,imu2_acc_x,imu2_acc_y,imu2_acc_z,imu2_gyr_x,imu2_gyr_y,phase\n");
                w.Write("0,0,0,0,9.8,0,0,0,0,0,9.8,0,0,data\n");
            }
            var ex = Assert.Throws<HingeFormatException>(() => HingeEvaluator.Evaluate(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("imu2_gyr_z", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new double[] { 0, 50, 100, 50, 0, 50, 100, 50, 0 }, 2)]
    [InlineData(new double[] { 0, 100, 80, 100, 0 }, 1)]
    [InlineData(new double[] { 0, 1, 0, 1, 100, 0 }, 1)]
    public void Cycle_counter_needs_a_rise_and_a_fall_over_30_percent_of_the_range(double[] trace, int expected)
    {
        Assert.Equal(expected, HingeCycleCounter.Count(trace));
    }
}
