using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>
/// Forward kinematics of one leg: pelvis → hip (3 DOF) → thigh → knee (hinge) → shank.
/// Segment frames (right leg, anatomical position): x anterior, y left (medial for the right leg), z proximal (up);
/// the thigh and shank long axes run along −z from their origin (hip, knee). The knee axis is the thigh/shank y axis.
/// <list type="bullet">
/// <item>Hip: thigh = pelvis ⊗ Ry(−flexion) ⊗ Rx(−s·abduction) ⊗ Rz(s·rotation), s = +1 right, −1 left.</item>
/// <item>Knee: shank = thigh ⊗ Ry(+flexion) (flexion moves the ankle backwards; negative = hyperextension).</item>
/// </list>
/// </summary>
public sealed class LegModel
{
    public LegModel(BodyDimensions dimensions, BodySide side = BodySide.Right)
    {
        Dimensions = dimensions;
        Side = side;
    }

    public BodyDimensions Dimensions { get; }

    public BodySide Side { get; }

    /// <summary>Thigh orientation relative to the pelvis (thigh-to-pelvis) for the given hip angles.</summary>
    public Quat HipRotation(JointAngles joints)
    {
        double s = Side.Sign();
        return Rotations.RotY(-joints.HipFlexionRad) * Rotations.RotX(-s * joints.HipAbductionRad) * Rotations.RotZ(s * joints.HipRotationRad);
    }

    /// <summary>Shank orientation relative to the thigh (shank-to-thigh): a pure rotation about the knee axis (y).</summary>
    public static Quat KneeRotation(double kneeFlexionRad) => Rotations.RotY(kneeFlexionRad);

    /// <summary>Segment orientations and joint centres for a pose.</summary>
    public SegmentPoses Solve(BodyPose pose)
    {
        Quat thigh = (pose.PelvisOrientation * HipRotation(pose.Joints)).Normalized();
        Quat shank = (thigh * KneeRotation(pose.Joints.KneeFlexionRad)).Normalized();
        Vec3 knee = pose.HipPositionM + thigh.Rotate(new Vec3(0, 0, -Dimensions.ThighLengthM));
        Vec3 ankle = knee + shank.Rotate(new Vec3(0, 0, -Dimensions.ShankLengthM));
        return new SegmentPoses(pose.PelvisOrientation, thigh, shank, pose.HipPositionM, knee, ankle);
    }

    /// <summary>
    /// Hip joint centre that puts the ankle at <paramref name="anklePositionM"/> (closed chain: foot fixed on floor or bed).
    /// </summary>
    public Vec3 HipPositionForAnkle(Quat pelvisOrientation, JointAngles joints, Vec3 anklePositionM)
    {
        Quat thigh = pelvisOrientation * HipRotation(joints);
        Quat shank = thigh * KneeRotation(joints.KneeFlexionRad);
        return anklePositionM
            - thigh.Rotate(new Vec3(0, 0, -Dimensions.ThighLengthM))
            - shank.Rotate(new Vec3(0, 0, -Dimensions.ShankLengthM));
    }

    /// <summary>
    /// The knee flexion angle measured from two segment orientations: the rotation thigh⁻¹ ⊗ shank, as an angle about the
    /// knee axis (y). Independent of the model's joint-angle bookkeeping; used to check it.
    /// </summary>
    public static double KneeFlexionFromSegments(Quat thigh, Quat shank)
    {
        Quat rel = thigh.Conjugate() * shank;
        if (rel.W < 0) rel = new Quat(-rel.W, -rel.X, -rel.Y, -rel.Z);
        return 2 * System.Math.Atan2(rel.Y, rel.W);
    }
}
