using System;
using System.Collections.Generic;
using Sensors.Recording;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Tests.Recording;

/// <summary>Every shared dataset file loads unchanged with the documented columns and the manifest's row counts.</summary>
public sealed class RecordingDatasetTests
{
    // The names are listed here so the theories have rows even without the data; the manifest test below asserts
    // that they are exactly the trials in each trials.csv.
    public static TheoryData<string> BroadTrials() => new(BroadNames);

    public static TheoryData<string> HingeTrials() => new(HingeNames);

    private static readonly string[] BroadNames =
    [
        "01_undisturbed_slow_rotation_A", "02_undisturbed_slow_rotation_B", "04_undisturbed_slow_rotation_with_breaks_A",
        "06_undisturbed_fast_rotation_A", "08_undisturbed_fast_rotation_with_breaks_A", "10_undisturbed_slow_translation_A",
        "14_undisturbed_slow_translation_with_breaks_B", "15_undisturbed_fast_translation_A", "21_undisturbed_fast_combined",
        "24_disturbed_tapping_A", "26_disturbed_phone_vibration_A", "28_disturbed_stationary_magnet_A", "32_disturbed_attached_magnet_1cm",
    ];

    /// <summary>"no-GT samples in movement" per BROAD trial, from the datasets README table.</summary>
    private static readonly Dictionary<string, int> BroadNoGroundTruthInMovement = new()
    {
        ["01_undisturbed_slow_rotation_A"] = 152, ["02_undisturbed_slow_rotation_B"] = 0, ["04_undisturbed_slow_rotation_with_breaks_A"] = 213,
        ["06_undisturbed_fast_rotation_A"] = 137, ["08_undisturbed_fast_rotation_with_breaks_A"] = 254, ["10_undisturbed_slow_translation_A"] = 42,
        ["14_undisturbed_slow_translation_with_breaks_B"] = 0, ["15_undisturbed_fast_translation_A"] = 86, ["21_undisturbed_fast_combined"] = 207,
        ["24_disturbed_tapping_A"] = 0, ["26_disturbed_phone_vibration_A"] = 0, ["28_disturbed_stationary_magnet_A"] = 363,
        ["32_disturbed_attached_magnet_1cm"] = 0,
    };

    private static readonly string[] HingeNames = ["roll_slow", "roll_fast", "pitch_slow", "yaw_medium"];

    /// <summary>`none` rows per hinge trial, from the datasets README table.</summary>
    private static readonly Dictionary<string, int> HingeNoneRows = new()
    {
        ["roll_slow"] = 2, ["roll_fast"] = 2, ["pitch_slow"] = 510, ["yaw_medium"] = 510,
    };

    private static double ManifestValue(string manifest, string nameColumn, string textColumns, string name, string column)
    {
        RecordingTable t = RecordingTable.Load(TestPaths.RequireDataset(manifest), RecordingReaderOptions.Manifest(textColumns.Split(',')));
        return t.GetColumn(column)[Array.IndexOf(t.GetTextColumn(nameColumn), name)];
    }

    private static Dictionary<string, long> ManifestSamples(string manifest, string nameColumn, string textColumns)
    {
        string path = TestPaths.RequireDataset(manifest);
        var result = new Dictionary<string, long>();
        using RecordingReader r = RecordingReader.Open(path, RecordingReaderOptions.Manifest(textColumns.Split(',')));
        int name = r.RequireColumn(nameColumn);
        int samples = r.RequireColumn("samples");
        while (r.ReadRow()) result[r.GetText(name)] = (long)r.GetDouble(samples);
        return result;
    }

    [Fact]
    public void Manifests_load_with_the_reader_and_list_the_trials()
    {
        Dictionary<string, long> broad = ManifestSamples("broad/trials.csv", "trial", "trial,category");
        Dictionary<string, long> hinge = ManifestSamples("hinge/trials.csv", "name", "name,axis,speed");
        Assert.Equal(BroadNames, broad.Keys);
        Assert.Equal(HingeNames, hinge.Keys);
        Assert.Equal(149916, hinge["roll_slow"]);
        Assert.Equal(56940, broad["01_undisturbed_slow_rotation_A"]);

        // yaw has no accelerometer-inclination result: the empty field reads as missing
        RecordingTable t = RecordingTable.Load(TestPaths.RequireDataset("hinge/trials.csv"), RecordingReaderOptions.Manifest("name", "axis", "speed"));
        double[] ac = t.GetColumn("published_rmse_ac_deg");
        Assert.True(double.IsNaN(ac[Array.IndexOf(t.GetTextColumn("name"), "yaw_medium")]));
        Assert.Equal(1.687, ac[0]);
        // the default options insist on t_s first
        RecordingFormatException e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(TestPaths.RequireDataset("hinge/trials.csv")));
        Assert.Equal("t_s", e.Column);
    }

    [Theory]
    [MemberData(nameof(BroadTrials))]
    public void Broad_trial_streams_with_documented_columns_and_manifest_row_count(string trial)
    {
        long expectedRows = ManifestSamples("broad/trials.csv", "trial", "trial,category")[trial];
        using RecordingReader r = RecordingReader.Open(TestPaths.RequireDataset($"broad/{trial}.csv.gz"));
        Assert.Equal(RecordingLayouts.BroadColumns, r.Columns);
        Assert.Equal(RecordingLayout.Broad, r.Layout);
        int qw = r.RequireColumn("q_w");
        int movement = r.RequireColumn("movement");
        int accZ = r.RequireColumn("acc_z");
        long rows = 0, moving = 0, noGroundTruthMoving = 0, segments = 0;
        double previousMovement = 0;
        while (r.ReadRow())
        {
            double m = r.GetDouble(movement);
            Assert.True(m is 0 or 1);
            if (m == 1)
            {
                moving++;
                if (!r.TryGetDouble(qw, out _)) noGroundTruthMoving++;
                if (previousMovement == 0) segments++;
            }

            previousMovement = m;
            if (rows == 0) Assert.InRange(r.GetDouble(accZ), 9.0, 10.5); // lying still, m/s² (not g)
            rows++;
        }

        Assert.Equal(expectedRows, rows);
        Assert.Equal(expectedRows, r.RowsRead);
        Assert.Equal(expectedRows + 1, r.LineNumber);
        Assert.Equal((expectedRows - 1) * 0.0035, r.GetDouble(0), 1e-6);           // t_s = index / (2000/7 Hz)
        Assert.Equal(BroadNoGroundTruthInMovement[trial], noGroundTruthMoving);   // README: no-GT samples in movement
        Assert.Equal(trial.Contains("with_breaks", StringComparison.Ordinal) ? 4 : 1, segments);
        double manifestMovementS = ManifestValue("broad/trials.csv", "trial", "trial,category", trial, "movement_seconds");
        Assert.Equal(manifestMovementS, moving * 0.0035, 0.01);
    }

    [Theory]
    [MemberData(nameof(HingeTrials))]
    public void Hinge_trial_streams_with_documented_columns_phase_and_repeats(string name)
    {
        long expectedRows = ManifestSamples("hinge/trials.csv", "name", "name,axis,speed")[name];
        using RecordingReader r = RecordingReader.Open(TestPaths.RequireDataset($"hinge/{name}.csv.gz"));
        Assert.Equal(RecordingLayouts.HingeColumns, r.Columns);
        Assert.Equal(RecordingLayout.Hinge, r.Layout);
        int phase = r.RequireColumn("phase");
        Assert.True(r.IsTextColumn(phase));
        long rows = 0, none = 0, repeatedTimes = 0;
        bool seenData = false;
        double previousT = double.NegativeInfinity;
        while (r.ReadRow())
        {
            for (int c = 0; c < phase; c++) Assert.True(r.TryGetDouble(c, out _)); // the source has no missing values
            string p = r.GetText(phase);
            if (p == "none")
            {
                Assert.False(seenData); // none rows come first
                none++;
            }
            else
            {
                Assert.Equal("data", p);
                seenData = true;
            }

            double t = r.GetDouble(0);
            if (t == previousT) repeatedTimes++;
            previousT = t;
            rows++;
        }

        Assert.Equal(expectedRows, rows);
        Assert.Equal(HingeNoneRows[name], none);
        Assert.True(repeatedTimes > 0); // every hinge trial repeats at least one row: equal t_s must load
    }

    [Fact]
    public void Broad_trial_with_missing_ground_truth_has_empty_q_w_in_its_first_rows()
    {
        // 02 starts with the optical system not tracking (long gaps sit in the rest phase at the start, datasets README).
        string path = TestPaths.RequireDataset("broad/02_undisturbed_slow_rotation_B.csv.gz");
        RecordingTable table = RecordingTable.Load(path);
        double[] qw = table.GetColumn("q_w");
        int emptyInFirstRows = 0;
        for (int i = 0; i < 1000; i++)
        {
            if (double.IsNaN(qw[i])) emptyInFirstRows++;
        }

        Assert.True(emptyInFirstRows >= 1, "expected at least one empty q_w in the first 1000 rows");
        Assert.Equal(53240, table.RowCount);
        Assert.DoesNotContain(table.GetColumn("acc_x"), double.IsNaN); // only ground truth is ever missing
        Assert.Contains(table.GetColumn("q_w"), v => !double.IsNaN(v));
    }
}
