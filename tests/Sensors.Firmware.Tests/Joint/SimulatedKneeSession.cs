using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Band.Joint;
using Sensors.Hardware.Bench;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.People;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>Knee-angle accuracy of one simulated session against the simulator's true knee flexion (degrees).</summary>
internal sealed class KneeSessionResult
{
    public double RmseDeg { get; init; }

    public double MaxAbsErrorDeg { get; init; }

    /// <summary>Lowest reported angle while the true angle is ≥ 0 (a false hyperextension shows as &lt; −3°).</summary>
    public double MinReportedWhenTrueNonNegativeDeg { get; init; }

    /// <summary>Worst |reported min − true min| over the reps whose true min is a hyperextension (&lt; −2°); NaN if none.</summary>
    public double HyperextensionErrorDeg { get; init; }

    /// <summary>Number of reps with a true hyperextension (&lt; −2°).</summary>
    public int HyperextensionReps { get; init; }

    public int ScoredSamples { get; init; }

    /// <summary>Session time at which the estimator first reported a valid angle, s (NaN: never).</summary>
    public double FirstValidS { get; init; } = double.NaN;

    /// <summary>End times of the session's true reps, s (ground truth, programme order).</summary>
    public IReadOnlyList<double> RepEndS { get; init; } = [];

    /// <summary>RMSE over every valid sample from the first valid one, warm-up included, deg (the early angle).</summary>
    public double EarlyRmseDeg { get; init; } = double.NaN;

    public int SlipCount { get; init; }

    public bool HadSlip { get; init; }

    /// <summary>Exercise during which the strap slipped (null without a slip).</summary>
    public string? SlipExercise { get; init; }

    /// <summary>Times the zero was re-anchored at a repeated rest pose.</summary>
    public int Reanchors { get; init; }

    public IReadOnlyDictionary<string, double> RmseDegByExercise { get; init; } = new Dictionary<string, double>();

    /// <summary>The mounting record at the end of the session (what the gateway stores for the next one).</summary>
    public MountingRecord Record { get; init; } = new MountingRecord();

    public override string ToString()
    {
        var parts = new List<string>();
        foreach (KeyValuePair<string, double> kv in RmseDegByExercise) parts.Add(kv.Key + "=" + kv.Value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"firstValid {FirstValidS:F1}s early {EarlyRmseDeg:F2}° rmse {RmseDeg:F2}° max {MaxAbsErrorDeg:F1}° minWhenTrue≥0 {MinReportedWhenTrueNonNegativeDeg:F2}° hyperErr {HyperextensionErrorDeg:F2}° ({HyperextensionReps} reps) slip {HadSlip}/{SlipCount} in {SlipExercise} reanchors {Reanchors} n {ScoredSamples} [{string.Join(", ", parts)}]");
    }
}

/// <summary>
/// Test harness: <see cref="SessionSimulator"/> → two <see cref="SimulatedImu"/> (MPU-6500 error model, parts drawn from the
/// band seed) → <see cref="JointAngleEstimator"/>. First fitting: the reference pose is captured 2 s into the session
/// (citizen lying still in the first exercise's start pose) with the true knee angle as the goniometer value. Later
/// sessions load the stored <see cref="MountingRecord"/> and take no reference pose. Scored after a warm-up of 30 s.
/// </summary>
internal static class SimulatedKneeSession
{
    public const double WarmUpS = 30.0;

    /// <summary>Optional per-second diagnostics sink (null in tests).</summary>
    public static Action<string>? Trace { get; set; }

    public const double ReferencePoseAtS = 2.0;
    private const double Deg = 180.0 / Math.PI;

    /// <summary>A short programme (one set each) that covers bed, chair and standing-up work; quad sets push into hyperextension.</summary>
    public static IReadOnlyList<ProgramItem> ShortProgram(CitizenArchetype archetype)
    {
        ExerciseLevel level = archetype == CitizenArchetype.EarlyPostOp ? ExerciseLevel.Easy : ExerciseLevel.Hard;
        return
        [
            new(ExerciseCatalogue.HeelSlide, level, 1, 6),
            new(ExerciseCatalogue.QuadSet, level, 1, 5),
            new(ExerciseCatalogue.LongArcQuad, ExerciseLevel.Easy, 1, 6),
            new(ExerciseCatalogue.SitToStand, ExerciseLevel.Easy, 1, 4),
        ];
    }

    /// <summary>Runs one session. <paramref name="stored"/> null = first fitting (reference pose taken).</summary>
    /// <remarks>
    /// <paramref name="factoryCalibrated"/> (default, as the band runs): each IMU part went through the technicians' bench
    /// calibration at 25 °C (six-position cube for the accelerometer, rate table for the gyro, solved by
    /// <see cref="BenchCalibration"/> from the part's own noisy captures) and the band corrects every sample with it; what
    /// remains is the calibration's own error and the temperature drift of the offsets (not calibrated) during the session's
    /// warm-up. false = raw parts (a band whose calibration record is missing).
    /// </remarks>
    public static KneeSessionResult Run(CitizenProfile citizen, IReadOnlyList<ProgramItem> program, int bandSeed, int sessionSeed,
        MountingRecord? stored, JointAngleSettings? settings = null, bool factoryCalibrated = true, bool postureContext = false,
        Action<SessionSample, JointAngleEstimator>? observe = null)
    {
        var sim = new SessionSimulator(citizen, program, 100.0, sessionSeed);
        ImuErrorParameters thighPart = ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, bandSeed * 2 + 1);
        ImuErrorParameters shankPart = ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, bandSeed * 2 + 2);
        var thighImu = new SimulatedImu(thighPart, sessionSeed * 7 + 1);
        var shankImu = new SimulatedImu(shankPart, sessionSeed * 7 + 2);
        ImuCalibration thighCal = factoryCalibrated ? BenchCalibrate(thighPart, bandSeed * 2 + 1) : Uncalibrated;
        ImuCalibration shankCal = factoryCalibrated ? BenchCalibrate(shankPart, bandSeed * 2 + 2) : Uncalibrated;
        var est = new JointAngleEstimator(settings ?? new JointAngleSettings());
        // Sign hints: the knee axis in each pod frame for the nominal band placement (hardware assembly), as the band knows it.
        Sensors.Hardware.Math.Vec3 h1 = BandPlacement.For(BandSite.Thigh, citizen.Dimensions, citizen.Side).NominalMounting.RotateInverse(Sensors.Hardware.Math.Vec3.UnitY);
        Sensors.Hardware.Math.Vec3 h2 = BandPlacement.For(BandSite.Shank, citizen.Dimensions, citizen.Side).NominalMounting.RotateInverse(Sensors.Hardware.Math.Vec3.UnitY);
        est.Axis.SetAxisHints(h1.X, h1.Y, h1.Z, h2.X, h2.Y, h2.Z);
        if (stored != null) est.LoadMounting(stored);
        bool referenced = stored != null;
        double sum = 0, maxAbs = 0, minNonNeg = double.PositiveInfinity;
        int n = 0;
        var exSum = new Dictionary<string, (double Sum, int N)>();
        var reported = new List<(double T, double Deg)>();
        double firstValid = double.NaN, earlySum = 0;
        int earlyN = 0;
        const double dt = 0.01;
        foreach (SessionSample s in sim.Samples())
        {
            if (postureContext) est.SetPostureContext(PostureOf(s.ExerciseId));
            ImuSample a = Correct(thighImu.Process(s.Thigh), thighCal), b = Correct(shankImu.Process(s.Shank), shankCal);
            est.Update(dt,
                (float)a.AccelerationMPerS2.X, (float)a.AccelerationMPerS2.Y, (float)a.AccelerationMPerS2.Z,
                (float)a.AngularVelocityRadPerS.X, (float)a.AngularVelocityRadPerS.Y, (float)a.AngularVelocityRadPerS.Z,
                (float)b.AccelerationMPerS2.X, (float)b.AccelerationMPerS2.Y, (float)b.AccelerationMPerS2.Z,
                (float)b.AngularVelocityRadPerS.X, (float)b.AngularVelocityRadPerS.Y, (float)b.AngularVelocityRadPerS.Z);
            observe?.Invoke(s, est);
            if (!referenced && s.TimeS >= ReferencePoseAtS)
            {
                referenced = est.CaptureReferencePose(s.KneeFlexionRad);
            }
            if (Trace != null && Math.Abs(s.TimeS - Math.Round(s.TimeS)) < 0.004)
            {
                Sensors.Hardware.Math.Vec3 t1 = s.ThighMounting.RotateInverse(Sensors.Hardware.Math.Vec3.UnitY), t2 = s.ShankMounting.RotateInverse(Sensors.Hardware.Math.Vec3.UnitY);
                double d1 = est.Axis.Axis1X * t1.X + est.Axis.Axis1Y * t1.Y + est.Axis.Axis1Z * t1.Z;
                double d2 = est.Axis.Axis2X * t2.X + est.Axis.Axis2Y * t2.Y + est.Axis.Axis2Z * t2.Z;
                Trace(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{s.TimeS:F0} {s.ExerciseId} {s.Phase} true {s.KneeFlexionRad * Deg:F1} got {est.FlexionRad * Deg:F1} v {est.IsValid} d1 {d1:F3} d2 {d2:F3} ver {est.Axis.Version} flips {est.RelativeSignFlips} slips {est.SlipCount} restarts {est.WindowRestarts} sign {est.Mounting.FlexionSign}/{est.Mounting.FlexionSignResolved} w {est.GravityWeight:F2} ref {est.ReferencePoseActive} pl {est.Axis.Planarity1:F2}/{est.Axis.Planarity2:F2} still {est.Axis.Segment1Still}/{est.Axis.Segment2Still} b {est.RelativeBiasRadPerS * Deg:F2} n {est.Axis.Count} passes {est.Axis.Passes} w1 {s.Thigh.AngularVelocityRadPerS.Length:F2} w2 {s.Shank.AngularVelocityRadPerS.Length:F2}"));
            }
            if (est.IsValid && referenced)
            {
                if (double.IsNaN(firstValid)) firstValid = s.TimeS;
                double ee = (est.FlexionRad - s.KneeFlexionRad) * Deg;
                earlySum += ee * ee;
                earlyN++;
            }
            if (s.TimeS < WarmUpS || !est.IsValid) continue;
            double truth = s.KneeFlexionRad * Deg, got = est.FlexionRad * Deg, e = got - truth;
            reported.Add((s.TimeS, got));
            sum += e * e;
            n++;
            maxAbs = Math.Max(maxAbs, Math.Abs(e));
            if (truth >= 0) minNonNeg = Math.Min(minNonNeg, got);
            exSum.TryGetValue(s.ExerciseId, out (double Sum, int N) acc);
            exSum[s.ExerciseId] = (acc.Sum + e * e, acc.N + 1);
        }

        double hyperErr = double.NaN;
        int hyperReps = 0;
        foreach (GroundTruthRep rep in sim.Reps)
        {
            if (rep.MinRad * Deg >= -2.0 || rep.StartS < WarmUpS) continue;
            double min = double.PositiveInfinity;
            foreach ((double t, double d) in reported)
                if (t >= rep.StartS && t <= rep.EndS) min = Math.Min(min, d);
            if (double.IsInfinity(min)) continue;
            hyperReps++;
            double err = Math.Abs(min - rep.MinRad * Deg);
            hyperErr = double.IsNaN(hyperErr) ? err : Math.Max(hyperErr, err);
        }

        string? slipExercise = null;
        foreach (SessionEvent ev in sim.Events)
            if (ev.Kind == SessionEventKind.StrapSlip) slipExercise = program[ev.ProgramIndex].ExerciseId;
        var byEx = new Dictionary<string, double>();
        foreach (KeyValuePair<string, (double Sum, int N)> kv in exSum) byEx[kv.Key] = Math.Sqrt(kv.Value.Sum / kv.Value.N);
        var record = new MountingRecord();
        record.CopyFrom(est.Mounting);
        return new KneeSessionResult
        {
            RmseDeg = n > 0 ? Math.Sqrt(sum / n) : double.NaN,
            MaxAbsErrorDeg = maxAbs,
            MinReportedWhenTrueNonNegativeDeg = minNonNeg,
            HyperextensionErrorDeg = hyperErr,
            HyperextensionReps = hyperReps,
            ScoredSamples = n,
            FirstValidS = firstValid,
            EarlyRmseDeg = earlyN > 0 ? Math.Sqrt(earlySum / earlyN) : double.NaN,
            RepEndS = sim.Reps.Select(r => r.EndS).ToList(),
            SlipCount = est.SlipCount,
            HadSlip = citizen.Slip != null,
            SlipExercise = slipExercise,
            Reanchors = est.RestPoseReanchors,
            RmseDegByExercise = byEx,
            Record = record,
        };
    }
    /// <summary>The posture the gateway tells the band for an exercise of the programme (what it knows from the programme).</summary>
    public static BodyPosture PostureOf(string exerciseId) => exerciseId switch
    {
        ExerciseCatalogue.HeelSlide or ExerciseCatalogue.StraightLegRaise => BodyPosture.Supine,
        ExerciseCatalogue.QuadSet => BodyPosture.SupineHold,
        ExerciseCatalogue.LongArcQuad or ExerciseCatalogue.ShortArcQuad or ExerciseCatalogue.SeatedKneeFlexion => BodyPosture.Seated,
        _ => BodyPosture.Standing,
    };

    private static readonly ImuCalibration Uncalibrated = new(SensorCalibration.Identity, SensorCalibration.Identity);

    /// <summary>The technicians' bench calibration of one part (noise seeds derived from the part's seed: same band, same record).</summary>
    public static ImuCalibration BenchCalibrate(ImuErrorParameters part, int partSeed) =>
        BenchCalibration.Solve(BenchFixtures.SixPosition(part, 9000 + partSeed), BenchFixtures.RateTable(part, 19000 + partSeed));

    public static ImuSample Correct(ImuSample raw, ImuCalibration cal) =>
        raw with
        {
            AccelerationMPerS2 = cal.Accelerometer.Correct(raw.AccelerationMPerS2),
            AngularVelocityRadPerS = cal.Gyroscope.Correct(raw.AngularVelocityRadPerS),
        };
}
