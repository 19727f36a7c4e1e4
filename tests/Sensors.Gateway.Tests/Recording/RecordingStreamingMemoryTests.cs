using Sensors.Tests.Shared;
using System;
using System.IO.Compression;
using Sensors.Recording;
using Xunit;

namespace Sensors.Gateway.Tests.Recording;

/// <summary>Runs alone (no parallel tests), so heap measurements see only this test's allocations.</summary>
[CollectionDefinition(nameof(RecordingMemoryAlone), DisableParallelization = true)]
public sealed class RecordingMemoryAlone;

/// <summary>
/// A 60-minute two-IMU session at 200 Hz (720,000 rows, hinge layout) streams with bounded memory, and the
/// whole-file table of the same file holds identical values.
/// </summary>
[Collection(nameof(RecordingMemoryAlone))]
public sealed class RecordingStreamingMemoryTests
{
    private const int Rows = 60 * 60 * 200;
    private const int PhaseIndex = 22;

    /// <summary>The value written at (row, column): hinge-like quantised signals, exactly reproducible.</summary>
    private static double Expected(int row, int column)
    {
        if (column == 0) return row / 200.0;
        double phase = (row * 0.013) + column;
        return column switch
        {
            1 => Math.Round(90 + (85 * Math.Sin(row * 0.004)), 2),          // encoder_deg
            <= 13 => Math.Round(Math.Sin(phase) * (column % 6 < 3 ? 9.81 : 3.0), 4), // acc m/s², gyr rad/s
            _ => Math.Round(Math.Cos(phase), 2),                              // DMP quaternion components
        };
    }

    private static string Phase(int row) => row < 510 ? "none" : "data";

    [Fact]
    public void Hour_long_two_imu_recording_streams_in_bounded_memory_and_table_matches()
    {
        using var dir = new TempFolder();
        string path = dir.File("session_60min.csv.gz");
        Write(path);

        // --- stream it, measuring allocations and heap growth ---
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long heapPeak = heapBefore;
        long rows = 0, mismatches = 0, noneRows = 0;
        using (RecordingReader r = RecordingReader.Open(path))
        {
            Assert.Equal(RecordingLayout.Hinge, r.Layout);
            while (r.ReadRow())
            {
                int row = (int)rows;
                for (int c = 0; c < PhaseIndex; c++)
                {
                    if (!r.TryGetDouble(c, out double v) || v != Expected(row, c)) mismatches++;
                }

                if (r.GetText(PhaseIndex) == "none") noneRows++;
                rows++;
                if (rows % 50_000 == 0) heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long heapGrowth = heapPeak - heapBefore;

        Assert.Equal(Rows, rows);
        Assert.Equal(0, mismatches);
        Assert.Equal(510, noneRows);
        // fixed buffers only (decode buffers, gzip window, one row): no per-row allocation
        Assert.True(allocated < 2_000_000, $"allocated {allocated} bytes while streaming ({(double)allocated / Rows:F3} bytes/row)");
        Assert.True((double)allocated / Rows < 3, $"{(double)allocated / Rows:F3} bytes/row");
        Assert.True(heapGrowth < 4_000_000, $"managed heap grew by {heapGrowth} bytes while streaming");

        // --- the whole-file table of the same file has the identical values ---
        RecordingTable table = RecordingTable.Load(path);
        Assert.Equal(Rows, table.RowCount);
        for (int c = 0; c < PhaseIndex; c++)
        {
            ReadOnlySpan<double> column = table.GetColumnSpan(RecordingLayouts.HingeColumns[c]);
            for (int row = 0; row < Rows; row++)
            {
                if (column[row] != Expected(row, c)) mismatches++;
            }
        }

        string[] phase = table.GetTextColumn("phase");
        Assert.Equal(0, mismatches);
        Assert.Equal("none", phase[509]);
        Assert.Equal("data", phase[510]);
        Assert.Same(phase[600], phase[Rows - 1]); // repeated text values share one string
    }

    private static void Write(string path)
    {
        var meta = new RecordingMetadata { SamplingRateHz = 200, Synthetic = true, Source = "RecordingStreamingMemoryTests" };
        meta.Placement["imu1"] = "thigh";
        meta.Placement["imu2"] = "shank";
        using RecordingWriter w = RecordingWriter.Create(path, RecordingLayouts.HingeColumns, meta,
            new RecordingWriterOptions { Compression = CompressionLevel.Fastest });
        double[] values = new double[RecordingLayouts.HingeColumns.Count];
        string[] texts = new string[1];
        for (int row = 0; row < Rows; row++)
        {
            for (int c = 0; c < PhaseIndex; c++) values[c] = Expected(row, c);
            texts[0] = Phase(row);
            w.WriteRow(values, texts);
        }

        w.Complete();
    }
}
