using Sensors.Hardware.Body;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Exercises;

/// <summary>What the citizen is doing at a sample.</summary>
public enum SessionPhase
{
    /// <summary>Resting in the exercise's start pose (before/after a set, between sets and exercises).</summary>
    Rest,

    /// <summary>Resting but fidgeting: small random joint motion that is not a rep.</summary>
    Fidget,

    /// <summary>Changing posture or start pose between two exercises.</summary>
    Transition,

    /// <summary>Rep: moving from the start angle towards the target.</summary>
    MoveToTarget,

    /// <summary>Rep: holding at the reached angle.</summary>
    Hold,

    /// <summary>Rep: returning to the start angle.</summary>
    Return,

    /// <summary>Short wait at the start angle between two reps of a set.</summary>
    BetweenReps,

    /// <summary>A longer pause in the middle of a set (a ground-truth event).</summary>
    Pause,
}

/// <summary>Kinds of ground-truth event besides reps.</summary>
public enum SessionEventKind
{
    Pause,
    Fidget,
    StrapSlip,
    Transition,
}

/// <summary>
/// A ground-truth event. <see cref="Slip"/> is set for strap slips (band, time, mounting rotation and shift).
/// ProgramIndex/SetIndex are −1 where they do not apply.
/// </summary>
public sealed record SessionEvent(SessionEventKind Kind, double StartS, double EndS, int ProgramIndex, int SetIndex, StrapSlip? Slip = null);

/// <summary>
/// One ground-truth rep. Angles are of the exercise's driving joint, rad. <see cref="PeakRad"/>/<see cref="MinRad"/> are
/// the true extremes over [StartS, EndS] (tremor included). A rep is <see cref="Complete"/> when its extreme in the
/// direction of the rep reached the level's target (peak ≥ target for flexing reps, min ≤ target for extending reps).
/// <see cref="Partial"/> marks reps the citizen meant to cut short (30–70 % of the ROM); <see cref="LimitedByRom"/>
/// marks full attempts stopped by the citizen's range of motion (e.g. extension lag).
/// </summary>
public sealed record GroundTruthRep(
    int ProgramIndex,
    string ExerciseId,
    ExerciseLevel Level,
    JointAngleKind DrivingJoint,
    int SetIndex,
    int RepIndex,
    double StartS,
    double HoldStartS,
    double HoldEndS,
    double EndS,
    double StartAngleRad,
    double TargetRad,
    double PeakRad,
    double MinRad,
    bool Complete,
    bool Partial,
    bool LimitedByRom)
{
    /// <summary>+1 if the rep flexes/abducts towards the target, −1 if it extends.</summary>
    public int Direction => TargetRad >= StartAngleRad ? 1 : -1;

    /// <summary>The extreme in the direction of the rep (peak for flexing reps, min for extending reps), rad.</summary>
    public double ReachedRad => Direction > 0 ? PeakRad : MinRad;
}

/// <summary>
/// One sample of a simulated session: true joint angles (rad), segment orientations, the exact kinematics of the thigh and
/// shank IMUs (input to the IMU error model), the current mountings, and where in the programme the citizen is.
/// SetIndex/RepIndex are 0-based and −1 outside a set / outside a rep.
/// </summary>
public readonly record struct SessionSample(
    double TimeS,
    JointAngles Joints,
    SegmentPoses Segments,
    ImuKinematics Thigh,
    ImuKinematics Shank,
    Quat ThighMounting,
    Quat ShankMounting,
    int ProgramIndex,
    string ExerciseId,
    ExerciseLevel Level,
    int SetIndex,
    int RepIndex,
    SessionPhase Phase)
{
    public double KneeFlexionRad => Joints.KneeFlexionRad;

    public double HipFlexionRad => Joints.HipFlexionRad;

    public double HipAbductionRad => Joints.HipAbductionRad;

    /// <summary>The IMU kinematics of one band.</summary>
    public ImuKinematics Imu(BandSite site) => site == BandSite.Thigh ? Thigh : Shank;
}
