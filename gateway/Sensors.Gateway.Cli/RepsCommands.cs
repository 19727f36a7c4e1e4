using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Accuracy;
using Sensors.Gateway.Exercises.Evaluation;

namespace Sensors.Gateway.Cli;

/// <summary>
/// <c>evaluate reps</c> (contract 5: <c>reps_detected</c>, <c>reps_incomplete</c>, per rep <c>peak_flexion_deg</c>,
/// <c>min_flexion_deg</c>) and <c>evaluate reps-table</c> (the simulated rep-accuracy study, gateway/README.md).
/// </summary>
internal static class RepsCommands
{
    public static Command Reps()
    {
        var recording = new Option<FileInfo>("--recording") { Description = "Two-IMU recording in the hinge layout (imu1 = thigh, imu2 = shank).", Required = true };
        var exercise = new Option<string>("--exercise") { Description = "Catalogue exercise id: " + string.Join(", ", ExerciseCatalogue.Ids) + ".", Required = true };
        var level = new Option<string>("--level") { Description = "easy, medium or hard.", Required = true };
        level.AcceptOnlyFromAmong("easy", "medium", "hard");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("reps", "Count the reps of one exercise at one level in a recording (complete and incomplete, per-rep angles).") { recording, exercise, level, json };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = CliErrors.RequireFile(parse.GetValue(recording), "--recording");
            Exercise ex = ExerciseCatalogue.Default.Get(parse.GetValue(exercise)!);
            if (!ExerciseNames.TryParseLevel(parse.GetValue(level), out ExerciseLevel lv)) throw new ArgumentException($"--level '{parse.GetValue(level)}' is not easy, medium or hard.");
            RecordingRepReport r = RecordingRepEvaluator.Evaluate(path, ex, lv);
            const double toDeg = 180.0 / Math.PI;
            if (parse.GetValue(json))
            {
                EvaluateCommands.WriteJson(w =>
                {
                    w.WriteNumber("reps_detected", r.RepsComplete);
                    w.WriteNumber("reps_incomplete", r.RepsIncomplete);
                    w.WriteString("exercise", r.ExerciseId);
                    w.WriteString("level", r.Level.ToId());
                    w.WriteNumber("rows", r.Rows);
                    w.WriteString("mode", r.Mode);
                    w.WriteBoolean("sign_flipped", r.SignFlipped);
                    w.WriteStartArray("reps");
                    foreach (Rep rep in r.Reps)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("peak_flexion_deg", Math.Round(rep.PeakFlexionRad * toDeg, 2));
                        w.WriteNumber("min_flexion_deg", Math.Round(rep.MinFlexionRad * toDeg, 2));
                        w.WriteBoolean("complete", rep.Complete);
                        w.WriteNumber("start_s", Math.Round(rep.StartS, 3));
                        w.WriteNumber("peak_s", Math.Round(rep.PeakS, 3));
                        w.WriteNumber("end_s", Math.Round(rep.EndS, 3));
                        w.WriteNumber("excursion_deg", Math.Round(rep.ExcursionRad * toDeg, 2));
                        w.WriteNumber("hold_s", Math.Round(rep.HoldS, 2));
                        w.WriteString("findings", rep.Findings.ToString());
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
            }
            else
            {
                Console.WriteLine($"{Path.GetFileName(path)}: {r.ExerciseId} {r.Level.ToId()}: {r.RepsComplete} complete, {r.RepsIncomplete} incomplete reps over {r.Rows} rows ({r.Mode} mode{(r.SignFlipped ? ", sign flipped" : "")})");
                foreach (Rep rep in r.Reps)
                    Console.WriteLine(FormattableString.Invariant($"  {rep.StartS,8:F2}–{rep.EndS,8:F2} s  peak {rep.PeakFlexionRad * toDeg,7:F1}°  min {rep.MinFlexionRad * toDeg,7:F1}°  {(rep.Complete ? "complete" : "incomplete")}"));
            }
            return 0;
        }));
        return command;
    }

    public static Command RepsTable()
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print a markdown table." };
        var seeds = new Option<string>("--seeds") { Description = "asserting (the record, default) or tuning.", DefaultValueFactory = _ => "asserting" };
        seeds.AcceptOnlyFromAmong("asserting", "tuning");
        var rawParts = new Option<bool>("--raw-parts") { Description = "Bands without their factory (bench) calibration: raw MPU-6500 parts (diagnostics; default calibrated, as shipped)." };
        var command = new Command("reps-table", "Rep accuracy on simulated sessions (every exercise × level × citizen archetype, fixed seeds) through the real chain.") { markdown, seeds, rawParts };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            SimulatedCitizen.FactoryCalibrated = !parse.GetValue(rawParts);
            var citizens = parse.GetValue(seeds) == "tuning" ? RepAccuracyStudy.TuningSeeds : RepAccuracyStudy.AssertingSeeds;
            var results = RepAccuracyStudy.Run(citizens, maxParallelism: Environment.ProcessorCount);
            Console.Write(RepAccuracyTable.Build(results).Format(parse.GetValue(markdown)));
            Console.WriteLine($"citizens: {string.Join(", ", citizens.Select(c => $"{c.Seed} {c.Archetype}"))}");
            return 0;
        }));
        return command;
    }
}
