namespace Sensors.Hardware.Body;

/// <summary>
/// Which leg carries the band. The model is written for the right leg; the left leg is its mirror image in the
/// sagittal plane (segment y axis negated): flexion keeps its sign, abduction/rotation axes and the lateral side flip.
/// </summary>
public enum BodySide
{
    Right,
    Left,
}

/// <summary>The three segments of the leg model.</summary>
public enum SegmentId
{
    Pelvis,
    Thigh,
    Shank,
}

/// <summary>Where a band's IMU sits: on the thigh (IMU1, proximal) or on the shank (IMU2, distal).</summary>
public enum BandSite
{
    Thigh,
    Shank,
}

/// <summary>The joint angles of the model (all in rad, signed).</summary>
public enum JointAngleKind
{
    /// <summary>Knee flexion: + flexion, − hyperextension (extension beyond 0).</summary>
    KneeFlexion,

    /// <summary>Hip flexion: + thigh forward (anterior), − hip extension.</summary>
    HipFlexion,

    /// <summary>Hip abduction: + thigh away from the midline (lateral).</summary>
    HipAbduction,

    /// <summary>Hip internal rotation: + toes turned towards the midline.</summary>
    HipRotation,
}

internal static class BodySideExtensions
{
    /// <summary>+1 for the right leg, −1 for the left (the sign of the lateral direction along −y).</summary>
    public static double Sign(this BodySide side) => side == BodySide.Right ? 1.0 : -1.0;
}
