using System;
using System.Diagnostics;
using System.Text.Json;
using Sensors.Band.Calibration;
using Sensors.Band.Joint;
using Sensors.Gateway.Calibration;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Intake.Tests.Cli;

/// <summary><c>session</c>, <c>replay</c> and <c>calibration</c> run as real processes, checked against the simulator and the store.</summary>
public class LiveCliTests
{
    private static (int ExitCode, string Out, string Err) Run(params string[] args) => CliProcess.Run(args);

    [Fact]
    public void Virtual_session_reports_link_loss_drift_and_reps_matching_the_simulation()
    {
        using var folder = new TempFolder();
        string capture = folder.File("frames.csv.gz");
        var (code, stdout, stderr) = Run("session", "--exercise", "heel_slide", "--level", "easy", "--seed", "7", "--loss", "0.02",
            "--clock-ppm", "-30", "--capture", capture, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement r = json.RootElement;
        long lost = r.GetProperty("frames_lost").GetInt64(), accepted = r.GetProperty("frames_accepted").GetInt64();
        Assert.InRange(lost / (double)(lost + accepted), 0.015, 0.025);
        Assert.InRange(r.GetProperty("drift_ppm").GetDouble(), -32, -28);
        // The simulator's own count of reps for the same citizen, exercise and seed.
        int truth = new SessionSimulator(CitizenProfile.Draw(7, CitizenArchetype.Healthy), [ProgramItem.Prescribed("heel_slide", ExerciseLevel.Easy)], 100.0, 7)
            .SummarizeSession().RepsDone;
        Assert.Equal(truth, r.GetProperty("reps_true").GetInt32());
        int counted = r.GetProperty("reps_detected").GetInt32() + r.GetProperty("reps_incomplete").GetInt32();
        Assert.InRange(counted, truth - 3, truth + 1);

        // The capture replays to the same intake result.
        var (code2, stdout2, stderr2) = Run("replay", "--recording", capture, "--exercise", "heel_slide", "--level", "easy", "--json");
        Assert.True(code2 == 0, stderr2);
        using JsonDocument replayed = JsonDocument.Parse(stdout2);
        Assert.Equal(accepted, replayed.RootElement.GetProperty("frames_accepted").GetInt64());
        Assert.Equal(lost, replayed.RootElement.GetProperty("frames_lost").GetInt64());
        Assert.Equal(r.GetProperty("reps_detected").GetInt32(), replayed.RootElement.GetProperty("reps_detected").GetInt32());
    }

    [Fact]
    public void Calibration_show_and_export_read_the_store()
    {
        using var folder = new TempFolder();
        string db = folder.File("calibration.db");
        using (SqliteCalibrationStore store = SqliteCalibrationStore.Open(db))
        {
            store.PutFactoryRecord("B-0042", new CalibrationRecord { BandSerial = "B-0042", TechnicianId = "tech-1", CertificateNumber = "C-7", CalibratedAtUnixS = 1_700_000_000 });
            store.AddMounting("cit-1", "B-0042", "left_knee", new MountingRecord { Axis1Y = 1, Axis2Y = 1, HasAxes = true, FlexionSign = 1 }, MountingReason.FirstFitting);
            store.AddMounting("cit-1", "B-0042", "left_knee", new MountingRecord { Axis1Y = 1, Axis2Z = 1, HasAxes = true, FlexionSign = 1 }, MountingReason.StrapSlipRefit, note: "slip");
        }

        var (code, stdout, stderr) = Run("calibration", "export", "--db", db);
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement band = json.RootElement.GetProperty("bands")[0];
        Assert.Equal("B-0042", band.GetProperty("band").GetString());
        Assert.Equal(640, band.GetProperty("factory_records")[0].GetProperty("record_hex").GetString()!.Length);
        Assert.Equal("StrapSlipRefit", band.GetProperty("mountings")[1].GetProperty("reason").GetString());

        var (code2, stdout2, _) = Run("calibration", "show", "--db", db, "--band", "B-0042");
        Assert.Equal(0, code2);
        Assert.Contains("serial B-0042", stdout2, StringComparison.Ordinal);

        var (code3, _, stderr3) = Run("calibration", "show", "--db", db, "--band", "B-9");
        Assert.Equal(2, code3);
        Assert.StartsWith("error: --band 'B-9'", stderr3, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_exit_2_with_one_error_line()
    {
        foreach (string[] args in new[]
                 {
                     new[] { "session", "--exercise", "moonwalk" },
                     new[] { "session", "--loss", "0.9" },
                     new[] { "replay", "--recording", "missing.csv.gz" },
                 })
        {
            var (code, stdout, stderr) = Run(args);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.Trim().Split('\n'));
        }

        var (c, _, e) = Run("session", "--serial", "/dev/no-such-port");
        Assert.Equal(2, c);
        Assert.Contains("/dev/no-such-port", e, StringComparison.Ordinal);
    }
}
