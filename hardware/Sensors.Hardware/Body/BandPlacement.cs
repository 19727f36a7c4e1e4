using System;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>
/// Where a band's IMU sits on its segment as the placement guide prescribes (hardware/assembly.md): position of the IMU in
/// segment axes (m, from the segment origin) and the nominal mounting q_segment←sensor with the pod's nominal axes
/// (+x = arrow, proximal along the segment; +z = out of the pod face, away from the skin; +y = z × x).
/// <list type="bullet">
/// <item>Thigh pod: lateral, mid-thigh (outward normal = lateral).</item>
/// <item>Shank pod: anterior-lateral, <see cref="BodyDimensions.ShankBandBelowKneeM"/> below the knee joint line
/// (outward normal 45° between anterior and lateral).</item>
/// </list>
/// </summary>
public sealed record BandPlacement(BandSite Site, SegmentId Segment, Vec3 OffsetM, Quat NominalMounting)
{
    /// <summary>The prescribed placement of one band on a leg with the given dimensions.</summary>
    public static BandPlacement For(BandSite site, BodyDimensions dimensions, BodySide side)
    {
        double s = side.Sign();
        var lateral = new Vec3(0, -s, 0);
        var proximal = Vec3.UnitZ;
        switch (site)
        {
            case BandSite.Thigh:
                {
                    Vec3 offset = lateral * dimensions.ThighRadiusM + new Vec3(0, 0, -dimensions.ThighBandFraction * dimensions.ThighLengthM);
                    return new BandPlacement(site, SegmentId.Thigh, offset, PodMounting(proximal, lateral));
                }
            case BandSite.Shank:
                {
                    double c = System.Math.Sqrt(0.5);
                    var normal = new Vec3(c, -s * c, 0);
                    Vec3 offset = normal * dimensions.ShankRadiusM + new Vec3(0, 0, -dimensions.ShankBandBelowKneeM);
                    return new BandPlacement(site, SegmentId.Shank, offset, PodMounting(proximal, normal));
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(site));
        }
    }

    private static Quat PodMounting(Vec3 xAxis, Vec3 zAxis) => Rotations.FromAxes(xAxis, Vec3.Cross(zAxis, xAxis), zAxis);
}
