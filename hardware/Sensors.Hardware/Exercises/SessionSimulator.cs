using System;
using System.Collections.Generic;
using Sensors.Hardware.Body;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;

namespace Sensors.Hardware.Exercises;

/// <summary>
/// Simulates a citizen doing a programme: plans the whole timeline up front from the seed (reps with their tempo, holds,
/// partial reps, pauses, rests with fidgets, posture transitions, the strap slip), then evaluates the body at any time
/// as a pure C2 function of time. Samples stream from <see cref="Samples"/>; <see cref="Reps"/> and <see cref="Events"/>
/// are the ground truth. The same profile, programme and settings always give the same data.
/// </summary>
public sealed class SessionSimulator
{
    private const double TremorRampS = 0.5;
    private const double FidgetRampS = 0.8;

    private readonly LegModel _leg;
    private readonly List<PlannedExercise> _items = [];
    private readonly List<Phase> _phases = [];
    private readonly List<double> _phaseStarts = [];
    private readonly List<(double StartS, double EndS)> _setWindows = [];
    private readonly List<(double StartS, double EndS)> _fidgetWindows = [];
    private readonly List<GroundTruthRep> _reps = [];
    private readonly List<SessionEvent> _events = [];
    private readonly BandLimitedNoise[] _fidget;
    private readonly double _tremorPhaseRad;
    private readonly double _tremorModPhaseRad;
    private readonly Quat _heading;
    private readonly BandMounting _thigh;
    private readonly BandMounting _shank;

    /// <summary>Simulator with the default settings except the sample rate and seed.</summary>
    public SessionSimulator(CitizenProfile citizen, IReadOnlyList<ProgramItem> program, double sampleRateHz, int seed)
        : this(citizen, program, new SessionSimulatorSettings { SampleRateHz = sampleRateHz, Seed = seed })
    {
    }

    public SessionSimulator(CitizenProfile citizen, IReadOnlyList<ProgramItem> program, SessionSimulatorSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(citizen);
        ArgumentNullException.ThrowIfNull(program);
        if (program.Count == 0) throw new ArgumentException("The programme is empty.", nameof(program));
        Citizen = citizen;
        Program = program;
        Settings = settings ?? new SessionSimulatorSettings();
        if (Settings.SampleRateHz <= 0) throw new ArgumentOutOfRangeException(nameof(settings), "Sample rate must be positive.");
        _leg = new LegModel(citizen.Dimensions, citizen.Side);
        _heading = Rotations.RotZ(citizen.HeadingRad);

        var random = new Random(Settings.Seed);
        _tremorPhaseRad = 2 * System.Math.PI * random.NextDouble();
        _tremorModPhaseRad = 2 * System.Math.PI * random.NextDouble();
        double fa = citizen.FidgetAmplitudeRad;
        _fidget =
        [
            new BandLimitedNoise(random, fa, 0.2, 1.2),
            new BandLimitedNoise(random, 0.5 * fa, 0.2, 1.2),
            new BandLimitedNoise(random, 0.3 * fa, 0.2, 1.2),
            new BandLimitedNoise(random, 0.5 * fa, 0.2, 1.2),
        ];
        var thighTissue = new SoftTissue(random, citizen.SoftTissueRotationRad, citizen.SoftTissueTranslationM);
        var shankTissue = new SoftTissue(random, citizen.SoftTissueRotationRad, citizen.SoftTissueTranslationM);

        for (int i = 0; i < program.Count; i++) _items.Add(PlanExercise(i, program[i]));
        PlanTimeline(random);
        DurationS = _phases[^1].EndS;

        StrapSlip? slip = null;
        if (citizen.Slip is { } plan)
        {
            double start = System.Math.Clamp(plan.SessionFraction, 0, 1) * System.Math.Max(0, DurationS - plan.DurationS);
            slip = new StrapSlip(plan.Site, start, plan.DurationS, plan.RotationRad, plan.ShiftM);
            _events.Add(new SessionEvent(SessionEventKind.StrapSlip, slip.StartS, slip.EndS, ItemAt(start), -1, slip));
        }
        _thigh = new BandMounting(BandPlacement.For(BandSite.Thigh, citizen.Dimensions, citizen.Side), citizen.ThighMisalignment, thighTissue,
            slip?.Site == BandSite.Thigh ? slip : null);
        _shank = new BandMounting(BandPlacement.For(BandSite.Shank, citizen.Dimensions, citizen.Side), citizen.ShankMisalignment, shankTissue,
            slip?.Site == BandSite.Shank ? slip : null);
        _events.Sort((a, b) => a.StartS.CompareTo(b.StartS));
    }

    public CitizenProfile Citizen { get; }

    public IReadOnlyList<ProgramItem> Program { get; }

    public SessionSimulatorSettings Settings { get; }

    /// <summary>The leg model (dimensions and side of the citizen).</summary>
    public LegModel Leg => _leg;

    /// <summary>Total duration, s.</summary>
    public double DurationS { get; }

    /// <summary>Number of samples <see cref="Samples"/> yields (t = k / rate, k = 0 … count − 1).</summary>
    public int SampleCount => (int)System.Math.Floor(DurationS * Settings.SampleRateHz) + 1;

    /// <summary>Ground-truth reps in time order.</summary>
    public IReadOnlyList<GroundTruthRep> Reps => _reps;

    /// <summary>Ground-truth events (pauses, fidget windows, transitions, strap slip) in time order.</summary>
    public IReadOnlyList<SessionEvent> Events => _events;

    /// <summary>The thigh band's mounting model (placement, misalignment, soft tissue, slip).</summary>
    public BandMounting ThighBand => _thigh;

    /// <summary>The shank band's mounting model.</summary>
    public BandMounting ShankBand => _shank;

    /// <summary>One band's mounting model.</summary>
    public BandMounting Band(BandSite site) => site == BandSite.Thigh ? _thigh : _shank;

    /// <summary>The per-exercise/per-set summary of the ground-truth reps.</summary>
    public SessionSummary SummarizeSession() => SessionSummary.Summarize(_reps);

    /// <summary>Streams the samples (constant memory).</summary>
    public IEnumerable<SessionSample> Samples()
    {
        int n = SampleCount;
        for (int k = 0; k < n; k++) yield return SampleAt(k / Settings.SampleRateHz);
    }

    /// <summary>The sample at any time t (s).</summary>
    public SessionSample SampleAt(double tS)
    {
        double h = Settings.DerivativeStepS;
        State before = StateAt(tS - h), at = StateAt(tS), after = StateAt(tS + h);
        double temp = TemperatureAt(tS);
        Phase phase = _phases[at.PhaseIndex];
        PlannedExercise item = _items[phase.Item];
        SessionPhase kind = phase.Kind == SessionPhase.Rest && phase.Fidget >= 0 && InWindow(_fidgetWindows[phase.Fidget], tS)
            ? SessionPhase.Fidget
            : phase.Kind;
        return new SessionSample(
            tS,
            at.Pose.Joints,
            at.Segments,
            SensorPose.ToImuKinematics(tS, before.Thigh, at.Thigh, after.Thigh, h, temp),
            SensorPose.ToImuKinematics(tS, before.Shank, at.Shank, after.Shank, h, temp),
            _thigh.MountingAt(tS),
            _shank.MountingAt(tS),
            item.ProgramIndex,
            item.Definition.Id,
            item.Item.Level,
            phase.Set,
            phase.Rep,
            kind);
    }

    /// <summary>The body pose (earth frame) at time t.</summary>
    public BodyPose PoseAt(double tS) => StateAt(tS).Pose;

    /// <summary>Segment orientations and joint centres at time t.</summary>
    public SegmentPoses SegmentsAt(double tS) => StateAt(tS).Segments;

    /// <summary>The pose of one IMU at time t.</summary>
    public SensorPose SensorPoseAt(BandSite site, double tS)
    {
        State s = StateAt(tS);
        return site == BandSite.Thigh ? s.Thigh : s.Shank;
    }

    /// <summary>Exact kinematics of one IMU at time t.</summary>
    public ImuKinematics ImuAt(BandSite site, double tS)
    {
        double h = Settings.DerivativeStepS;
        return SensorPose.ToImuKinematics(tS, SensorPoseAt(site, tS - h), SensorPoseAt(site, tS), SensorPoseAt(site, tS + h), h, TemperatureAt(tS));
    }

    /// <summary>Band temperature at time t: warms from room to skin temperature (first order).</summary>
    public double TemperatureAt(double tS) =>
        Citizen.SkinTemperatureC - (Citizen.SkinTemperatureC - Citizen.RoomTemperatureC) * System.Math.Exp(-System.Math.Max(0, tS) / Settings.WarmUpTimeConstantS);

    // ---------------------------------------------------------------- evaluation

    private readonly record struct State(int PhaseIndex, BodyPose Pose, SegmentPoses Segments, SensorPose Thigh, SensorPose Shank);

    private State StateAt(double tS)
    {
        int pi = PhaseIndexAt(tS);
        Phase p = _phases[pi];
        BodyPose pose;
        double excitation = 0;
        if (p.Kind == SessionPhase.Transition)
        {
            double tau = (tS - p.StartS) / (p.EndS - p.StartS);
            double s = MinJerk.Position(tau);
            BodyPose a = _items[p.FromItem].RestPose, b = _items[p.Item].RestPose;
            pose = new BodyPose(Rotations.Slerp(a.PelvisOrientation, b.PelvisOrientation, s),
                a.HipPositionM + (b.HipPositionM - a.HipPositionM) * s,
                JointAngles.Lerp(a.Joints, b.Joints, s));
            excitation = MinJerk.SpeedBell(tau);
        }
        else
        {
            PlannedExercise item = _items[p.Item];
            pose = item.Definition.PoseAt(DrivingAt(p, tS), item.Context);
            if (p.Kind is SessionPhase.MoveToTarget or SessionPhase.Return) excitation = MinJerk.SpeedBell((tS - p.StartS) / (p.EndS - p.StartS));
            if (p.Fidget >= 0)
            {
                (double a, double b) = _fidgetWindows[p.Fidget];
                double w = MinJerk.Window(tS, a, b, FidgetRampS);
                if (w > 0)
                {
                    var f = new JointAngles(_fidget[0].Value(tS) * w, _fidget[1].Value(tS) * w, _fidget[2].Value(tS) * w, _fidget[3].Value(tS) * w);
                    pose = pose with { Joints = pose.Joints + f };
                    excitation = 0.5 * w;
                }
            }
        }
        pose = new BodyPose((_heading * pose.PelvisOrientation).Normalized(), _heading.Rotate(pose.HipPositionM), pose.Joints);
        SegmentPoses segments = _leg.Solve(pose);
        return new State(pi, pose, segments, _thigh.SensorPoseAt(tS, segments, excitation), _shank.SensorPoseAt(tS, segments, excitation));
    }

    /// <summary>The driving joint's true angle at t within a non-transition phase: planned profile + tremor.</summary>
    private double DrivingAt(in Phase p, double tS)
    {
        double d = p.FromRad;
        if (p.Kind is SessionPhase.MoveToTarget or SessionPhase.Return)
            d += (p.ToRad - p.FromRad) * MinJerk.Position((tS - p.StartS) / (p.EndS - p.StartS));
        if (p.SetWindow >= 0 && Citizen.TremorAmplitudeRad > 0)
        {
            (double a, double b) = _setWindows[p.SetWindow];
            double w = MinJerk.Window(tS, a, b, TremorRampS);
            if (w > 0)
            {
                double mod = (1 + 0.3 * System.Math.Sin(2 * System.Math.PI * 0.37 * tS + _tremorModPhaseRad)) / 1.3;
                d += w * mod * Citizen.TremorAmplitudeRad * System.Math.Sin(2 * System.Math.PI * Citizen.TremorFrequencyHz * tS + _tremorPhaseRad);
            }
        }
        return d;
    }

    private int PhaseIndexAt(double tS)
    {
        int i = _phaseStarts.BinarySearch(tS);
        if (i < 0) i = ~i - 1;
        return System.Math.Clamp(i, 0, _phases.Count - 1);
    }

    private int ItemAt(double tS) => _items[_phases[PhaseIndexAt(tS)].Item].ProgramIndex;

    private static bool InWindow((double StartS, double EndS) w, double tS) => tS >= w.StartS && tS <= w.EndS;

    // ---------------------------------------------------------------- planning

    private sealed record PlannedExercise(
        int ProgramIndex,
        ProgramItem Item,
        ExerciseDefinition Definition,
        LevelPrescription Prescription,
        double StartRad,
        double LimitRad,
        CouplingContext Context,
        BodyPose RestPose);

    private readonly record struct Phase(
        double StartS,
        double EndS,
        SessionPhase Kind,
        int Item,
        int Set,
        int Rep,
        double FromRad,
        double ToRad,
        int SetWindow,
        int Fidget,
        int FromItem);

    private PlannedExercise PlanExercise(int index, ProgramItem item)
    {
        if (item.Sets < 1 || item.Reps < 1) throw new ArgumentException($"Programme item {index}: sets and reps must be ≥ 1.", nameof(item));
        ExerciseDefinition def = ExerciseCatalogue.Get(item.ExerciseId);
        LevelPrescription lp = def.Level(item.Level);
        (double lower, double upper) = def.DrivingJoint switch
        {
            JointAngleKind.KneeFlexion => (Citizen.KneeExtensionLimitRad, Citizen.MaxKneeFlexionRad),
            JointAngleKind.HipFlexion => (-0.2, Citizen.MaxHipFlexionRad),
            JointAngleKind.HipAbduction => (-0.2, Citizen.MaxHipAbductionRad),
            _ => (-0.5, 0.5),
        };
        int dir = lp.Direction;
        double range = lp.RangeRad;
        double start = System.Math.Clamp(lp.StartRad, lower, upper);
        if (dir < 0 && start - lower < 0.3 * range) start = System.Math.Min(upper, lower + 0.5 * range);
        if (dir > 0 && upper - start < 0.3 * range) start = System.Math.Max(lower, upper - 0.5 * range);
        double limit = dir > 0 ? upper : lower;
        var ctx = new CouplingContext(_leg, Citizen.KneeRestRad, Citizen.ActiveLagRad, start, lp.TargetRad);
        return new PlannedExercise(index, item, def, lp, start, limit, ctx, def.PoseAt(start, ctx));
    }

    private void AddPhase(double durationS, SessionPhase kind, int item, int set = -1, int rep = -1, double? fromRad = null, double? toRad = null, int fromItem = -1, int fidget = -1)
    {
        double start = _phases.Count == 0 ? 0 : _phases[^1].EndS;
        double from = fromRad ?? _items[item].StartRad;
        _phases.Add(new Phase(start, start + durationS, kind, item, set, rep, from, toRad ?? from, set >= 0 ? _setWindows.Count : -1, fidget, fromItem));
        _phaseStarts.Add(start);
    }

    private double Now => _phases.Count == 0 ? 0 : _phases[^1].EndS;

    private void AddRest(Random r, int item, double durationS, bool mayFidget)
    {
        int fidget = -1;
        double t0 = Now;
        if (mayFidget && durationS >= 6 && r.NextDouble() < Citizen.FidgetChance && Citizen.FidgetAmplitudeRad > 0)
        {
            double len = 2 + (System.Math.Min(6, durationS - 2) - 2) * r.NextDouble();
            double a = t0 + 1 + (durationS - 2 - len) * r.NextDouble();
            fidget = _fidgetWindows.Count;
            _fidgetWindows.Add((a, a + len));
            _events.Add(new SessionEvent(SessionEventKind.Fidget, a, a + len, _items[item].ProgramIndex, -1));
        }
        AddPhase(durationS, SessionPhase.Rest, item, fidget: fidget);
    }

    private void PlanTimeline(Random r)
    {
        AddRest(r, 0, Settings.InitialRestS, mayFidget: false);
        for (int i = 0; i < _items.Count; i++)
        {
            PlannedExercise it = _items[i];
            if (i > 0)
            {
                PlannedExercise prev = _items[i - 1];
                AddRest(r, i - 1, Settings.BetweenExercisesRestS, mayFidget: true);
                if (prev.RestPose != it.RestPose)
                {
                    bool postureChange = prev.Definition.Posture != it.Definition.Posture
                        && !(IsUpright(prev.Definition.Posture) && IsUpright(it.Definition.Posture));
                    double dur = postureChange ? Settings.PostureChangeS : Settings.TransitionS;
                    double t0 = Now;
                    AddPhase(dur, SessionPhase.Transition, i, fromItem: i - 1);
                    _events.Add(new SessionEvent(SessionEventKind.Transition, t0, Now, i, -1));
                    AddRest(r, i, 2, mayFidget: false);
                }
            }
            for (int set = 0; set < it.Item.Sets; set++)
            {
                if (set > 0) AddRest(r, i, it.Prescription.RestBetweenSetsS, mayFidget: true);
                double setStart = Now;
                for (int rep = 0; rep < it.Item.Reps; rep++)
                {
                    if (rep > 0) AddGap(r, it, set, rep);
                    PlanRep(r, it, set, rep);
                }
                _setWindows.Add((setStart, Now));
            }
        }
        AddRest(r, _items.Count - 1, Settings.FinalRestS, mayFidget: false);
        MeasureReps();
    }

    private static bool IsUpright(Posture p) => p is Posture.Seated or Posture.SitToStand;

    private double Jitter(Random r)
    {
        // Box–Muller standard normal.
        double u1 = 1 - r.NextDouble(), u2 = r.NextDouble();
        double n = System.Math.Sqrt(-2 * System.Math.Log(u1)) * System.Math.Cos(2 * System.Math.PI * u2);
        return System.Math.Max(0.5, 1 + Citizen.TempoJitter * n);
    }

    private void AddGap(Random r, PlannedExercise it, int set, int rep)
    {
        if (r.NextDouble() < Citizen.PauseChance)
        {
            double dur = 3 + 5 * r.NextDouble();
            double t0 = Now;
            AddPhase(dur, SessionPhase.Pause, it.ProgramIndex, set);
            _events.Add(new SessionEvent(SessionEventKind.Pause, t0, Now, it.ProgramIndex, set));
        }
        else
        {
            AddPhase(System.Math.Max(0.3, it.Prescription.GapS * Citizen.TempoFactor * Jitter(r)), SessionPhase.BetweenReps, it.ProgramIndex, set);
        }
    }

    private readonly List<(int Item, int Set, int Rep, double Start, double HoldStart, double HoldEnd, double End, bool Partial, bool Limited)> _repPlans = [];

    private void PlanRep(Random r, PlannedExercise it, int set, int rep)
    {
        LevelPrescription lp = it.Prescription;
        int dir = lp.Direction;
        double range = lp.RangeRad;
        bool partial = r.NextDouble() < Citizen.PartialRepChance;
        double extreme;
        if (partial)
        {
            extreme = it.StartRad + (lp.TargetRad - it.StartRad) * (0.3 + 0.4 * r.NextDouble());
        }
        else
        {
            double over = 0.5 * System.Math.PI / 180 + range * Citizen.AmplitudeVariation * r.NextDouble();
            // Asked to straighten fully, half of the reps push on to the citizen's own end range (hyperextension if any).
            if (it.Definition.DrivingJoint == JointAngleKind.KneeFlexion && System.Math.Abs(lp.TargetRad) <= 2 * System.Math.PI / 180 && r.NextDouble() < 0.5)
                over += 6 * System.Math.PI / 180 * r.NextDouble();
            extreme = lp.TargetRad + dir * over;
        }
        bool limited = false;
        if (dir > 0 && extreme > it.LimitRad) { extreme = it.LimitRad; limited = !partial; }
        if (dir < 0 && extreme < it.LimitRad) { extreme = it.LimitRad; limited = !partial; }

        double up = System.Math.Max(0.3, lp.UpS * Citizen.TempoFactor * Jitter(r));
        double hold = System.Math.Max(0.5, lp.HoldS * Jitter(r) * (partial ? 0.2 + 0.5 * r.NextDouble() : 1));
        double down = System.Math.Max(0.3, lp.DownS * Citizen.TempoFactor * Jitter(r));
        double t0 = Now;
        AddPhase(up, SessionPhase.MoveToTarget, it.ProgramIndex, set, rep, it.StartRad, extreme);
        double h0 = Now;
        AddPhase(hold, SessionPhase.Hold, it.ProgramIndex, set, rep, extreme, extreme);
        double h1 = Now;
        AddPhase(down, SessionPhase.Return, it.ProgramIndex, set, rep, extreme, it.StartRad);
        _repPlans.Add((it.ProgramIndex, set, rep, t0, h0, h1, Now, partial, limited));
    }

    private void MeasureReps()
    {
        double step = Settings.RepExtremeStepS;
        foreach (var rp in _repPlans)
        {
            PlannedExercise it = _items[rp.Item];
            double peak = double.NegativeInfinity, min = double.PositiveInfinity;
            int n = (int)System.Math.Ceiling((rp.End - rp.Start) / step);
            for (int k = 0; k <= n; k++)
            {
                double t = System.Math.Min(rp.Start + k * step, rp.End);
                double d = DrivingAt(_phases[PhaseIndexAt(t)], t);
                peak = System.Math.Max(peak, d);
                min = System.Math.Min(min, d);
            }
            double target = it.Prescription.TargetRad;
            bool complete = it.Prescription.Direction > 0 ? peak >= target : min <= target;
            _reps.Add(new GroundTruthRep(rp.Item, it.Definition.Id, it.Item.Level, it.Definition.DrivingJoint, rp.Set, rp.Rep,
                rp.Start, rp.HoldStart, rp.HoldEnd, rp.End, it.StartRad, target, peak, min, complete, rp.Partial, rp.Limited));
        }
    }
}
