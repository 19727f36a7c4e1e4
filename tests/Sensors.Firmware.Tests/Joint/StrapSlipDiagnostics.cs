using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Sensors.Band.Joint;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>
/// Diagnostics for the strap-slip work (not an assertion): runs the fitting and the home session with a slip for the
/// tuning and asserting seeds and writes, per seed, the ground-truth slip (time, site, angle, component about the knee
/// axis), the mean angle error before and after it, what the estimator detected, and the session scores. Runs only when
/// SENSORS_SLIP_DIAG names an output file.
/// </summary>
public class StrapSlipDiagnostics
{
    private const double Deg = 180.0 / Math.PI;

    [Fact]
    public void Write_slip_diagnostics()
    {
        string? path = Environment.GetEnvironmentVariable("SENSORS_SLIP_DIAG");
        if (string.IsNullOrEmpty(path)) return;
        string seedsText = Environment.GetEnvironmentVariable("SENSORS_SLIP_SEEDS") ?? "101,102,103,104,105,106,201,202,203,204,205,206,207,208";
        bool noSlip = Environment.GetEnvironmentVariable("SENSORS_SLIP_NOSLIP") == "1";
        string mode = Environment.GetEnvironmentVariable("SENSORS_SLIP_MODE") ?? "default";
        JointAngleSettings Settings()
        {
            var st = new JointAngleSettings();
            if (mode == "off") st.SlipBurstDetect = false;
            if (mode == "detect") { st.SlipBridge = false; st.SlipBurstRestartsWindow = false; st.SlipBurstTurnsAxis = false; }
            if (mode == "bridge") { st.SlipBurstRestartsWindow = false; st.SlipBurstTurnsAxis = false; }
            if (mode == "noturn") st.SlipBurstTurnsAxis = false;
            if (mode == "norestart") st.SlipBurstRestartsWindow = false;
            string? thr = Environment.GetEnvironmentVariable("SENSORS_SLIP_THR");
            if (thr != null) st.SlipBurstThresholdDeg = double.Parse(thr, CultureInfo.InvariantCulture);
            string? frac = Environment.GetEnvironmentVariable("SENSORS_SLIP_FRAC");
            if (frac != null) st.SlipBurstRotationFraction = double.Parse(frac, CultureInfo.InvariantCulture);
            return st;
        }
        var sb = new StringBuilder();
        foreach (string part in seedsText.Split(','))
        {
            int seed = int.Parse(part, CultureInfo.InvariantCulture);
            CitizenArchetype archetype = (seed % 100) <= 2 ? CitizenArchetype.EarlyPostOp : (seed % 100) <= 4 ? CitizenArchetype.LatePostOp : CitizenArchetype.Healthy;
            CitizenProfile citizen = CitizenProfile.Draw(seed, archetype) with { Slip = null };
            if (Environment.GetEnvironmentVariable("SENSORS_SLIP_NOWOBBLE") == "1") citizen = citizen with { SoftTissueRotationRad = 0, SoftTissueTranslationM = 0 };
            IReadOnlyList<ProgramItem> program = SimulatedKneeSession.ShortProgram(archetype);
            double fitMaxExcess = double.NegativeInfinity, fitMaxAt = 0, fitStepAt = 0, fitRotAt = 0;
            int fitBursts = 0, fitActive = 0, fitAll = 0, fitHolds = 0, homeHolds = 0;
            SimulatedKneeSession.Observe = (s, est) =>
            {
                fitBursts = est.SlipBursts;
                if (est.SlipHolds != fitHolds && Environment.GetEnvironmentVariable("SENSORS_SLIP_HOLDS") == "1")
                    sb.Append(string.Create(CultureInfo.InvariantCulture, $"    hold {s.TimeS:F2} {s.ExerciseId} {s.Phase} spike {est.SlipDetector.LastHoldSpikeRadPerS * Deg:F1} noise {est.SlipDetector.LastHoldNoiseRadPerS * Deg:F1} rate {est.SlipDetector.HoldRateRadPerS * Deg:F1} w1 {s.Thigh.AngularVelocityRadPerS.Length * Deg:F1} w2 {s.Shank.AngularVelocityRadPerS.Length * Deg:F1}\n"));
                fitHolds = est.SlipHolds;
                fitAll++;
                if (est.SlipDetector.StepRad > 0) fitActive++;
                double x = est.SlipDetector.StepRad - est.SlipDetector.ThresholdRad;
                if (s.TimeS > 5 && est.SlipDetector.StepRad > 0 && x > fitMaxExcess) { fitMaxExcess = x; fitMaxAt = s.TimeS; fitStepAt = est.SlipDetector.StepRad; fitRotAt = est.SlipDetector.SegmentRotationRad; }
            };
            KneeSessionResult fit;
            try { fit = SimulatedKneeSession.Run(citizen, program, seed, seed * 10 + 3, null, Settings()); }
            finally { SimulatedKneeSession.Observe = null; }
            StrapSlipPlan plan = StrapSlipPlan.Draw(new Random(seed + 5000));
            CitizenProfile slipping = noSlip ? citizen : citizen with { Slip = plan };
            double slipStart = double.NaN, slipEnd = double.NaN;
            double sumPre = 0, sumPost = 0; int nPre = 0, nPost = 0;
            var detections = new List<string>();
            int lastBursts = 0;
            double outMax = double.NegativeInfinity, outAt = 0, outStep = 0, outRot = 0, inMaxStep = 0, inRot = 0, inLeak = 0;
            double lastT = 0;
            SimulatedKneeSession.Observe = (s, est) =>
            {
                lastT = s.TimeS;
                if (est.SlipHolds != homeHolds && Environment.GetEnvironmentVariable("SENSORS_SLIP_HOLDS") == "1")
                    sb.Append(string.Create(CultureInfo.InvariantCulture, $"    home hold {s.TimeS:F2} {s.ExerciseId} {s.Phase} spike {est.SlipDetector.LastHoldSpikeRadPerS * Deg:F1} noise {est.SlipDetector.LastHoldNoiseRadPerS * Deg:F1} rate {est.SlipDetector.HoldRateRadPerS * Deg:F1} w1 {s.Thigh.AngularVelocityRadPerS.Length * Deg:F1} w2 {s.Shank.AngularVelocityRadPerS.Length * Deg:F1}\n"));
                homeHolds = est.SlipHolds;
                if (est.SlipBursts != lastBursts)
                {
                    lastBursts = est.SlipBursts;
                    detections.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{est.SlipDetector.LastStartS:F2}-{est.SlipDetector.LastEndS:F2}s peak {est.SlipDetector.LastPeakRad * Deg:F1}° bridge {est.SlipDetector.BridgeShiftRad * Deg:F2}° pod {est.SlipDetector.SlippedSensor} turn {est.SlipDetector.SlipTurnERad * Deg:F1}/{est.SlipDetector.SlipTurnFRad * Deg:F1}° ({s.ExerciseId})"));
                }
                if (Environment.GetEnvironmentVariable("SENSORS_SLIP_TRACE") == "1" && !double.IsNaN(slipStart) && s.TimeS > slipStart - 0.3 && s.TimeS < slipEnd + 1.5)
                    sb.Append(string.Create(CultureInfo.InvariantCulture, $"    t {s.TimeS:F2} true {s.KneeFlexionRad * Deg:F2} got {est.FlexionRad * Deg:F2} step {est.SlipDetector.StepRad * Deg:F2} thr {est.SlipDetector.ThresholdRad * Deg:F2} bursts {est.SlipBursts} hold {est.SlipDetector.Holding}\n"));
                double x = est.SlipDetector.StepRad - est.SlipDetector.ThresholdRad;
                bool inSlip = !double.IsNaN(slipStart) && s.TimeS > slipStart - 0.5 && s.TimeS < slipEnd + 1.5;
                if (inSlip && est.SlipDetector.StepRad > inMaxStep) { inMaxStep = est.SlipDetector.StepRad; inRot = est.SlipDetector.SegmentRotationRad; inLeak = est.SlipDetector.LeakFraction; }
                if (!inSlip && s.TimeS > 5 && x > outMax) { outMax = x; outAt = s.TimeS; outStep = est.SlipDetector.StepRad; outRot = est.SlipDetector.SegmentRotationRad; }
                if (!est.IsValid || double.IsNaN(slipStart)) return;
                double e = (est.FlexionRad - s.KneeFlexionRad) * Deg;
                if (s.TimeS > slipStart - 20 && s.TimeS < slipStart) { sumPre += e; nPre++; }
                if (s.TimeS > slipEnd + 5 && s.TimeS < slipEnd + 25) { sumPost += e; nPost++; }
            };
            if (!noSlip)
            {
                var probe = new SessionSimulator(slipping, program, 100.0, seed * 10 + 4);
                foreach (SessionEvent ev in probe.Events)
                    if (ev.Kind == SessionEventKind.StrapSlip) { slipStart = ev.StartS; slipEnd = ev.EndS; }
            }
            KneeSessionResult home;
            try { home = SimulatedKneeSession.Run(slipping, program, seed, seed * 10 + 4, fit.Record, Settings()); }
            finally { SimulatedKneeSession.Observe = null; }
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed} {archetype}: slip {(noSlip ? "none" : plan.Site.ToString())} at {slipStart:F1}s angle {plan.RotationRad.Length * Deg:F1}° about-knee(Y) {plan.RotationRad.Y * Deg:F1}° off-knee {Math.Sqrt(plan.RotationRad.X * plan.RotationRad.X + plan.RotationRad.Z * plan.RotationRad.Z) * Deg:F1}° err pre {(nPre > 0 ? sumPre / nPre : double.NaN):F2}° post {(nPost > 0 ? sumPost / nPost : double.NaN):F2}°\n"));
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"  holds fit {fitHolds} home {homeHolds}; fit: active {fitActive}/{fitAll} bursts {fitBursts} max excess {fitMaxExcess * Deg:F2}° at {fitMaxAt:F1}s (step {fitStepAt * Deg:F2} rot {fitRotAt * Deg:F1}); home outside slip: max excess {outMax * Deg:F2}° at {outAt:F1}s (step {outStep * Deg:F2} rot {outRot * Deg:F1}); in slip: step {inMaxStep * Deg:F2}° rot {inRot * Deg:F1}° leak {inLeak:F3}\n"));
            sb.Append("  detected: " + (detections.Count == 0 ? "none" : string.Join("; ", detections)) + "\n");
            sb.Append("  fit:  " + fit + "\n");
            sb.Append("  home: " + home + "\n");
            File.WriteAllText(path, sb.ToString());
        }
    }
}
