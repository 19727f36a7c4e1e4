using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Band.Protocol;
using Sensors.Gateway.Intake;
using Sensors.Gateway.Intake.Transports;
using Xunit;

namespace Sensors.Gateway.Intake.Tests.Intake;

/// <summary>Sequence order, loss, duplicates, reordering, bad input — checked against the link simulator's own record.</summary>
public class FrameIntakeTests
{
    [Fact]
    public void Injected_loss_duplicates_and_reordering_are_counted_exactly_and_gaps_name_the_lost_frames()
    {
        var link = new LinkSettings { LossProbability = 0.02, DuplicateProbability = 0.01, ReorderProbability = 0.02, BaseDelayS = 0.007, JitterMeanS = 0.01, Seed = 3 };
        (List<ReceivedFrame> frames, LinkSimulator sim) = SyntheticBand.OverLink(30_000, link);
        var c = new Collector();
        var intake = new FrameIntake("band-1", c);
        intake.ApplyTo(frames);

        Assert.True(sim.Lost > 400 && sim.Duplicated > 200 && sim.Reordered > 400, "the link must actually impair");
        Assert.Equal(sim.Lost, intake.Counters.Lost);
        Assert.Equal(sim.Duplicated, intake.Counters.Duplicates);
        Assert.Equal(sim.Reordered, intake.Counters.Reordered);
        Assert.Equal(30_000 - sim.Lost, intake.Counters.Accepted);
        Assert.Empty(c.Errors);

        // Frames come out strictly in sequence order; the gaps list exactly the lost sequence numbers.
        var lost = new List<ushort>();
        foreach (IntakeGap g in c.Gaps) for (int i = 0; i < g.Count; i++) lost.Add(SequenceNumber.Add(g.FirstSequence, i));
        Assert.Equal(sim.LostSequences.OrderBy(s => s), lost.OrderBy(s => s));
        for (int i = 1; i < c.Frames.Count; i++) Assert.True(c.Frames[i].UnwrappedSequence > c.Frames[i - 1].UnwrappedSequence);
        // Angles are passed through, never interpolated: each accepted frame carries its own band sample.
        foreach (IntakeFrame f in c.Frames)
            Assert.Equal(SyntheticBand.TrueAngleRad(f.BandTimeS), f.Angle!.KneeFlexionRad, 1e-3);
    }

    [Fact]
    public void Streaming_and_batch_forms_give_the_same_output()
    {
        var link = new LinkSettings { LossProbability = 0.05, ReorderProbability = 0.05, DuplicateProbability = 0.02, JitterMeanS = 0.02, Seed = 9 };
        (List<ReceivedFrame> frames, _) = SyntheticBand.OverLink(5000, link);
        var a = new Collector();
        new FrameIntake("band-1", a).ApplyTo(frames);
        var b = new Collector();
        var streaming = new FrameIntake("band-1", b);
        foreach (ReceivedFrame f in frames) streaming.Accept(f);
        streaming.Flush();
        Assert.Equal(a.Frames.Select(f => (f.Sequence, f.GatewayTimeS)), b.Frames.Select(f => (f.Sequence, f.GatewayTimeS)));
        Assert.Equal(a.Gaps, b.Gaps);
    }

    [Fact]
    public void Sequence_and_timestamp_wraparound_are_continuous()
    {
        // Start near both wraps: sequence 65000 wraps after 536 frames, the 24-bit timestamp after 167.77 s.
        (List<ReceivedFrame> frames, _) = SyntheticBand.OverLink(40_000, new LinkSettings(), startSequence: 65_000, startS: 160.0);
        var c = new Collector();
        new FrameIntake("band-1", c).ApplyTo(frames);
        Assert.Equal(40_000, c.Frames.Count);
        Assert.Empty(c.Gaps);
        double first = c.Frames[0].BandTimeS;
        for (int k = 0; k < c.Frames.Count; k++) Assert.Equal(k * 0.01, c.Frames[k].BandTimeS - first, 1e-6);
        Assert.Equal(39_999, c.Frames[^1].UnwrappedSequence - c.Frames[0].UnwrappedSequence);
    }

    [Fact]
    public void Malformed_frames_are_reported_with_band_and_reason_and_lose_nothing_accepted()
    {
        var c = new Collector();
        var intake = new FrameIntake("band-7", c);
        for (int k = 0; k < 100; k++) intake.Accept(SyntheticBand.AngleFrame(k), k * 0.01);
        byte[] bad = SyntheticBand.AngleFrame(100);
        bad[8] ^= 0x10;
        intake.Accept(bad, 1.0);
        intake.Accept(SyntheticBand.AngleFrame(101).AsSpan(0, 4), 1.01);
        intake.Accept(new byte[600], 1.02);
        for (int k = 102; k < 200; k++) intake.Accept(SyntheticBand.AngleFrame(k), k * 0.01);
        intake.Flush();

        Assert.Equal(3, intake.Counters.Malformed);
        Assert.Equal(1, intake.Counters.MalformedByStatus[DecodeStatus.BadCrc]);
        Assert.Equal(1, intake.Counters.MalformedByStatus[DecodeStatus.TooShort]);
        Assert.Equal(1, intake.Counters.MalformedByStatus[DecodeStatus.BadLength]);
        Assert.All(c.Errors, e => Assert.Contains("band band-7", e.Message, StringComparison.Ordinal));
        Assert.Contains("BadCrc", c.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(198, c.Frames.Count); // everything valid was kept
        IntakeGap gap = Assert.Single(c.Gaps);
        Assert.Equal((ushort)100, gap.FirstSequence);
        Assert.Equal(2, gap.Count); // the corrupt and the truncated frame are a marked gap, not interpolated
    }

    [Fact]
    public void Unknown_device_is_reported_and_registered_bands_are_unaffected()
    {
        var errors = new List<IntakeError>();
        var hub = new FrameIntakeHub(errors.Add);
        var c = new Collector();
        hub.Register("band-1", c);
        hub.Accept(new ReceivedFrame("band-1", SyntheticBand.AngleFrame(0), 0));
        hub.Accept(new ReceivedFrame("stranger", SyntheticBand.AngleFrame(1), 0.01));
        hub.Accept(new ReceivedFrame("band-1", SyntheticBand.AngleFrame(1), 0.01));
        Assert.Equal(2, c.Frames.Count);
        Assert.Equal(1, hub.UnknownDeviceFrames);
        IntakeError e = Assert.Single(errors);
        Assert.Equal(IntakeErrorKind.UnknownDevice, e.Kind);
        Assert.Contains("stranger", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batched_records_come_out_as_single_frames_with_their_own_sequence_and_time()
    {
        var buffer = new byte[244];
        var batch = new BatchEncoder();
        batch.Begin(buffer, 0, buffer.Length);
        var frames = new List<(byte[], double)>();
        for (int k = 0; k < 19; k++)
        {
            var f = new AngleFrame { Sequence = (ushort)k, TimestampTicks = (uint)(k * 1000), KneeFlexionRad = k * 0.01f };
            Assert.True(batch.TryAddAngle(f));
        }
        int n = batch.Finish();
        var c = new Collector();
        var intake = new FrameIntake("band-1", c);
        intake.Accept(buffer.AsSpan(0, n), 0.2);
        intake.Flush();
        Assert.Equal(19, c.Frames.Count);
        for (int k = 0; k < 19; k++)
        {
            Assert.Equal((ushort)k, c.Frames[k].Sequence);
            Assert.Equal(k * 0.01, c.Frames[k].BandTimeS - c.Frames[0].BandTimeS, 1e-9);
            Assert.Equal(k * 0.01, c.Frames[k].Angle!.KneeFlexionRad, 1e-4);
        }
    }

    [Fact]
    public void A_band_reboot_restarts_the_sequence_and_is_reported()
    {
        var c = new Collector();
        var intake = new FrameIntake("band-1", c);
        for (int k = 0; k < 5000; k++) intake.Accept(SyntheticBand.AngleFrame(k), k * 0.01);
        for (int k = 0; k < 100; k++) intake.Accept(SyntheticBand.AngleFrame(k), 50 + k * 0.01); // sequence and clock from 0 again
        intake.Flush();
        Assert.Equal(5100, c.Frames.Count);
        Assert.Equal(1, intake.Counters.SequenceRestarts);
        Assert.Contains(c.Errors, e => e.Kind == IntakeErrorKind.SequenceRestart && e.Message.Contains("band-1", StringComparison.Ordinal));
    }
}
