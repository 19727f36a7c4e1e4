using System;

namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// Settings of the repetition core (<see cref="RepDetector"/>, <see cref="RepAnalyzer"/>, <see cref="ScalarRepAnalyzer"/>).
/// Thresholds are FRACTIONS of the target excursion so that a 3° quad set and a 95° heel slide use the same logic.
/// Build them from an exercise level with <see cref="FromTargets"/> or for a moving hinge with <see cref="ForCycles"/>;
/// the defaults are documented here and in the README.
/// </summary>
public sealed record RepDetectorSettings
{
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Sample rate of the angle stream, Hz. Default 100.</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>What is counted. Default <see cref="RepMode.Dynamic"/>.</summary>
    public RepMode Mode { get; init; } = RepMode.Dynamic;

    /// <summary>Which way the rep moves the angle from the start pose. Default <see cref="RepDirection.Flexing"/>.</summary>
    public RepDirection Direction { get; init; } = RepDirection.Flexing;

    /// <summary>Prescribed excursion from the start pose, |target − start|, rad (&gt; 0). Default 30°.</summary>
    public double TargetExcursionRad { get; init; } = 30 * DegToRad;

    /// <summary>A rep starts when the excursion reaches this fraction of the target. Default 0.25 (partial reps reach ≥ 0.3).</summary>
    public double EnterFraction { get; init; } = 0.25;

    /// <summary>
    /// Samples within this fraction of the target from the start pose are "at the start pose": the rep starts at the last
    /// such sample and ends at the next one. Default 0.1.
    /// </summary>
    public double OnsetFraction { get; init; } = 0.1;

    /// <summary>
    /// A rep is complete (target reached) when its excursion reaches the needed excursion minus (1 − this) × the target
    /// excursion. The needed excursion is <see cref="TargetExcursionRad"/>, or less when <see cref="TargetAngleRad"/> is
    /// set and the citizen's start pose already lies towards it. Default 0.97.
    /// </summary>
    public double CompleteFraction { get; init; } = 0.97;

    /// <summary>
    /// The prescribed target angle of the primary joint, rad, or null. When set, a citizen whose start pose lies towards the
    /// target (e.g. an extension lag at the start of a mini squat) needs only the excursion to the target angle. Default null.
    /// </summary>
    public double? TargetAngleRad { get; init; }

    /// <summary>
    /// Excursion from the start pose a rep must reach to be complete, rad, or null for <see cref="TargetExcursionRad"/>.
    /// Set it larger than <see cref="TargetExcursionRad"/> when the citizen's range stops short of the prescribed target
    /// (e.g. a quad set with an extension lag): the thresholds then follow the excursion the citizen can make, while a rep
    /// is complete only at the prescribed target. Default null.
    /// </summary>
    public double? CompleteExcursionRad { get; init; }

    /// <summary>Length of the Hann-window FIR low-pass, s (removes 6–10 Hz tremor and sensor noise; delay = half of it). Default 0.4.</summary>
    public double LowPassWindowS { get; init; } = 0.4;

    /// <summary>|Angular velocity| below which the joint is still, rad/s. Default 4°/s.</summary>
    public double StillRateRadPerS { get; init; } = 4 * DegToRad;

    /// <summary>The start pose (baseline) is taken from samples that have been still for this long, s. Default 0.3.</summary>
    public double StillMinS { get; init; } = 0.3;

    /// <summary>
    /// A sample still for this long becomes the start pose even away from the old one (the citizen settled in a new pose), s.
    /// Shorter still periods move the start pose only within the onset band or towards the start side. Default 20.
    /// </summary>
    public double BaselineRelearnS { get; init; } = 20;

    /// <summary>
    /// Out of a rep, a sample still for this long that has stayed within ±onset of where the still run began and lies below
    /// the enter level of the current start pose (or anywhere on the start side) becomes the new start pose: an angle offset
    /// step during a rest between sets (band slip, re-settling) does not stop counting. In a rep, such a still period below
    /// the enter level ends the rep (far from its peak, so it cannot be a hold at the target). Default 1.0 s.
    /// </summary>
    public double BaselineShiftS { get; init; } = 1.0;

    /// <summary>
    /// In a rep, a pose settled still (<see cref="BaselineShiftS"/> within ±onset) followed by a further movement from it of
    /// at least this fraction of the target excursion makes that pose the new start pose: the movement is a rep from it.
    /// The rep in progress was an offset step (band slip during a set, issue #4) and is dropped, unless it went beyond the
    /// pose by the enter level before settling there (a rep whose return the step cut short: it is counted). 0 = off.
    /// Never below the enter fraction. Default 0.75 (three quarters of the target excursion from the pose: estimator noise on
    /// a held quad set of 1.5–3° reaches a quarter of it; tuning seeds 0.25 → 0.75: quad set missed 7 → 4; extra tuning
    /// seeds 4001–4012: 1.0 → 0.75 missed 21 → 13, slips of 40 % of the excursion during seated knee flexion).
    /// </summary>
    public double PlateauRestartFraction { get; init; } = 0.75;

    /// <summary>
    /// Movements shorter than this (start to end) are not reps (a fidget swing, a 2–3° estimator bump between seated knee
    /// flexions), s. Default 1.5 (issue #4; was 1.0): the shortest real rep span in the simulated catalogue is 2.2 s.
    /// </summary>
    public double MinRepDurationS { get; init; } = 1.5;

    /// <summary>A rep still in progress after this long is dropped (the citizen left the start pose for good), s. Default 60.</summary>
    public double MaxRepDurationS { get; init; } = 60;

    /// <summary>Prescribed hold at the target, s; 0 = no hold check. Default 0.</summary>
    public double PrescribedHoldS { get; init; }

    /// <summary>A hold shorter than this fraction of the prescribed hold flags <see cref="RepFindings.HoldTooShort"/>. Default 0.8.</summary>
    public double HoldFraction { get; init; } = 0.8;

    /// <summary>
    /// Isometric mode: a hold shorter than this fraction of the prescribed hold is not reported at all (fidgeting). Default
    /// 0.05 (issue #4; was 0.25, which dropped partial presses: they hold 0.2–0.7 of the prescribed hold, at least 0.5 s;
    /// tuning seeds: no fidget or pause counted down to 0.03).
    /// </summary>
    public double IsometricMinHoldFraction { get; init; } = 0.05;

    /// <summary>
    /// Dynamic mode: a movement that stops short of the complete level and does not stay still beyond the enter level for at
    /// least this long at its turning point is not reported (no attempt at a rep: an estimator bump of 2–4° with the knee
    /// still, a fidget); a complete rep is always reported (<see cref="RepFindings.HoldTooShort"/> when the hold was short).
    /// Only with a prescribed hold. 0 = off. Default 0 (off): 0.2 s removed the 3 pause "reps" of extra tuning citizen 4010
    /// (3.5° knee-estimator bumps with the knee still) but also real partial mini squats of the live demo citizen, whose
    /// measured holds (still below the still rate beyond the enter level) are only 0.14–0.4 s of a true 0.5–1.3 s hold.
    /// </summary>
    public double PartialMinHoldS { get; init; }

    /// <summary>Prescribed time from start to target, s; 0 = no tempo check. Default 0.</summary>
    public double PrescribedUpS { get; init; }

    /// <summary>A way out faster than this fraction of <see cref="PrescribedUpS"/> flags <see cref="RepFindings.TooFast"/>. Default 0.5.</summary>
    public double TooFastFraction { get; init; } = 0.5;

    /// <summary>
    /// A smallest primary angle below this flags <see cref="RepFindings.Hyperextension"/>, rad. Default −5° (knee: beyond 5° of
    /// hyperextension is a clinical warning after a knee replacement; healthy knees reach −3…−5°). Use
    /// <see cref="double.NegativeInfinity"/> to switch off (hip exercises).
    /// </summary>
    public double HyperextensionLimitRad { get; init; } = -5 * DegToRad;

    /// <summary>A secondary-angle range over the rep above this flags <see cref="RepFindings.Compensation"/>, rad. Default 10°.</summary>
    public double CompensationLimitRad { get; init; } = 10 * DegToRad;

    /// <summary>
    /// Settings for one exercise level: start and target angle of the primary joint (rad), prescribed hold and time to
    /// target (s). The direction comes from the sign of target − start.
    /// </summary>
    public static RepDetectorSettings FromTargets(double startRad, double targetRad, double holdS, double upS, double sampleRateHz = 100, bool isometric = false, bool kneeJoint = true)
    {
        if (!double.IsFinite(startRad) || !double.IsFinite(targetRad) || startRad == targetRad)
            throw new ArgumentException($"Start {startRad} rad and target {targetRad} rad must be finite and differ.", nameof(targetRad));
        return new RepDetectorSettings
        {
            SampleRateHz = sampleRateHz,
            Mode = isometric ? RepMode.Isometric : RepMode.Dynamic,
            Direction = targetRad > startRad ? RepDirection.Flexing : RepDirection.Extending,
            TargetExcursionRad = Math.Abs(targetRad - startRad),
            TargetAngleRad = targetRad,
            PrescribedHoldS = holdS,
            PrescribedUpS = upS,
            HyperextensionLimitRad = kneeJoint ? -5 * DegToRad : double.NegativeInfinity,
        }.Validated();
    }

    /// <summary>Generic cycle counting of a continuously moving joint whose swing is about <paramref name="rangeRad"/>.</summary>
    public static RepDetectorSettings ForCycles(double rangeRad, double sampleRateHz = 100, RepDirection direction = RepDirection.Flexing) =>
        new RepDetectorSettings
        {
            SampleRateHz = sampleRateHz,
            Mode = RepMode.Cycle,
            Direction = direction,
            TargetExcursionRad = rangeRad,
            EnterFraction = 0.3,
            OnsetFraction = 0.1,
            MinRepDurationS = 0,
            HyperextensionLimitRad = double.NegativeInfinity,
            CompensationLimitRad = double.PositiveInfinity,
        }.Validated();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting; returns this.</summary>
    public RepDetectorSettings Validated()
    {
        static void Check(bool ok, string name, double value, string rule)
        {
            if (!ok) throw new ArgumentException($"RepDetectorSettings.{name} = {value} is invalid: {rule}.", name);
        }
        Check(double.IsFinite(SampleRateHz) && SampleRateHz > 0, nameof(SampleRateHz), SampleRateHz, "must be > 0 Hz");
        Check(Enum.IsDefined(Mode), nameof(Mode), (double)Mode, "unknown mode");
        Check(Direction is RepDirection.Flexing or RepDirection.Extending, nameof(Direction), (double)Direction, "must be Flexing or Extending");
        Check(double.IsFinite(TargetExcursionRad) && TargetExcursionRad > 0 && TargetExcursionRad <= 2 * Math.PI, nameof(TargetExcursionRad), TargetExcursionRad, "must be in (0, 2π] rad (radians, not degrees)");
        Check(OnsetFraction >= 0 && OnsetFraction < EnterFraction, nameof(OnsetFraction), OnsetFraction, "must be ≥ 0 and below EnterFraction");
        Check(EnterFraction > 0 && EnterFraction <= 1, nameof(EnterFraction), EnterFraction, "must be in (0, 1]");
        Check(CompleteFraction > 0 && CompleteFraction <= 1, nameof(CompleteFraction), CompleteFraction, "must be in (0, 1]");
        Check(LowPassWindowS >= 0 && LowPassWindowS <= 5, nameof(LowPassWindowS), LowPassWindowS, "must be in [0, 5] s");
        Check(StillRateRadPerS > 0, nameof(StillRateRadPerS), StillRateRadPerS, "must be > 0 rad/s");
        Check(StillMinS >= 0 && double.IsFinite(StillMinS), nameof(StillMinS), StillMinS, "must be ≥ 0 s");
        Check(BaselineRelearnS >= StillMinS && double.IsFinite(BaselineRelearnS), nameof(BaselineRelearnS), BaselineRelearnS, "must be finite and ≥ StillMinS");
        Check(CompleteExcursionRad is null || (double.IsFinite(CompleteExcursionRad.Value) && CompleteExcursionRad.Value > 0 && CompleteExcursionRad.Value <= 2 * Math.PI), nameof(CompleteExcursionRad), CompleteExcursionRad ?? 0, "must be in (0, 2π] rad");
        Check(TargetAngleRad is null || (double.IsFinite(TargetAngleRad.Value) && Math.Abs(TargetAngleRad.Value) <= 2 * Math.PI), nameof(TargetAngleRad), TargetAngleRad ?? 0, "must be a finite angle in radians");
        Check(BaselineShiftS >= StillMinS && BaselineShiftS <= BaselineRelearnS, nameof(BaselineShiftS), BaselineShiftS, "must be in [StillMinS, BaselineRelearnS]");
        Check(PlateauRestartFraction >= 0 && PlateauRestartFraction <= 2, nameof(PlateauRestartFraction), PlateauRestartFraction, "must be in [0 (off), 2]");
        Check(MinRepDurationS >= 0 && double.IsFinite(MinRepDurationS), nameof(MinRepDurationS), MinRepDurationS, "must be ≥ 0 s");
        Check(MaxRepDurationS > MinRepDurationS && double.IsFinite(MaxRepDurationS), nameof(MaxRepDurationS), MaxRepDurationS, "must be finite and > MinRepDurationS");
        Check(PrescribedHoldS >= 0 && double.IsFinite(PrescribedHoldS), nameof(PrescribedHoldS), PrescribedHoldS, "must be ≥ 0 s");
        Check(PrescribedUpS >= 0 && double.IsFinite(PrescribedUpS), nameof(PrescribedUpS), PrescribedUpS, "must be ≥ 0 s");
        Check(HoldFraction >= 0, nameof(HoldFraction), HoldFraction, "must be ≥ 0");
        Check(PartialMinHoldS >= 0 && double.IsFinite(PartialMinHoldS), nameof(PartialMinHoldS), PartialMinHoldS, "must be ≥ 0 s");
        Check(IsometricMinHoldFraction >= 0, nameof(IsometricMinHoldFraction), IsometricMinHoldFraction, "must be ≥ 0");
        Check(TooFastFraction >= 0, nameof(TooFastFraction), TooFastFraction, "must be ≥ 0");
        Check(!double.IsNaN(HyperextensionLimitRad), nameof(HyperextensionLimitRad), HyperextensionLimitRad, "must not be NaN");
        Check(CompensationLimitRad >= 0, nameof(CompensationLimitRad), CompensationLimitRad, "must be ≥ 0");
        return this;
    }
}
