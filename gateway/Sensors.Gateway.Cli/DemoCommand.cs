using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;

namespace Sensors.Gateway.Cli;

/// <summary>
/// <c>demo</c>: a simulated citizen does a knee-replacement (TKA) program wearing the band; the band's two simulated
/// MPU-6500s produce their readings (with the datasheet error model) and the session summary is printed.
/// Needs no hardware and no server. Deterministic for a seed.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var level = new Option<string>("--level") { Description = "Program level: easy, medium or hard.", DefaultValueFactory = _ => "easy" };
        level.AcceptOnlyFromAmong("easy", "medium", "hard");
        var archetype = new Option<string>("--citizen") { Description = "Simulated citizen: early (weeks 1–3 after surgery), late (weeks 6–12) or healthy.", DefaultValueFactory = _ => "early" };
        archetype.AcceptOnlyFromAmong("early", "late", "healthy");
        var seed = new Option<int>("--seed") { Description = "Seed of the citizen, the straps and the sensors (same seed, same session).", DefaultValueFactory = _ => 7 };
        var rawParts = new Option<bool>("--raw-parts") { Description = "A band without its factory (bench) calibration record: raw MPU-6500 parts (diagnostics)." };
        var command = new Command("demo", "Simulate a citizen's session with the band (no hardware, no server) and print its summary.")
        {
            level, archetype, seed, rawParts,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            ExerciseLevel lvl = Enum.Parse<ExerciseLevel>(parse.GetValue(level)!, ignoreCase: true);
            CitizenArchetype who = parse.GetValue(archetype) switch
            {
                "late" => CitizenArchetype.LatePostOp,
                "healthy" => CitizenArchetype.Healthy,
                _ => CitizenArchetype.EarlyPostOp,
            };
            Run(lvl, who, parse.GetValue(seed), !parse.GetValue(rawParts));
            return 0;
        }));
        return command;
    }

    private static void Run(ExerciseLevel level, CitizenArchetype archetype, int seed, bool factoryCalibrated)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var program = TkaPrograms.Full(level);
        var sim = new Live.VirtualCitizen(seed, archetype) { FactoryCalibrated = factoryCalibrated };
        CitizenProfile citizen = sim.Profile;
        var gwProgram = new Sensors.Gateway.Exercises.Programs.CitizenProgram("demo-citizen", 1, program
            .Select(p => new Sensors.Gateway.Exercises.Programs.ProgramEntry(p.ExerciseId, p.Level.ToString().ToLowerInvariant(), p.Sets, p.Reps, 7)).ToList());

        Console.WriteLine("Sensors demo — simulated citizen + virtual band → gateway pipeline → feedback → recorder → outbox (no hardware, no server)");
        Console.WriteLine(string.Format(c, "citizen: {0}, {1} knee, extension limit {2:F1}°, max flexion {3:F0}°  (seed {4})",
            archetype, citizen.Side.ToString().ToLowerInvariant(), Deg(citizen.KneeExtensionLimitRad), Deg(citizen.MaxKneeFlexionRad), seed));
        Console.WriteLine(string.Format(c, "band {0}: thigh + shank MPU-6500, firmware fusion, 100 Hz angle frames over a simulated link", sim.BandId));
        Console.WriteLine(string.Format(c, "program: knee replacement, level {0}, {1} exercises", level.ToString().ToLowerInvariant(), program.Count));

        string folder = Path.Combine(Path.GetTempPath(), "sensors-demo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            using var outbox = Sensors.Gateway.Sessions.Outbox.SessionOutbox.Open(new Sensors.Gateway.Sessions.Outbox.OutboxSettings { DatabasePath = Path.Combine(folder, "outbox.db") });
            using var calibration = Sensors.Gateway.Calibration.SqliteCalibrationStore.Open(Path.Combine(folder, "calibration.db"));
            // The first fitting (therapist-led, before the home program: heel slides, the reference pose from the goniometer)
            // stores the mounting, as in the accuracy study; the program's sessions then load it.
            var fitting = Live.LiveSession.DefaultProgram("demo-citizen", "heel_slide", Sensors.Gateway.Exercises.ExerciseLevel.Easy);
            Live.LiveSessionResult fitted = new Live.LiveSession(fitting, new Live.VirtualCitizen(seed, archetype) { FactoryCalibrated = factoryCalibrated }.OpenBand, null, calibration,
                new Live.LiveSessionOptions { Citizen = "demo-citizen", Baseline = sim.Baseline, RestOverrideS = 0, SessionId = "demo-fitting-" + seed.ToString(c) })
                .RunAsync().GetAwaiter().GetResult();
            Console.WriteLine(string.Format(c, "first fitting (heel slides, not counted below): {0} mounting rows stored", fitted.MountingLog.Count(l => l.Contains("mounting stored", StringComparison.Ordinal))));
            var session = new Live.LiveSession(gwProgram, sim.OpenBand, outbox, calibration,
                new Live.LiveSessionOptions { Citizen = "demo-citizen", Baseline = sim.Baseline, RestOverrideS = 0, SessionId = "demo-" + seed.ToString(c) });
            LiveCommands.Display.Attach(session);
            Live.LiveSessionResult r = session.RunAsync().GetAwaiter().GetResult();

            Console.WriteLine();
            Console.WriteLine("exercise              level   gateway reps (complete)   citizen did (complete)");
            int truthDone = 0, truthComplete = 0, truthIncomplete = 0;
            for (int i = 0; i < r.Exercises.Count; i++)
            {
                Live.LiveExerciseResult x = r.Exercises[i];
                SessionSummary t = sim.Truth(x.Item, i);
                truthDone += t.RepsDone;
                truthComplete += t.RepsComplete;
                truthIncomplete += t.RepsIncomplete;
                Console.WriteLine(string.Format(c, "{0,-21} {1,-7} {2,12} ({3,3})   {4,17} ({5,3})", x.Item.ExerciseId, x.Item.Level, x.Reps.Count, x.RepsComplete, t.RepsDone, t.RepsComplete));
            }

            Console.WriteLine(string.Format(c, "gateway: {0} reps, {1} complete; {2} strap slips logged; {3} frames lost",
                r.Exercises.Sum(x => x.Reps.Count), r.Exercises.Sum(x => x.RepsComplete), r.Record.StrapSlips, r.Record.FramesLost));
            Console.WriteLine(string.Format(c, "session {0}: {1} messages recorded in a temporary outbox ({2}, removed at exit)", r.SessionId, r.Recorded?.Messages.Count ?? 0, folder));
            Console.WriteLine(string.Format(c, "simulator truth — total: {0} reps, {1} complete, {2} incomplete", truthDone, truthComplete, truthIncomplete));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static double Deg(double rad) => rad * 180.0 / Math.PI;
}
