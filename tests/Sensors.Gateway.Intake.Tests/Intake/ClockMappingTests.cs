using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Gateway.Intake;
using Sensors.Gateway.Intake.Transports;
using Xunit;

namespace Sensors.Gateway.Intake.Tests.Intake;

/// <summary>Band clock → gateway clock: drift estimate and mapped times against the link simulator's true clocks.</summary>
public class ClockMappingTests
{
    [Theory]
    [InlineData(50.0)]
    [InlineData(-35.0)]
    public void Drift_is_estimated_within_2_ppm_despite_radio_delays(double ppm)
    {
        var link = new LinkSettings { BandClockPpm = ppm, ClockOffsetS = 1234.5, BaseDelayS = 0.008, JitterMeanS = 0.01, LossProbability = 0.01, Seed = 4 };
        (List<ReceivedFrame> frames, LinkSimulator sim) = SyntheticBand.OverLink(30_000, link); // 5 min
        var c = new Collector();
        var intake = new FrameIntake("band-1", c);
        intake.ApplyTo(frames);

        Assert.InRange(intake.Clock.DriftPpm, ppm - 2, ppm + 2);
        // Mapped time = when the band sent it (true gateway time) + the link's minimum delay; radio jitter (mean 10 ms) is removed.
        var late = c.Frames.Where(f => f.BandTimeS > 60).ToList();
        double worst = late.Max(f => Math.Abs(f.GatewayTimeS - (sim.GatewayTimeOf(f.BandTimeS) + link.BaseDelayS)));
        Assert.True(worst < 0.002, $"worst mapping error {worst * 1e3:F2} ms");
        double meanDelay = late.Average(f => f.ArrivalS - f.GatewayTimeS);
        Assert.InRange(meanDelay, 0.005, 0.03); // the jitter shows up as delay above the envelope
        Assert.Empty(c.Errors);
    }

    [Fact]
    public void A_clock_jump_is_reported_naming_band_and_sequence_and_data_keep_flowing()
    {
        var sim = new LinkSimulator("band-3", new LinkSettings { BaseDelayS = 0.01, JitterMeanS = 0.005 });
        var frames = new List<ReceivedFrame>();
        for (int k = 0; k < 6000; k++)
        {
            // The band's timer jumps 5 s ahead at frame 3000 (sent at the right time, stamped wrong).
            sim.Send(SyntheticBand.AngleFrame(k, jumpAtK: 3000, jumpS: 5.0), k * 0.01, frames);
        }

        var c = new Collector();
        var intake = new FrameIntake("band-3", c);
        intake.ApplyTo(frames);
        IntakeError jump = Assert.Single(c.Errors);
        Assert.Equal(IntakeErrorKind.ClockJump, jump.Kind);
        Assert.Equal(3000, jump.Sequence);
        Assert.Contains("band band-3", jump.Message, StringComparison.Ordinal);
        Assert.Contains("sequence 3000", jump.Message, StringComparison.Ordinal);
        Assert.Matches(@"jumped \+(4\.9[5-9]\d|5\.0[0-4]\d) s", jump.Message); // 5 s minus the link delay
        Assert.Equal(6000, c.Frames.Count);
        // After re-anchoring, gateway times continue where they were (no 5 s hole in the session).
        Assert.InRange(c.Frames[3000].GatewayTimeS - c.Frames[2999].GatewayTimeS, 0.0, 0.05);
    }
}
