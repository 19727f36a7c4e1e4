using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Gateway.Cli.Live;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Intake.Transports;
using Sensors.Recording;
using GwCatalogue = Sensors.Gateway.Exercises.ExerciseCatalogue;
using GwLevel = Sensors.Gateway.Exercises.ExerciseLevel;
using GwNames = Sensors.Gateway.Exercises.ExerciseNames;
using HwExercises = Sensors.Hardware.Exercises;

namespace Sensors.Gateway.Cli;

/// <summary>
/// <c>session</c> (live: the virtual band by default, or <c>--serial PORT</c>) and <c>replay --recording FILE</c>
/// (a frame capture or a two-IMU recording run through the band core): transport → intake → angles → rep core.
/// </summary>
internal static class LiveCommands
{
    public static Command Session()
    {
        var serial = new Option<string?>("--serial") { Description = "Serial port of a band on USB (COBS-framed, 921600 baud); default: the virtual band." };
        var exercise = new Option<string>("--exercise") { Description = "Catalogue exercise id.", DefaultValueFactory = _ => "heel_slide" };
        var level = new Option<string>("--level") { Description = "easy, medium or hard.", DefaultValueFactory = _ => "easy" };
        var seed = new Option<int>("--seed") { Description = "Virtual band: seed of the simulated citizen and sensors.", DefaultValueFactory = _ => 7 };
        var loss = new Option<double>("--loss") { Description = "Virtual band: probability a frame is lost on the simulated link (0–0.5).", DefaultValueFactory = _ => 0.0 };
        var ppm = new Option<double>("--clock-ppm") { Description = "Virtual band: band clock error, ppm.", DefaultValueFactory = _ => 20.0 };
        var realtime = new Option<bool>("--realtime") { Description = "Virtual band: run at the band's real rate (default as fast as possible)." };
        var capture = new Option<FileInfo?>("--capture") { Description = "Write every received frame to this frame log (.csv or .csv.gz) for replay." };
        var json = new Option<bool>("--json") { Description = "Print one JSON summary object." };
        var command = new Command("session", "Run a live session: band → intake → angles → reps, with a progress display.")
        {
            serial, exercise, level, seed, loss, ppm, realtime, capture, json,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            (Sensors.Gateway.Exercises.Exercise ex, GwLevel lv) = ParseExercise(parse.GetValue(exercise), parse.GetValue(level));
            double p = parse.GetValue(loss);
            if (!(p >= 0 && p <= 0.5)) throw new ArgumentException($"--loss {p.ToString(CultureInfo.InvariantCulture)} is outside 0–0.5.");
            IBandTransport transport;
            int? repsTrue = null;
            string? port = parse.GetValue(serial);
            if (port is not null)
            {
                transport = new SerialBandTransport(port);
            }
            else
            {
                var hwLevel = Enum.Parse<HwExercises.ExerciseLevel>(lv.ToString(), ignoreCase: true);
                int s = parse.GetValue(seed);
                var sim = new HwExercises.SessionSimulator(Sensors.Hardware.People.CitizenProfile.Draw(s, Sensors.Hardware.People.CitizenArchetype.Healthy),
                    [HwExercises.ProgramItem.Prescribed(ex.Id, hwLevel)], 100.0, s);
                repsTrue = sim.SummarizeSession().RepsDone;
                var link = new LinkSettings { LossProbability = p, BandClockPpm = parse.GetValue(ppm), BaseDelayS = 0.008, JitterMeanS = 0.005, Seed = s };
                transport = VirtualBandTransport.Create("virtual-" + s.ToString(CultureInfo.InvariantCulture), sim, null, link, parse.GetValue(realtime));
            }

            return Run(transport, ex, lv, parse.GetValue(capture), parse.GetValue(json), repsTrue);
        }));
        return command;
    }

    public static Command Replay()
    {
        var recording = new Option<FileInfo>("--recording") { Description = "A frame capture (t_s, frame_hex) or a two-IMU recording (hinge layout).", Required = true };
        var realtime = new Option<bool>("--realtime") { Description = "Replay at the recorded pace (default as fast as possible)." };
        var raw = new Option<bool>("--raw") { Description = "Two-IMU recording: send raw IMU frames (the gateway runs the band core) instead of angle frames." };
        var exercise = new Option<string>("--exercise") { Description = "Catalogue exercise id for the rep core.", DefaultValueFactory = _ => "heel_slide" };
        var level = new Option<string>("--level") { Description = "easy, medium or hard.", DefaultValueFactory = _ => "easy" };
        var json = new Option<bool>("--json") { Description = "Print one JSON summary object." };
        var command = new Command("replay", "Replay a recording or frame capture through intake, angles and reps.") { recording, realtime, raw, exercise, level, json };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = CliErrors.RequireFile(parse.GetValue(recording), "--recording");
            (Sensors.Gateway.Exercises.Exercise ex, GwLevel lv) = ParseExercise(parse.GetValue(exercise), parse.GetValue(level));
            bool rt = parse.GetValue(realtime);
            IBandTransport transport;
            if (FrameLog.IsFrameLog(path))
            {
                transport = ReplayTransport.FromFrameLog(path, null, rt);
            }
            else
            {
                using (RecordingReader r = RecordingReader.Open(path))
                {
                    if (r.Layout != RecordingLayout.Hinge)
                        throw new FormatException($"{path}: neither a frame capture (t_s, frame_hex) nor a two-IMU recording (imu1_acc_x … imu2_gyr_z).");
                }

                transport = ReplayTransport.FromRecording(path, "replay", parse.GetValue(raw) ? ReplayFrameMode.RawImu : ReplayFrameMode.Angles, null, rt);
            }

            return Run(transport, ex, lv, null, parse.GetValue(json), null);
        }));
        return command;
    }

    private static (Sensors.Gateway.Exercises.Exercise, GwLevel) ParseExercise(string? id, string? level)
    {
        if (!GwNames.TryParseLevel(level, out GwLevel lv)) throw new ArgumentException($"--level '{level}' is not easy, medium or hard.");
        if (id is null || Array.IndexOf(GwCatalogue.Ids, id) < 0)
            throw new ArgumentException($"--exercise '{id}' is not in the catalogue ({string.Join(", ", GwCatalogue.Ids)}).");
        return (GwCatalogue.Default.Get(id), lv);
    }

    private static int Run(IBandTransport transport, Sensors.Gateway.Exercises.Exercise exercise, GwLevel level, FileInfo? capture, bool json, int? repsTrue)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += stop;
        try
        {
            var session = new LiveSession(transport, exercise, level);
            if (!json)
            {
                Console.WriteLine($"band {transport.DeviceId}: {exercise.Id} ({level.ToString().ToLowerInvariant()}) — Ctrl+C stops");
                session.RepCompleted = rep => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  rep {session.RepCore.RepsReported,3}: peak {rep.PeakFlexionRad * 180 / Math.PI,6:F1}°  {(rep.Complete ? "complete" : "incomplete")}"));
            }

            FrameLogWriter? log = capture is null ? null : FrameLog.Create(capture.FullName, transport.DeviceId);
            LiveSummary s;
            try
            {
                s = Task.Run(() => session.RunAsync(log, cts.Token)).GetAwaiter().GetResult();
                log?.Complete();
            }
            finally
            {
                log?.Dispose();
                transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            Print(s, json, repsTrue);
            return 0;
        }
        catch (BandTransportException ex)
        {
            throw new IOException(ex.Message, ex);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    private static void Print(LiveSummary s, bool json, int? repsTrue)
    {
        if (json)
        {
            using var stream = Console.OpenStandardOutput();
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("band", s.BandId);
            w.WriteNumber("datagrams", s.Datagrams);
            w.WriteNumber("frames_accepted", s.Accepted);
            w.WriteNumber("frames_lost", s.Lost);
            w.WriteNumber("duplicates", s.Duplicates);
            w.WriteNumber("reordered", s.Reordered);
            w.WriteNumber("malformed", s.Malformed);
            w.WriteNumber("gaps", s.Gaps);
            w.WriteNumber("drift_ppm", Math.Round(s.DriftPpm, 2));
            w.WriteNumber("angle_samples", s.AngleSamples);
            w.WriteNumber("reps_detected", s.RepsComplete);
            w.WriteNumber("reps_incomplete", s.RepsReported - s.RepsComplete);
            if (repsTrue is { } t) w.WriteNumber("reps_true", t);
            w.WriteNumber("errors", s.Errors.Count);
            w.WriteEndObject();
            w.Flush();
            Console.WriteLine();
            return;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "frames: {0} accepted, {1} lost in {2} gaps, {3} duplicates, {4} reordered, {5} malformed; band clock {6:+0.0;-0.0} ppm",
            s.Accepted, s.Lost, s.Gaps, s.Duplicates, s.Reordered, s.Malformed, s.DriftPpm));
        Console.WriteLine(string.Format(c, "reps: {0} complete, {1} incomplete{2}", s.RepsComplete, s.RepsReported - s.RepsComplete,
            repsTrue is { } t2 ? string.Format(c, " (simulated citizen did {0})", t2) : ""));
        foreach (var e in s.Errors) Console.WriteLine("  " + e.Message);
    }
}
