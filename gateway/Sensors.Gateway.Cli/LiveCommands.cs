using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Contracts;
using Sensors.Gateway.Calibration;
using Sensors.Gateway.Cli.Live;
using Sensors.Gateway.Core.Reps;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Feedback;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Gateway.Intake.Transports;
using Sensors.Gateway.Sessions.Downlink;
using Sensors.Gateway.Sessions;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using Sensors.Gateway.Sessions.Uplink;
using Sensors.Hardware.People;
using Sensors.Recording;
using Spectre.Console;

namespace Sensors.Gateway.Cli;

/// <summary>
/// <c>session</c> (live: the virtual band by default, or <c>--serial PORT</c>), <c>replay --recording FILE</c> and
/// <c>outbox status|push</c>: program → band → intake → angles → feedback (rep core) → recorder → outbox → MQTT uplink.
/// </summary>
internal static class LiveCommands
{
    private sealed record Common(Option<FileInfo?> Config, Option<string?> Db, Option<string?> MqttHost, Option<int> MqttPort, Option<string> Site, Option<string> Gateway, Option<bool> Json);

    private static Common CommonOptions() => new(
        new Option<FileInfo?>("--config") { Description = "Gateway config file (e.g. gateway/config/gateway.production.json): outbox, recorder and mqtt sections; production requires TLS and per-gateway credentials. Replaces --db, --mqtt-host, --mqtt-port, --site and --gateway." },
        new Option<string?>("--db") { Description = "Folder of the gateway's SQLite files (outbox.db with the program cache, calibration.db). Default: a per-user data folder (sensors-gateway under the local application data)." },
        new Option<string?>("--mqtt-host") { Description = "Development broker (plain MQTT, no credentials; for production use --config). Without a broker the session stays queued in the outbox." },
        new Option<int>("--mqtt-port") { Description = "MQTT broker port.", DefaultValueFactory = _ => 1883 },
        new Option<string>("--site") { Description = "Site id in the MQTT tree.", DefaultValueFactory = _ => "home" },
        new Option<string>("--gateway") { Description = "Gateway id in the MQTT tree.", DefaultValueFactory = _ => "gw-1" },
        new Option<bool>("--json") { Description = "Print one JSON summary object." });

    private static void Add(Command c, Common o)
    {
        c.Options.Add(o.Config);
        c.Options.Add(o.Db);
        c.Options.Add(o.MqttHost);
        c.Options.Add(o.MqttPort);
        c.Options.Add(o.Site);
        c.Options.Add(o.Gateway);
        c.Options.Add(o.Json);
    }

    /// <summary>The default folder of the gateway's files: never the repository.</summary>
    public static string DefaultDataFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "sensors-gateway");

    public static Command Session()
    {
        var serial = new Option<string?>("--serial") { Description = "Serial port of a band on USB (COBS-framed, 921600 baud); default: the virtual band." };
        var exercise = new Option<string?>("--exercise") { Description = "Catalogue exercise id (default: the citizen's cached program, else heel_slide)." };
        var level = new Option<string>("--level") { Description = "easy, medium or hard (with --exercise).", DefaultValueFactory = _ => "easy" };
        var citizen = new Option<string>("--citizen") { Description = "Pseudonymous citizen id (never a name).", DefaultValueFactory = _ => "citizen-1" };
        var seed = new Option<int>("--seed") { Description = "Virtual band: seed of the simulated citizen and sensors.", DefaultValueFactory = _ => 7 };
        var loss = new Option<double>("--loss") { Description = "Virtual band: probability a frame is lost on the simulated link (0–0.5).", DefaultValueFactory = _ => 0.0 };
        var ppm = new Option<double>("--clock-ppm") { Description = "Virtual band: band clock error, ppm.", DefaultValueFactory = _ => 20.0 };
        var realtime = new Option<bool>("--realtime") { Description = "Virtual band: run at the band's real rate (default as fast as possible)." };
        var capture = new Option<FileInfo?>("--capture") { Description = "Write every received frame to this frame log (.csv or .csv.gz) for replay (first exercise)." };
        Common common = CommonOptions();
        var command = new Command("session", "Run a citizen session: program → band → intake → angles → feedback → recorder → outbox (→ MQTT).")
        {
            serial, exercise, level, citizen, seed, loss, ppm, realtime, capture,
        };
        Add(command, common);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            double p = parse.GetValue(loss);
            if (!(p >= 0 && p <= 0.5)) throw new ArgumentException($"--loss {p.ToString(CultureInfo.InvariantCulture)} is outside 0–0.5.");
            string who = parse.GetValue(citizen)!;
            if (!Topics.IsValidId(who)) throw new ArgumentException($"--citizen '{who}' is not a pseudonymous id (1–64 of a-z, 0-9, '-', '_').");
            GatewaySetup setup = Setup(parse, common);
            MqttUplinkOptions? mqtt = setup.Mqtt;
            string site = setup.Site, gw = setup.Gateway;
            using SessionOutbox outbox = SessionOutbox.Open(setup.Outbox);
            using var programs = new ProgramCache(setup.Outbox.DatabasePath, site, gw);
            using SqliteCalibrationStore calibration = SqliteCalibrationStore.Open(Path.Combine(setup.Folder, "calibration.db"));
            CitizenProgram program;
            string? programId = null;
            string? ex = parse.GetValue(exercise);
            if (ex is null && programs.TryGetProgram(who, out ProgramMessage? cached) && cached is not null)
            {
                program = cached.ToProgram();
                programId = cached.ProgramId;
            }
            else
            {
                (Exercise e, ExerciseLevel lv) = ParseExercise(ex ?? "heel_slide", parse.GetValue(level));
                program = LiveSession.DefaultProgram(who, e.Id, lv);
            }

            VirtualCitizen? sim = null;
            Func<BandRequest, LiveBand> bands;
            string? port = parse.GetValue(serial);
            if (port is not null)
            {
                bands = _ => new LiveBand(new SerialBandTransport(port));
            }
            else
            {
                int s = parse.GetValue(seed);
                sim = new VirtualCitizen(s, CitizenArchetype.Healthy,
                    new LinkSettings { LossProbability = p, BandClockPpm = parse.GetValue(ppm), BaseDelayS = 0.008, JitterMeanS = 0.005, Seed = s },
                    parse.GetValue(realtime));
                bands = sim.OpenBand;
            }

            var options = new LiveSessionOptions { Site = site, Gateway = gw, Citizen = who, ProgramId = programId, Baseline = sim?.Baseline, SessionId = NewSessionId(gw),
                RestOverrideS = sim is null ? null : 0 };
            var session = new LiveSession(program, bands, outbox, calibration, options);
            return Run(session, parse.GetValue(capture), parse.GetValue(common.Json), sim, outbox, mqtt, programs, program, programId);
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
        var citizen = new Option<string>("--citizen") { Description = "Pseudonymous citizen id for the recorded session.", DefaultValueFactory = _ => "citizen-1" };
        var record = new Option<bool>("--record") { Description = "Record the replayed session into the outbox (in --db) like a live one; default: not recorded." };
        Common common = CommonOptions();
        var command = new Command("replay", "Replay a recording or frame capture through the live pipeline (intake, angles, feedback; optionally recorder and outbox).")
        {
            recording, realtime, raw, exercise, level, citizen, record,
        };
        Add(command, common);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = CliErrors.RequireFile(parse.GetValue(recording), "--recording");
            (Exercise ex, ExerciseLevel lv) = ParseExercise(parse.GetValue(exercise), parse.GetValue(level));
            string who = parse.GetValue(citizen)!;
            if (!Topics.IsValidId(who)) throw new ArgumentException($"--citizen '{who}' is not a pseudonymous id (1–64 of a-z, 0-9, '-', '_').");
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

            bool keep = parse.GetValue(record);
            GatewaySetup? setup = keep ? Setup(parse, common) : null;
            MqttUplinkOptions? mqtt = setup?.Mqtt;
            using SessionOutbox? outbox = setup is null ? null : SessionOutbox.Open(setup.Outbox);
            bool used = false;
            LiveBand Once(BandRequest _)
            {
                if (used) throw new InvalidOperationException("replay: one recording plays one exercise.");
                used = true;
                return new LiveBand(transport);
            }

            string gateway = setup?.Gateway ?? parse.GetValue(common.Gateway)!;
            var options = new LiveSessionOptions { Site = setup?.Site ?? parse.GetValue(common.Site)!, Gateway = gateway, Citizen = who, SessionId = NewSessionId(gateway) };
            var session = new LiveSession(LiveSession.DefaultProgram(who, ex.Id, lv), Once, outbox, null, options);
            return Run(session, null, parse.GetValue(common.Json), null, outbox, mqtt, null, null, null);
        }));
        return command;
    }

    public static Command Outbox()
    {
        Common statusOptions = CommonOptions();
        var status = new Command("status", "Show what the outbox holds: pending, published, refused messages and sessions.");
        Add(status, statusOptions);
        status.SetAction(parse => CliErrors.Run(() =>
        {
            using SessionOutbox outbox = OpenExisting(Setup(parse, statusOptions, create: false));
            PrintCounts(outbox, parse.GetValue(statusOptions.Json), null);
            return 0;
        }));

        Common pushOptions = CommonOptions();
        var timeout = new Option<double>("--timeout") { Description = "Give up after this many seconds (what is not acknowledged stays queued).", DefaultValueFactory = _ => 30.0 };
        var push = new Command("push", "Publish the pending messages to the broker (--config, or --mqtt-host for a development broker).") { timeout };
        Add(push, pushOptions);
        push.SetAction(parse => CliErrors.Run(() =>
        {
            GatewaySetup setup = Setup(parse, pushOptions, create: false);
            MqttUplinkOptions mqtt = setup.Mqtt ?? throw new ArgumentException("outbox push: a broker is required (--config FILE, or --mqtt-host HOST for a development broker).");
            double t = parse.GetValue(timeout);
            if (!(t > 0 && t <= 3600)) throw new ArgumentException($"--timeout {t.ToString(CultureInfo.InvariantCulture)} is outside (0, 3600] s.");
            using SessionOutbox outbox = OpenExisting(setup);
            PublishOutcome o = OutboxPublisher.DrainAsync(mqtt, outbox, TimeSpan.FromSeconds(t)).GetAwaiter().GetResult();
            PrintCounts(outbox, parse.GetValue(pushOptions.Json), o);
            return o.Pending == 0 ? 0 : 1;
        }));
        return new Command("outbox", "The gateway's session outbox: status, push.") { status, push };
    }

    /// <summary>
    /// <c>{gateway}-{UTC yyyyMMdd-HHmmss-fff}</c>: unique per gateway even for back-to-back sessions (a short session finishes in
    /// under a second when replayed as fast as possible; an id to the second made the second one "already recorded").
    /// </summary>
    private static string NewSessionId(string gateway) =>
        string.Create(CultureInfo.InvariantCulture, $"{gateway}-{DateTimeOffset.UtcNow.UtcDateTime:yyyyMMdd-HHmmss-fff}");

    /// <summary>Where the gateway keeps its files and which broker it talks to, from <c>--config</c> or the bench options.</summary>
    private sealed record GatewaySetup(string Folder, OutboxSettings Outbox, RecorderSettings Recorder, MqttUplinkOptions? Mqtt, string Site, string Gateway);

    private static GatewaySetup Setup(ParseResult parse, Common o, bool create = true)
    {
        FileInfo? config = parse.GetValue(o.Config);
        if (config is not null)
        {
            foreach ((string name, bool given) in new[]
                     {
                         ("--db", parse.GetResult(o.Db) is { Implicit: false }), ("--mqtt-host", parse.GetResult(o.MqttHost) is { Implicit: false }),
                         ("--mqtt-port", parse.GetResult(o.MqttPort) is { Implicit: false }), ("--site", parse.GetResult(o.Site) is { Implicit: false }),
                         ("--gateway", parse.GetResult(o.Gateway) is { Implicit: false }),
                     })
                if (given) throw new ArgumentException($"{name} cannot be combined with --config (the config file sets it).");
            if (!config.Exists) throw new FileNotFoundException($"--config: file '{config.FullName}' does not exist.", config.FullName);
            GatewaySessionsConfig c = GatewaySessionsConfig.Load(config.FullName);
            string dir = Path.GetDirectoryName(c.Outbox.DatabasePath)!;
            if (create) Directory.CreateDirectory(dir);
            return new GatewaySetup(dir, c.Outbox, c.Recorder, c.Mqtt, c.Mqtt.Site, c.Mqtt.Gateway);
        }

        string folder = DataFolder(parse.GetValue(o.Db), create);
        return new GatewaySetup(folder, new OutboxSettings { DatabasePath = Path.Combine(folder, "outbox.db") }, new RecorderSettings(),
            Mqtt(parse, o), parse.GetValue(o.Site)!, parse.GetValue(o.Gateway)!);
    }

    private static SessionOutbox OpenExisting(GatewaySetup setup)
    {
        string file = setup.Outbox.DatabasePath;
        if (!File.Exists(file)) throw new FileNotFoundException($"no outbox at '{file}'.", file);
        return SessionOutbox.Open(setup.Outbox);
    }

    private static string DataFolder(string? db, bool create = true)
    {
        string folder = db ?? DefaultDataFolder();
        if (File.Exists(folder)) throw new ArgumentException($"--db '{folder}' is a file; give a folder.");
        if (create) Directory.CreateDirectory(folder);
        return folder;
    }

    private static MqttUplinkOptions? Mqtt(ParseResult parse, Common o)
    {
        string? host = parse.GetValue(o.MqttHost);
        if (host is null) return null;
        int port = parse.GetValue(o.MqttPort);
        if (port is < 1 or > 65535) throw new ArgumentException($"--mqtt-port {port} is outside 1–65535.");
        string site = parse.GetValue(o.Site)!, gw = parse.GetValue(o.Gateway)!;
        if (!Topics.IsValidId(site)) throw new ArgumentException($"--site '{site}' is not a valid id.");
        if (!Topics.IsValidId(gw)) throw new ArgumentException($"--gateway '{gw}' is not a valid id.");
        return new MqttUplinkOptions { Site = site, Gateway = gw, Host = host, Port = port, Environment = "development", ReconnectInitialS = 0.5, ReconnectMaxS = 5 };
    }

    private static (Exercise, ExerciseLevel) ParseExercise(string? id, string? level)
    {
        if (!ExerciseNames.TryParseLevel(level, out ExerciseLevel lv)) throw new ArgumentException($"--level '{level}' is not easy, medium or hard.");
        if (id is null || Array.IndexOf(ExerciseCatalogue.Ids, id) < 0)
            throw new ArgumentException($"--exercise '{id}' is not in the catalogue ({string.Join(", ", ExerciseCatalogue.Ids)}).");
        return (ExerciseCatalogue.Default.Get(id), lv);
    }

    private static int Run(LiveSession session, FileInfo? capture, bool json, VirtualCitizen? sim, SessionOutbox? outbox, MqttUplinkOptions? mqtt, ProgramCache? programs,
        CitizenProgram? program, string? programId)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += stop;
        try
        {
            if (!json) Display.Attach(session);
            Func<IBandTransport, FrameLogWriter?>? captureFor = null;
            if (capture is not null)
            {
                bool first = true;
                captureFor = t =>
                {
                    if (!first) return null;
                    first = false;
                    return FrameLog.Create(capture.FullName, t.DeviceId);
                };
            }

            LiveSessionResult result = Task.Run(() => session.RunAsync(captureFor, cts.Token)).GetAwaiter().GetResult();
            IReadOnlyList<ProgressionProposalMessage> proposals = outbox is not null && program is not null && result.Recorded is { Stored: true }
                ? ProgressionCheck.Run(outbox, program, programId, session.Options.Site, session.Options.Gateway, DateTimeOffset.UtcNow)
                : [];
            PublishOutcome? published = null;
            if (outbox is not null && mqtt is not null)
                published = OutboxPublisher.DrainAsync(mqtt, outbox, TimeSpan.FromSeconds(20), programs).GetAwaiter().GetResult();
            Print(result, json, sim, outbox, published, proposals);
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

    private static void Print(LiveSessionResult r, bool json, VirtualCitizen? sim, SessionOutbox? outbox, PublishOutcome? published,
        IReadOnlyList<ProgressionProposalMessage> proposals)
    {
        long accepted = r.Exercises.Sum(x => x.Counters.Accepted), lost = r.Exercises.Sum(x => x.Counters.Lost);
        int complete = r.Exercises.Sum(x => x.RepsComplete), reported = r.Exercises.Sum(x => x.Reps.Count);
        int? truth = sim is null ? null : r.Exercises.Select((x, i) => sim.Truth(x.Item, i).RepsDone).Sum();
        OutboxCounts? counts = outbox?.GetCounts();
        if (json)
        {
            using var stream = Console.OpenStandardOutput();
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("session", r.SessionId);
            w.WriteString("band", r.Exercises.Count > 0 ? r.Exercises[0].BandId : "");
            w.WriteNumber("datagrams", r.Exercises.Sum(x => x.Counters.Datagrams));
            w.WriteNumber("frames_accepted", accepted);
            w.WriteNumber("frames_lost", lost);
            w.WriteNumber("duplicates", r.Exercises.Sum(x => x.Counters.Duplicates));
            w.WriteNumber("reordered", r.Exercises.Sum(x => x.Counters.Reordered));
            w.WriteNumber("malformed", r.Exercises.Sum(x => x.Counters.Malformed));
            w.WriteNumber("gaps", r.Exercises.Sum(x => x.Counters.Gaps));
            w.WriteNumber("drift_ppm", Math.Round(r.Exercises.Count > 0 ? r.Exercises[^1].DriftPpm : 0, 2));
            w.WriteNumber("angle_samples", r.Exercises.Sum(x => x.AngleSamples));
            w.WriteNumber("reps_detected", complete);
            w.WriteNumber("reps_incomplete", reported - complete);
            if (truth is { } t) w.WriteNumber("reps_true", t);
            w.WriteNumber("strap_slips", r.Record.StrapSlips);
            w.WriteBoolean("mounting_loaded", r.Exercises.Count > 0 && r.Exercises[0].MountingWasStored);
            w.WriteNumber("errors", r.Exercises.Sum(x => x.Errors.Count));
            if (r.Recorded is { } rec)
            {
                w.WriteNumber("messages", rec.Messages.Count);
                w.WriteBoolean("stored", rec.Stored);
            }

            if (counts is { } c)
            {
                w.WriteNumber("outbox_pending", c.Pending);
                w.WriteNumber("outbox_published", c.Published);
            }

            w.WriteStartArray("proposals");
            foreach (ProgressionProposalMessage m in proposals)
            {
                w.WriteStartObject();
                w.WriteString("exercise", m.ExerciseId);
                w.WriteString("from_level", m.FromLevel);
                w.WriteString("to_level", m.ToLevel);
                w.WriteString("reason", m.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (published is { } pub)
            {
                w.WriteNumber("published", pub.Published);
                if (pub.LastError is not null) w.WriteString("uplink_error", pub.LastError);
            }
            w.WriteEndObject();
            w.Flush();
            Console.WriteLine();
            return;
        }

        CultureInfo ci = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(ci, "frames: {0} accepted, {1} lost in {2} gaps, {3} duplicates, {4} reordered, {5} malformed",
            accepted, lost, r.Exercises.Sum(x => x.Counters.Gaps), r.Exercises.Sum(x => x.Counters.Duplicates),
            r.Exercises.Sum(x => x.Counters.Reordered), r.Exercises.Sum(x => x.Counters.Malformed)));
        Console.WriteLine(string.Format(ci, "reps: {0} complete, {1} incomplete{2}", complete, reported - complete,
            truth is { } t2 ? string.Format(ci, " (simulated citizen did {0})", t2) : ""));
        foreach (var e in r.Exercises.SelectMany(x => x.Errors)) Console.WriteLine("  " + e.Message);
        if (r.Recorded is { } recorded)
            Console.WriteLine(string.Format(ci, "session {0}: {1} messages in the outbox{2}", r.SessionId, recorded.Messages.Count, recorded.Stored ? "" : " (already recorded)"));
        foreach (ProgressionProposalMessage m in proposals)
            Console.WriteLine(string.Format(ci, "proposal for the therapist: {0} {1} → {2} ({3})", m.ExerciseId, m.FromLevel, m.ToLevel, m.Reason));
        if (published is { } p)
            Console.WriteLine(string.Format(ci, "uplink: {0} published, {1} pending{2}", p.Published, p.Pending, p.LastError is null ? "" : " — " + p.LastError));
        else if (counts is { Pending: > 0 } c2)
            Console.WriteLine(string.Format(ci, "outbox: {0} messages queued (no broker configured; `sensors outbox push --mqtt-host HOST` publishes them)", c2.Pending));
    }

    private static void PrintCounts(SessionOutbox outbox, bool json, PublishOutcome? o)
    {
        OutboxCounts c = outbox.GetCounts();
        if (json)
        {
            using var stream = Console.OpenStandardOutput();
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteNumber("pending", c.Pending);
            w.WriteNumber("published", c.Published);
            w.WriteNumber("rejected", c.Rejected);
            w.WriteNumber("sessions", c.Sessions);
            if (o is not null)
            {
                w.WriteNumber("published_now", o.Published);
                if (o.LastError is not null) w.WriteString("last_error", o.LastError);
            }

            w.WriteEndObject();
            w.Flush();
            Console.WriteLine();
            return;
        }

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "outbox: {0} sessions; {1} pending, {2} published, {3} refused", c.Sessions, c.Pending, c.Published, c.Rejected));
        if (o is not null)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "push: {0} published now{1}", o.Published, o.LastError is null ? "" : " — " + o.LastError));
    }

    /// <summary>The citizen's progress display: Spectre.Console on a terminal, plain lines when output is redirected.</summary>
    internal static class Display
    {
        public static void Attach(LiveSession session)
        {
            bool plain = Console.IsOutputRedirected;
            CultureInfo c = CultureInfo.InvariantCulture;
            void Line(string markup, string text)
            {
                if (plain) Console.WriteLine(text);
                else AnsiConsole.MarkupLine(markup);
            }

            session.ExerciseStarted = (item, i) => Line(
                string.Format(c, "[bold]{0}[/] ({1}): {2} × {3}", Markup.Escape(item.ExerciseId), item.Level, item.Sets, item.Reps),
                string.Format(c, "exercise {0}: {1} ({2}), {3} sets × {4} reps", i + 1, item.ExerciseId, item.Level, item.Sets, item.Reps));
            session.MountingLogged = line => Line("[grey]" + Markup.Escape(line) + "[/]", "  " + line);
            session.Feedback = (e, rep) =>
            {
                switch (e.Kind)
                {
                    case FeedbackKind.RepCounted when rep is Rep r:
                        string text = string.Format(c, "  set {0} rep {1,2}/{2}: peak {3,6:F1}°  min {4,6:F1}°  {5}  ({6:F1} s)", e.SetIndex + 1, e.RepsInSet, e.RepsPrescribed,
                            r.PeakFlexionRad * 180 / Math.PI, r.MinFlexionRad * 180 / Math.PI, r.Complete ? "complete" : "incomplete", e.TimeS);
                        Line((r.Complete ? "[green]" : "[yellow]") + Markup.Escape(text) + "[/]", text);
                        break;
                    case FeedbackKind.SetDone:
                        Line(string.Format(c, "  [blue]set {0} done[/], rest {1:F0} s", e.SetIndex + 1, e.Value), string.Format(c, "  set {0} done, rest {1:F0} s", e.SetIndex + 1, e.Value));
                        break;
                    case FeedbackKind.SessionDone:
                        Line("  [bold green]session done[/]", "  session done");
                        break;
                }
            };
        }
    }
}
