using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>
/// How one band sits on its segment during a session: the prescribed placement, the strap's misalignment, soft tissue and
/// an optional strap slip. Mounting (sensor-to-segment) at time t:
/// <c>M(t) = Exp(slip(t)) ⊗ misalignment ⊗ nominal</c>; sensor orientation = segment ⊗ Exp(wobble) ⊗ M(t);
/// sensor position = segment origin + R_segment (offset + slip shift + wobble shift).
/// </summary>
public sealed class BandMounting
{
    public BandMounting(BandPlacement placement, Quat misalignment, SoftTissue softTissue, StrapSlip? slip = null)
    {
        Placement = placement;
        Misalignment = misalignment;
        SoftTissue = softTissue;
        Slip = slip;
    }

    public BandPlacement Placement { get; }

    /// <summary>Strap misalignment: rotation about the segment axes applied to the nominal mounting.</summary>
    public Quat Misalignment { get; }

    public SoftTissue SoftTissue { get; }

    /// <summary>The strap slip of this band, if any.</summary>
    public StrapSlip? Slip { get; }

    /// <summary>Mounting q_segment←sensor at time t (without the soft-tissue wobble).</summary>
    public Quat MountingAt(double tS)
    {
        Quat m = Misalignment * Placement.NominalMounting;
        if (Slip is null) return m;
        double p = Slip.Progress(tS);
        return p == 0 ? m : Quat.FromRotationVector(Slip.RotationRad * p) * m;
    }

    /// <summary>Position of the IMU in segment axes at time t (without the wobble), m.</summary>
    public Vec3 OffsetAtM(double tS) => Slip is null ? Placement.OffsetM : Placement.OffsetM + Slip.ShiftM * Slip.Progress(tS);

    /// <summary>The IMU's pose at time t for the given segment poses and soft-tissue excitation 0…1.</summary>
    public SensorPose SensorPoseAt(double tS, in SegmentPoses segments, double softTissueExcitation)
    {
        Quat segment = segments.Orientation(Placement.Segment);
        Vec3 origin = segments.OriginM(Placement.Segment);
        Quat wobble = Quat.FromRotationVector(SoftTissue.RotationRad(tS, softTissueExcitation));
        Quat orientation = (segment * wobble * MountingAt(tS)).Normalized();
        Vec3 offset = OffsetAtM(tS) + SoftTissue.TranslationM(tS, softTissueExcitation);
        return new SensorPose(orientation, origin + segment.Rotate(offset));
    }
}
