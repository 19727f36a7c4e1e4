using System;
using Sensors.Hardware.Body;

namespace Sensors.Hardware.Exercises;

/// <summary>
/// One catalogue exercise: stable id, posture, the joint whose angle drives the rep, how the other joints and the pelvis
/// follow (the coupling), and the three levels.
/// </summary>
public sealed class ExerciseDefinition
{
    private readonly Func<double, CouplingContext, BodyPose> _coupling;

    internal ExerciseDefinition(
        string id,
        string title,
        Posture posture,
        JointAngleKind drivingJoint,
        string couplingDescription,
        LevelPrescription easy,
        LevelPrescription medium,
        LevelPrescription hard,
        Func<double, CouplingContext, BodyPose> coupling)
    {
        Id = id;
        Title = title;
        Posture = posture;
        DrivingJoint = drivingJoint;
        CouplingDescription = couplingDescription;
        Easy = easy;
        Medium = medium;
        Hard = hard;
        _coupling = coupling;
    }

    /// <summary>Stable string id (e.g. "heel_slide"), the same in firmware, gateway and analytics.</summary>
    public string Id { get; }

    public string Title { get; }

    public Posture Posture { get; }

    /// <summary>The joint angle that defines the rep (knee flexion, hip flexion or hip abduction).</summary>
    public JointAngleKind DrivingJoint { get; }

    /// <summary>How the other joints move with the driving joint (documentation).</summary>
    public string CouplingDescription { get; }

    public LevelPrescription Easy { get; }

    public LevelPrescription Medium { get; }

    public LevelPrescription Hard { get; }

    /// <summary>The prescription of a level.</summary>
    public LevelPrescription Level(ExerciseLevel level) => level switch
    {
        ExerciseLevel.Easy => Easy,
        ExerciseLevel.Medium => Medium,
        ExerciseLevel.Hard => Hard,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>
    /// The body pose (room frame, before the citizen's heading) for a driving-joint angle, rad. The driving joint in the
    /// returned pose equals <paramref name="drivingRad"/> exactly.
    /// </summary>
    public BodyPose PoseAt(double drivingRad, CouplingContext context) => _coupling(drivingRad, context);

    public override string ToString() => Id;
}
