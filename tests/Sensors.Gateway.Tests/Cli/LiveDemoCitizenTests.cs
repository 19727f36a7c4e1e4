using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Sensors.Gateway.Calibration;
using Sensors.Gateway.Cli.Live;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;
using Xunit;
using GwLevel = Sensors.Gateway.Exercises.ExerciseLevel;

namespace Sensors.Gateway.Tests.Cli;

/// <summary>
/// The live path of <c>sensors demo</c> (the product's main job) against the simulator's truth: the demo citizen (seed 7,
/// early post-op, easy TKA program: 9 exercises, 138 reps) wearing a virtual band with its factory calibration → first
/// fitting → the program through <see cref="LiveSession"/> (intake, band-side knee angle or gateway-side hip angle, rep
/// core, feedback). Before issue #4's fixes this printed 122 of 138 reps (seated knee flexion 2 of 16); the chain must not
/// drift away from the study again.
/// </summary>
public sealed class LiveDemoCitizenTests
{
    [Theory]
    [InlineData(7, CitizenArchetype.EarlyPostOp)]
    [InlineData(3, CitizenArchetype.EarlyPostOp)]
    [InlineData(11, CitizenArchetype.EarlyPostOp)]
    public async Task The_demo_citizen_is_counted_like_the_simulator_truth(int seed, CitizenArchetype archetype)
    {
        (LiveSessionResult r, VirtualCitizen citizen) = await RunDemo(seed, archetype);
        var report = new StringBuilder();
        int truthTotal = 0, counted = 0, exactExercises = 0;
        for (int i = 0; i < r.Exercises.Count; i++)
        {
            LiveExerciseResult x = r.Exercises[i];
            SessionSummary t = citizen.Truth(x.Item, i);
            truthTotal += t.RepsDone;
            counted += x.Reps.Count;
            if (x.Reps.Count == t.RepsDone) exactExercises++;
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{x.Item.ExerciseId}: {x.Reps.Count} ({x.RepsComplete}) vs truth {t.RepsDone} ({t.RepsComplete})"));
            Describe(report, x, citizen.Simulation(x.Item, i));
        }

        // Every exercise within ±1 rep of what the citizen did, the whole program within 2 reps, at least 7 of 9 exact.
        Assert.True(r.Exercises.All(x => Math.Abs(x.Reps.Count - citizen.Truth(x.Item, r.Exercises.ToList().IndexOf(x)).RepsDone) <= 1), report.ToString());
        Assert.True(Math.Abs(counted - truthTotal) <= 2, report.ToString());
        Assert.True(exactExercises >= 7, report.ToString());
    }

    [Fact]
    public async Task Complete_reps_agree_with_the_truth_for_the_demo_citizen()
    {
        // "Complete" on both sides: the truth = the rep reached the level's target angle; the gateway = the excursion from the
        // start pose reached the target excursion (3 % tolerance), never when the target lies beyond the citizen's measured
        // range (sit-to-stand to 10° with a 10.8° extension lag: 0 complete on both sides).
        (LiveSessionResult r, VirtualCitizen citizen) = await RunDemo(7, CitizenArchetype.EarlyPostOp);
        var report = new StringBuilder();
        int agree = 0, total = 0;
        for (int i = 0; i < r.Exercises.Count; i++)
        {
            LiveExerciseResult x = r.Exercises[i];
            SessionSummary t = citizen.Truth(x.Item, i);
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{x.Item.ExerciseId}: complete {x.RepsComplete} vs truth {t.RepsComplete}"));
            total += t.RepsDone;
            agree += t.RepsDone - Math.Abs(x.RepsComplete - t.RepsComplete);
            if (t.RepsComplete == 0) Assert.True(x.RepsComplete == 0, report.ToString());
        }

        Assert.True(agree >= 0.95 * total, report.ToString());
    }

    private static async Task<(LiveSessionResult Result, VirtualCitizen Citizen)> RunDemo(int seed, CitizenArchetype archetype)
    {
        string folder = Path.Combine(Path.GetTempPath(), "sensors-demo-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var citizen = new VirtualCitizen(seed, archetype);
            var program = new CitizenProgram("demo-citizen", 1, TkaPrograms.Full(ExerciseLevel.Easy)
                .Select(p => new ProgramEntry(p.ExerciseId, p.Level.ToString().ToLowerInvariant(), p.Sets, p.Reps, 7)).ToList());
            using SqliteCalibrationStore store = SqliteCalibrationStore.Open(Path.Combine(folder, "calibration.db"));
            // The first fitting (heel slides, reference pose) stores the mounting, as `sensors demo` does.
            await new LiveSession(LiveSession.DefaultProgram("demo-citizen", "heel_slide", GwLevel.Easy), new VirtualCitizen(seed, archetype).OpenBand, null, store,
                new LiveSessionOptions { Citizen = "demo-citizen", Baseline = citizen.Baseline, RestOverrideS = 0, SessionId = "fitting" }).RunAsync(null, TestContext.Current.CancellationToken);
            LiveSessionResult r = await new LiveSession(program, citizen.OpenBand, null, store,
                new LiveSessionOptions { Citizen = "demo-citizen", Baseline = citizen.Baseline, RestOverrideS = 0, SessionId = "demo" }).RunAsync(null, TestContext.Current.CancellationToken);
            return (r, citizen);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Per true rep: its times (band time of the item, s) and whether a counted rep's peak lies in it (diagnostics on failure).</summary>
    private static void Describe(StringBuilder report, LiveExerciseResult x, SessionSimulator sim)
    {
        var used = new HashSet<Rep>();
        foreach (GroundTruthRep t in sim.Reps)
        {
            int hit = x.Reps.ToList().FindIndex(d => !used.Contains(d) && d.PeakS >= t.StartS - 1 && d.PeakS <= t.EndS + 1);
            if (hit >= 0) used.Add(x.Reps[hit]);
            else report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"   missed set {t.SetIndex} rep {t.RepIndex} {t.StartS:F1}–{t.EndS:F1} s, true {t.MinRad * 180 / Math.PI:F1}..{t.PeakRad * 180 / Math.PI:F1}°"));
        }
        foreach (Rep d in x.Reps.Where(d => !used.Contains(d)))
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"   extra rep peak at {d.PeakS:F1} s, {d.MinFlexionRad * 180 / Math.PI:F1}..{d.PeakFlexionRad * 180 / Math.PI:F1}°"));
        foreach (SessionEvent e in sim.Events.Where(e => e.Kind is SessionEventKind.StrapSlip or SessionEventKind.Pause or SessionEventKind.Fidget))
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"   {e.Kind} {e.StartS:F1}–{e.EndS:F1} s"));
    }
}
