using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Gateway.Intake.Angles;
using Sensors.Gateway.Intake.Transports;
using Sensors.Recording;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Gateway.Intake.Tests.Transports;

/// <summary>A real two-IMU recording replayed through the band core and the intake, scored against the optical encoder.</summary>
public class ReplayTests
{
    [Theory]
    [InlineData(ReplayFrameMode.Angles)]
    [InlineData(ReplayFrameMode.RawImu)]
    public async Task Hinge_recording_replayed_through_band_core_and_intake_follows_the_encoder(ReplayFrameMode mode)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string file = TestPaths.RequireDataset("hinge/pitch_slow.csv.gz");
        RecordingTable table = RecordingTable.Load(file);
        double[] t = table.GetColumn("t_s"), enc = table.GetColumn("encoder_deg");

        await using ReplayTransport replay = ReplayTransport.FromRecording(file, "hinge-1", mode);
        var samples = new List<AngleSample>();
        var intake = new FrameIntake("hinge-1", new AngleFeed(samples.Add));
        await replay.ConnectAsync(ct);
        await foreach (ReceivedFrame f in replay.ReadFramesAsync(ct)) intake.Accept(f);
        intake.Flush();

        Assert.Equal(0, intake.Counters.Lost);
        Assert.Equal(0, intake.Counters.Malformed);
        Assert.Equal(table.RowCount, samples.Count);
        // Same scoring idea as evaluate hinge: skip 30 s for the mounting fit, remove one offset, allow one sign flip.
        var pairs = samples.Select((s, i) => (s, e: enc[i], ti: t[i])).Where(p => p.ti > t[0] + 30 && p.s.Valid).ToList();
        double best = double.MaxValue;
        foreach (double sign in new[] { 1.0, -1.0 })
        {
            double offset = pairs.Average(p => sign * p.s.KneeFlexionRad * 180 / Math.PI - p.e);
            best = Math.Min(best, Math.Sqrt(pairs.Average(p => Math.Pow(sign * p.s.KneeFlexionRad * 180 / Math.PI - offset - p.e, 2))));
        }
        Assert.True(best < 3.0, $"{mode}: RMSE {best:F2}° vs encoder");
    }
}
