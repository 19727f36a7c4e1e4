using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sensors.Band.Joint;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>
/// The strap-slip burst detector against the simulator's ground truth (<see cref="SessionEventKind.StrapSlip"/>: time,
/// band, rotation): on the asserting seeds' home sessions every slip with a detectable part off the knee axis is found at
/// its true time, and no burst fires anywhere else — neither in those sessions nor in the fitting sessions without a slip.
/// </summary>
public class StrapSlipDetectionTests(ITestOutputHelper output)
{
    private const double Deg = 180.0 / Math.PI;

    public static TheoryData<int, CitizenArchetype> Seeds => new()
    {
        { 201, CitizenArchetype.EarlyPostOp }, { 202, CitizenArchetype.EarlyPostOp }, { 203, CitizenArchetype.LatePostOp },
        { 204, CitizenArchetype.LatePostOp }, { 206, CitizenArchetype.Healthy }, { 208, CitizenArchetype.Healthy },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_slip_is_detected_at_its_true_time_and_nothing_else_is(int seed, CitizenArchetype archetype)
    {
        CitizenProfile citizen = CitizenProfile.Draw(seed, archetype) with { Slip = null };
        IReadOnlyList<ProgramItem> program = SimulatedKneeSession.ShortProgram(archetype);
        var fitBursts = new List<double>();
        KneeSessionResult fit = SimulatedKneeSession.Run(citizen, program, seed, seed * 10 + 3, null, observe: Bursts(fitBursts));
        Assert.True(fitBursts.Count == 0, $"fitting without a slip: bursts at {string.Join(", ", fitBursts.Select(F))} s");

        StrapSlipPlan plan = StrapSlipPlan.Draw(new Random(seed + 5000));
        CitizenProfile slipping = citizen with { Slip = plan };
        SessionEvent slip = new SessionSimulator(slipping, program, 100.0, seed * 10 + 4).Events.Single(e => e.Kind == SessionEventKind.StrapSlip);
        // The knee axis is the segments' y axis: the part about it is invisible to any relative-rotation test; the rest shows.
        double offKneeDeg = Math.Sqrt(plan.RotationRad.X * plan.RotationRad.X + plan.RotationRad.Z * plan.RotationRad.Z) * Deg;
        var homeBursts = new List<double>();
        var slipped = new List<int>();
        SimulatedKneeSession.Run(slipping, program, seed, seed * 10 + 4, fit.Record, observe: Bursts(homeBursts, slipped));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: true slip {plan.Site} {slip.StartS:F2}–{slip.EndS:F2} s, {plan.RotationRad.Length * Deg:F1}° ({offKneeDeg:F1}° off the knee axis); " +
            $"detected at {string.Join(", ", homeBursts.Select(F))} s, pod {string.Join(", ", slipped)}"));

        Assert.True(offKneeDeg >= 4, $"seed {seed}: the drawn slip has only {offKneeDeg:F1}° off the knee axis (choose seeds with a detectable slip)");
        double at = Assert.Single(homeBursts);
        Assert.InRange(at, slip.StartS - 0.5, slip.EndS + 1.5);
        Assert.Equal(plan.Site == BandSite.Thigh ? 1 : 2, Assert.Single(slipped));
    }

    private static Action<SessionSample, JointAngleEstimator> Bursts(List<double> times, List<int>? pods = null)
    {
        int seen = 0;
        return (s, est) =>
        {
            if (est.SlipBursts == seen) return;
            seen = est.SlipBursts;
            times.Add(est.SlipDetector.LastStartS);
            pods?.Add(est.SlipDetector.SlippedSensor);
        };
    }

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
