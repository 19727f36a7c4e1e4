using System;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>
/// Output of the forward kinematics: each segment's orientation (segment-to-earth) and the joint centres in earth axes, m.
/// Segment origins: pelvis and thigh at the hip joint centre, shank at the knee joint centre.
/// </summary>
public readonly record struct SegmentPoses(
    Quat Pelvis,
    Quat Thigh,
    Quat Shank,
    Vec3 HipPositionM,
    Vec3 KneePositionM,
    Vec3 AnklePositionM)
{
    /// <summary>Orientation of one segment (segment-to-earth).</summary>
    public Quat Orientation(SegmentId segment) => segment switch
    {
        SegmentId.Pelvis => Pelvis,
        SegmentId.Thigh => Thigh,
        SegmentId.Shank => Shank,
        _ => throw new ArgumentOutOfRangeException(nameof(segment)),
    };

    /// <summary>Origin of one segment's frame in earth axes, m.</summary>
    public Vec3 OriginM(SegmentId segment) => segment switch
    {
        SegmentId.Pelvis or SegmentId.Thigh => HipPositionM,
        SegmentId.Shank => KneePositionM,
        _ => throw new ArgumentOutOfRangeException(nameof(segment)),
    };
}
