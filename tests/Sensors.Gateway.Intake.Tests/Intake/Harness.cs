using System;
using System.Collections.Generic;
using Sensors.Band.Protocol;
using Sensors.Gateway.Intake;
using Sensors.Gateway.Intake.Transports;

namespace Sensors.Gateway.Intake.Tests.Intake;

/// <summary>Collects what an intake passes on.</summary>
internal sealed class Collector : IIntakeObserver
{
    public List<IntakeFrame> Frames { get; } = [];
    public List<IntakeGap> Gaps { get; } = [];
    public List<IntakeError> Errors { get; } = [];

    public void OnFrame(IntakeFrame frame) => Frames.Add(frame);
    public void OnGap(IntakeGap gap) => Gaps.Add(gap);
    public void OnError(IntakeError error) => Errors.Add(error);
}

/// <summary>Synthetic band: angle frames at 100 Hz with a known angle (sin) and band clock, for fast exact tests.</summary>
internal static class SyntheticBand
{
    public const double PeriodS = 0.01;

    public static double TrueAngleRad(double bandTimeS) => 0.8 * Math.Sin(2 * Math.PI * 0.2 * bandTimeS);

    /// <summary>Angle frame k (sequence startSequence + k, band time startS + k·10 ms).</summary>
    public static byte[] AngleFrame(long k, ushort startSequence = 0, double startS = 0, double jumpAtK = long.MaxValue, double jumpS = 0)
    {
        double t = startS + k * PeriodS + (k >= jumpAtK ? jumpS : 0);
        var f = new AngleFrame
        {
            Sequence = SequenceNumber.Add(startSequence, (int)(k % 65536)),
            TimestampTicks = SequenceNumber.TimestampFromMicroseconds((long)Math.Round(t * 1e6)),
            KneeFlexionRad = (float)TrueAngleRad(t),
        };
        var buffer = new byte[32];
        int n = FrameEncoder.EncodeAngle(f, buffer, 0);
        return buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>n frames sent over a simulated link.</summary>
    public static (List<ReceivedFrame> Frames, LinkSimulator Link) OverLink(int n, LinkSettings link, ushort startSequence = 0, double startS = 0)
    {
        var sim = new LinkSimulator("band-1", link);
        var output = new List<ReceivedFrame>();
        for (int k = 0; k < n; k++) sim.Send(AngleFrame(k, startSequence, startS), startS + k * PeriodS, output);
        sim.Flush(output);
        return (output, sim);
    }
}
