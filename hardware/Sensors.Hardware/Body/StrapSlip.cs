using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>
/// A strap that slips once: from <see cref="StartS"/> over <see cref="DurationS"/> the mounting turns by
/// <see cref="RotationRad"/> (rotation vector in segment axes, applied on the segment side of the mounting) and the pod
/// slides by <see cref="ShiftM"/> (segment axes), along a minimum-jerk profile, and stays there.
/// </summary>
public sealed record StrapSlip(BandSite Site, double StartS, double DurationS, Vec3 RotationRad, Vec3 ShiftM)
{
    /// <summary>End of the slip, s.</summary>
    public double EndS => StartS + DurationS;

    /// <summary>Angle of the mounting change, rad.</summary>
    public double AngleRad => RotationRad.Length;

    /// <summary>Progress of the slip at time t (0 before, 1 after, minimum-jerk in between; C2).</summary>
    public double Progress(double tS) => MinJerk.Position((tS - StartS) / DurationS);
}
