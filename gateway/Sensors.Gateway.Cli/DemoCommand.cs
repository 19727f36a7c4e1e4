using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
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
        var command = new Command("demo", "Simulate a citizen's session with the band (no hardware, no server) and print its summary.")
        {
            level, archetype, seed,
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
            Run(lvl, who, parse.GetValue(seed));
            return 0;
        }));
        return command;
    }

    private static void Run(ExerciseLevel level, CitizenArchetype archetype, int seed)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        CitizenProfile citizen = CitizenProfile.Draw(seed, archetype);
        var program = TkaPrograms.Full(level);
        var session = new SessionSimulator(citizen, program, 100.0, seed);

        // The band's two IMUs, each a drawn MPU-6500 part with its own errors.
        var thighImu = new SimulatedImu(ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, seed * 2 + 1), seed * 2 + 1);
        var shankImu = new SimulatedImu(ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, seed * 2 + 2), seed * 2 + 2);

        Console.WriteLine("Sensors demo — simulated band session (no hardware, no server)");
        Console.WriteLine(string.Format(c, "citizen: {0}, {1} knee, extension limit {2:F1}°, max flexion {3:F0}°  (seed {4})",
            archetype, citizen.Side.ToString().ToLowerInvariant(), Deg(citizen.KneeExtensionLimitRad), Deg(citizen.MaxKneeFlexionRad), seed));
        Console.WriteLine(string.Format(c, "band: thigh MPU-6500 @0x68 strap turned {0:F1}°, shank MPU-6500 @0x69 strap turned {1:F1}°, 100 Hz",
            Deg(2 * Math.Acos(Math.Min(1, Math.Abs(citizen.ThighMisalignment.W)))), Deg(2 * Math.Acos(Math.Min(1, Math.Abs(citizen.ShankMisalignment.W))))));
        Console.WriteLine(string.Format(c, "program: knee replacement, level {0}, {1} exercises", level.ToString().ToLowerInvariant(), program.Count));

        long samples = 0;
        double maxGyro = 0, minKnee = double.MaxValue, maxKnee = double.MinValue;
        foreach (SessionSample s in session.Samples())
        {
            ImuSample thigh = thighImu.Process(s.Thigh);
            ImuSample shank = shankImu.Process(s.Shank);
            maxGyro = Math.Max(maxGyro, Math.Max(thigh.AngularVelocityRadPerS.Length, shank.AngularVelocityRadPerS.Length));
            minKnee = Math.Min(minKnee, s.KneeFlexionRad);
            maxKnee = Math.Max(maxKnee, s.KneeFlexionRad);
            samples++;
        }

        var slips = session.Events.Where(e => e.Kind == SessionEventKind.StrapSlip && e.Slip is not null).ToList();
        Console.WriteLine(string.Format(c, "session: {0:F0} min {1:F0} s, {2:N0} samples per IMU; knee {3:F1}° … {4:F1}°; peak rate {5:F1} rad/s",
            Math.Floor(session.DurationS / 60), session.DurationS % 60, samples, Deg(minKnee), Deg(maxKnee), maxGyro));
        foreach (SessionEvent e in slips)
        {
            Console.WriteLine(string.Format(c, "strap slip: {0} band at {1:F1} s, turned {2:F1}°", e.Slip!.Site.ToString().ToLowerInvariant(), e.StartS, Deg(e.Slip.AngleRad)));
        }
        Console.WriteLine();
        Console.Write(session.SummarizeSession().ToString());
    }

    private static double Deg(double rad) => rad * 180.0 / Math.PI;
}
