using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using Sensors.Gateway.Evaluation;

namespace Sensors.Gateway.Cli;

/// <summary>
/// <c>evaluate orientation|hinge</c> (ARCHITECTURE contract 5): accuracy on a recording, scored exactly as section 3 of the
/// shared datasets README. Field names of the JSON output are a stable contract.
/// </summary>
internal static class EvaluateCommands
{
    public static Command Create()
    {
        var evaluate = new Command("evaluate", "Score the band's estimates on a recording (BROAD or hinge layout) against its ground truth.")
        {
            Orientation(),
            Hinge(),
            RepsCommands.Reps(),
            RepsCommands.RepsTable(),
        };
        return evaluate;
    }

    private static Option<FileInfo> RecordingOption() =>
        new("--recording") { Description = "Recording file (.csv or .csv.gz) in the BROAD or hinge layout.", Required = true };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object instead of text." };

    private static Command Orientation()
    {
        var recording = RecordingOption();
        var mode = new Option<string>("--mode") { Description = "6d (acc+gyr, judged on inclination) or 9d (with magnetometer, judged on total error).", DefaultValueFactory = _ => "6d" };
        mode.AcceptOnlyFromAmong("6d", "9d");
        var json = JsonOption();
        var command = new Command("orientation", "Orientation of one IMU against optical ground truth (BROAD scoring).") { recording, mode, json };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = CliErrors.RequireFile(parse.GetValue(recording), "--recording");
            OrientationMode m = parse.GetValue(mode) == "9d" ? OrientationMode.NineD : OrientationMode.SixD;
            OrientationScore s = OrientationEvaluator.Evaluate(path, m);
            if (parse.GetValue(json))
            {
                WriteJson(w =>
                {
                    w.WriteNumber("samples", s.Samples);
                    w.WriteNumber("movement_samples", s.MovementSamples);
                    w.WriteNumber("rmse_total_deg", Math.Round(s.RmseTotalDeg, 4));
                    w.WriteNumber("rmse_inclination_deg", Math.Round(s.RmseInclinationDeg, 4));
                    w.WriteNumber("rmse_heading_deg", Math.Round(s.RmseHeadingDeg, 4));
                });
            }
            else
            {
                Console.WriteLine($"{Path.GetFileName(path)} ({parse.GetValue(mode)}): {s.Samples} samples, {s.MovementSamples} scored; " +
                                  $"RMSE total {s.RmseTotalDeg:F2}°, inclination {s.RmseInclinationDeg:F2}°, heading {s.RmseHeadingDeg:F2}°");
            }
            return 0;
        }));
        return command;
    }

    private static Command Hinge()
    {
        var recording = RecordingOption();
        var json = JsonOption();
        var command = new Command("hinge", "Joint angle of a two-IMU hinge against its encoder (not told the axis or which IMU moves).") { recording, json };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = CliErrors.RequireFile(parse.GetValue(recording), "--recording");
            HingeReport r = HingeEvaluator.Evaluate(path);
            if (parse.GetValue(json))
            {
                WriteJson(w =>
                {
                    w.WriteNumber("samples", r.Samples);
                    w.WriteNumber("rmse_deg", Math.Round(r.RmseDeg, 4));
                    w.WriteNumber("reps_detected", r.RepsDetected);
                    w.WriteNumber("encoder_reps_detected", r.EncoderRepsDetected);
                    w.WriteBoolean("sign_flipped", r.SignFlipped);
                });
            }
            else
            {
                Console.WriteLine($"{Path.GetFileName(path)}: {r.Samples} scored samples; RMSE {r.RmseDeg:F2}°; " +
                                  $"{r.RepsDetected} cycles (encoder {r.EncoderRepsDetected}); sign {(r.SignFlipped ? "flipped" : "as estimated")}");
            }
            return 0;
        }));
        return command;
    }

    internal static void WriteJson(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
