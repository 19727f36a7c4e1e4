using System;
using System.Collections.Generic;
using System.IO.Pipes;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Band.Protocol;
using Sensors.Gateway.Intake.Angles;
using Sensors.Gateway.Intake.Tests.Intake;
using Sensors.Gateway.Intake.Transports;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Intake.Tests.Transports;

/// <summary>Serial framing (COBS) on a loopback pipe, the virtual band against the simulator's truth, frame capture and replay.</summary>
public class TransportTests
{
    [Fact]
    public void Cobs_round_trips_every_length_and_byte_pattern_in_any_chunking_and_resyncs_after_noise()
    {
        var random = new Random(5);
        var sent = new List<byte[]>();
        var wire = new List<byte>();
        for (int n = 1; n <= 600; n += n < 30 ? 1 : 7)
        {
            var frame = new byte[n];
            random.NextBytes(frame);
            if (n % 3 == 0) Array.Clear(frame, 0, n / 2); // runs of zeros
            if (n % 5 == 0) Array.Fill(frame, (byte)0xFF, 0, n);
            if (n > ProtocolConstants.MaxFrameBytes) continue;
            sent.Add(frame);
            byte[] encoded = CobsFraming.Encode(frame);
            Assert.DoesNotContain((byte)0, encoded.AsSpan(0, encoded.Length - 1).ToArray());
            Assert.True(encoded.Length <= CobsFraming.EncodedLength(n));
            wire.AddRange(encoded);
        }

        byte[] bytes = [.. new byte[] { 0x55, 0x13, 0x00 }, .. wire]; // noise, then a delimiter: resync
        var reader = new CobsFrameReader();
        var got = new List<byte[]>();
        for (int i = 0; i < bytes.Length;)
        {
            int chunk = Math.Min(random.Next(1, 40), bytes.Length - i);
            reader.Feed(bytes.AsSpan(i, chunk), got);
            i += chunk;
        }

        Assert.Equal(1, reader.InvalidPackets); // the noise before the first delimiter
        Assert.Equal(sent.Count, got.Count);
        for (int i = 0; i < sent.Count; i++) Assert.Equal(sent[i], got[i]);
    }

    [Fact]
    public async Task Serial_transport_on_a_loopback_pipe_delivers_the_bands_frames_and_its_commands()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var toGateway = new AnonymousPipeServerStream(PipeDirection.Out);
        using var fromBand = new AnonymousPipeClientStream(PipeDirection.In, toGateway.ClientSafePipeHandle);
        using var toBand = new AnonymousPipeServerStream(PipeDirection.Out);
        using var commandsIn = new AnonymousPipeClientStream(PipeDirection.In, toBand.ClientSafePipeHandle);
        await using var transport = new StreamBandTransport("bench-1", fromBand, toBand, ownsStreams: false);
        await transport.ConnectAsync(ct);

        // The "band": 500 frames, COBS-framed, written in odd-sized pieces, with one corrupted frame.
        var frames = Enumerable.Range(0, 500).Select(k => SyntheticBand.AngleFrame(k)).ToList();
        frames[123][9] ^= 0x01;
        Task writer = Task.Run(async () =>
        {
            var all = frames.SelectMany(f => CobsFraming.Encode(f)).ToArray();
            for (int i = 0; i < all.Length; i += 37) await toGateway.WriteAsync(all.AsMemory(i, Math.Min(37, all.Length - i)), ct);
            toGateway.Close();
        }, ct);

        var c = new Collector();
        var intake = new FrameIntake("bench-1", c);
        await foreach (ReceivedFrame f in transport.ReadFramesAsync(ct)) intake.Accept(f);
        await writer;
        intake.Flush();
        Assert.Equal(499, c.Frames.Count);
        Assert.Equal(1, intake.Counters.MalformedByStatus[DecodeStatus.BadCrc]);
        Assert.Equal((ushort)123, Assert.Single(c.Gaps).FirstSequence);

        // Commands go out COBS-framed and decode on the band side.
        var cmd = new CommandFrame();
        cmd.Set(7, CommandOpcode.SetMode);
        cmd.AddByte((int)StreamMode.RawImu);
        cmd.AddByte(3);
        var buffer = new byte[20];
        int n = FrameEncoder.EncodeCommand(cmd, buffer, 0);
        await transport.SendCommandAsync(buffer.AsMemory(0, n), ct);
        var received = new byte[64];
        int got = await commandsIn.ReadAsync(received, ct);
        var band = new CobsFrameReader();
        var decoded = new List<byte[]>();
        band.Feed(received.AsSpan(0, got), decoded);
        var frame = new DecodedFrame();
        Assert.Equal(DecodeStatus.Ok, FrameDecoder.TryDecode(decoded[0], 0, decoded[0].Length, frame));
        Assert.Equal(CommandOpcode.SetMode, frame.Command.Opcode);
    }

    [Fact]
    public async Task Virtual_band_through_a_lossy_drifting_link_gives_the_simulators_knee_angle()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var session = new SessionSimulator(CitizenProfile.Ideal, [new ProgramItem(ExerciseCatalogue.HeelSlide, ExerciseLevel.Medium, 1, 6), new ProgramItem(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Easy, 1, 6)], 100, 5);
        var link = new LinkSettings { LossProbability = 0.01, DuplicateProbability = 0.005, ReorderProbability = 0.01, BandClockPpm = 40, BaseDelayS = 0.01, JitterMeanS = 0.01, Seed = 2 };
        await using VirtualBandTransport t = VirtualBandTransport.Create("virtual-1", session, link: link);
        var samples = new List<AngleSample>();
        var gaps = new List<IntakeGap>();
        var intake = new FrameIntake("virtual-1", new AngleFeed(samples.Add, gaps.Add));
        await t.ConnectAsync(ct);
        await foreach (ReceivedFrame f in t.ReadFramesAsync(ct))
        {
            intake.Accept(f);
        }
        intake.Flush();

        Assert.Equal(t.Link.Lost, intake.Counters.Lost);
        Assert.Equal(t.Link.Duplicated, intake.Counters.Duplicates);
        Assert.InRange(intake.Clock.DriftPpm, 37, 43);
        // The angle the band computed, delivered in order, against the simulator's true knee angle (after 30 s of fitting).
        double first = 0; // the band clock starts at 0 with the session
        Assert.True(samples.Any(s => s.Valid), $"valid {samples.Count(s => s.Valid)} of {samples.Count}, first valid at {samples.FirstOrDefault(s => s.Valid).BandTimeS - first} s, quality {samples[^1].Quality}");
        var errors = samples.Where(s => s.Valid && s.BandTimeS > 30)
            .Select(s => (s.KneeFlexionRad - session.SampleAt(s.BandTimeS).KneeFlexionRad) * 180 / Math.PI).ToList();
        double rmse = Math.Sqrt(errors.Average(e => e * e));
        Assert.True(errors.Count > 3000, $"{errors.Count} valid samples");
        Assert.True(rmse < 5.0, $"knee RMSE {rmse:F2}° vs simulator truth");
        Assert.Equal(intake.Counters.Lost, gaps.Sum(g => g.Count));
    }

    [Fact]
    public async Task A_captured_frame_log_replays_to_the_same_intake_output()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        string path = folder.File("capture.csv.gz");
        var link = new LinkSettings { LossProbability = 0.03, ReorderProbability = 0.02, JitterMeanS = 0.01, Seed = 8 };
        (List<ReceivedFrame> frames, _) = SyntheticBand.OverLink(3000, link);
        frames.Insert(100, new ReceivedFrame("band-1", [1, 2, 3, 4, 5, 6], frames[99].ArrivalS)); // garbage is captured too
        using (FrameLogWriter w = FrameLog.Create(path, "band-1"))
        {
            foreach (ReceivedFrame f in frames) w.Write(f);
        }

        var live = new Collector();
        new FrameIntake("band-1", live).ApplyTo(frames);
        Assert.True(FrameLog.IsFrameLog(path));
        await using ReplayTransport replay = ReplayTransport.FromFrameLog(path);
        Assert.Equal("band-1", replay.DeviceId);
        await replay.ConnectAsync(ct);
        var replayed = new Collector();
        var intake = new FrameIntake(replay.DeviceId, replayed);
        await foreach (ReceivedFrame f in replay.ReadFramesAsync(ct)) intake.Accept(f);
        intake.Flush();
        Assert.Equal(live.Frames.Select(f => (f.Sequence, f.GatewayTimeS, f.Angle!.KneeFlexionRad)), replayed.Frames.Select(f => (f.Sequence, f.GatewayTimeS, f.Angle!.KneeFlexionRad)));
        Assert.Equal(live.Gaps, replayed.Gaps);
        Assert.Single(replayed.Errors);
    }
}
