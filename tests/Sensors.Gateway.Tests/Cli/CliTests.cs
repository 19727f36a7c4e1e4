using System;
using System.Diagnostics;
using System.Text.Json;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Tests.Cli;

/// <summary>
/// The <c>sensors</c> command line as a user runs it (a real process): contract 5's JSON fields, and a clear message with
/// a non-zero exit code on bad input.
/// </summary>
public class CliTests
{
    private static (int ExitCode, string Out, string Err) Run(params string[] args) => CliProcess.Run(args);

    [Fact]
    public void Evaluate_orientation_prints_the_contract_fields_as_json()
    {
        string file = TestPaths.RequireDataset("broad/02_undisturbed_slow_rotation_B.csv.gz");
        var (code, stdout, stderr) = Run("evaluate", "orientation", "--recording", file, "--mode", "6d", "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement r = json.RootElement;
        Assert.Equal(53240, r.GetProperty("samples").GetInt32()); // rows of the trial (datasets README)
        Assert.InRange(r.GetProperty("movement_samples").GetInt32(), 30000, 33000); // 112.98 s scored at 285.7 Hz
        Assert.InRange(r.GetProperty("rmse_inclination_deg").GetDouble(), 0.0, 1.0);
        Assert.True(r.TryGetProperty("rmse_total_deg", out _));
        Assert.True(r.TryGetProperty("rmse_heading_deg", out _));
    }

    [Fact]
    public void Evaluate_hinge_on_a_file_of_the_wrong_layout_exits_2_naming_the_file()
    {
        string file = TestPaths.RequireDataset("broad/trials.csv");
        var (code, stdout, stderr) = Run("evaluate", "hinge", "--recording", file, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
        Assert.Contains("trials.csv", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void Missing_file_and_bad_option_are_refused()
    {
        var (code, _, stderr) = Run("evaluate", "orientation", "--recording", "no-such-file.csv.gz");
        Assert.Equal(2, code);
        Assert.Contains("no-such-file.csv.gz", stderr, StringComparison.Ordinal);

        var (code2, _, stderr2) = Run("evaluate", "orientation", "--recording", "x.csv", "--mode", "7d");
        Assert.NotEqual(0, code2);
        Assert.Contains("7d", stderr2, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_prints_a_session_summary_matching_the_simulated_program()
    {
        var (code, stdout, stderr) = Run("demo", "--level", "easy", "--citizen", "late", "--seed", "3");
        Assert.True(code == 0, stderr);
        Assert.Contains("program: knee replacement, level easy, 9 exercises", stdout, StringComparison.Ordinal);
        foreach (string exercise in new[] { "heel_slide", "long_arc_quad", "short_arc_quad", "straight_leg_raise", "seated_knee_flexion",
                                            "hip_abduction", "sit_to_stand", "mini_squat", "quad_set" })
            Assert.Contains(exercise, stdout, StringComparison.Ordinal);
        // The truth line is the simulator's ground truth for the same citizen, each item simulated with seed 3 + 1000 · index.
        var citizen = Sensors.Hardware.People.CitizenProfile.Draw(3, Sensors.Hardware.People.CitizenArchetype.LatePostOp);
        var items = Sensors.Hardware.Exercises.TkaPrograms.Full(Sensors.Hardware.Exercises.ExerciseLevel.Easy);
        int done = 0, complete = 0, incomplete = 0;
        for (int i = 0; i < items.Count; i++)
        {
            var t = new Sensors.Hardware.Exercises.SessionSimulator(citizen, [items[i]], 100.0, 3 + 1000 * i).SummarizeSession();
            done += t.RepsDone;
            complete += t.RepsComplete;
            incomplete += t.RepsIncomplete;
        }
        Assert.True(done > 50);
        Assert.Contains($"simulator truth — total: {done} reps, {complete} complete, {incomplete} incomplete", stdout, StringComparison.Ordinal);
        Assert.Contains("messages recorded in a temporary outbox", stdout, StringComparison.Ordinal);
    }
}
