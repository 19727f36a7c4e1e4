using System;

namespace Sensors.Hardware.Body;

/// <summary>The leg's joint angles, rad, signed (knee: + flexion, − hyperextension).</summary>
public readonly record struct JointAngles(double KneeFlexionRad, double HipFlexionRad, double HipAbductionRad, double HipRotationRad)
{
    public static readonly JointAngles Zero = new(0, 0, 0, 0);

    /// <summary>One angle by kind.</summary>
    public double Get(JointAngleKind kind) => kind switch
    {
        JointAngleKind.KneeFlexion => KneeFlexionRad,
        JointAngleKind.HipFlexion => HipFlexionRad,
        JointAngleKind.HipAbduction => HipAbductionRad,
        JointAngleKind.HipRotation => HipRotationRad,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static JointAngles operator +(JointAngles a, JointAngles b) => new(
        a.KneeFlexionRad + b.KneeFlexionRad, a.HipFlexionRad + b.HipFlexionRad,
        a.HipAbductionRad + b.HipAbductionRad, a.HipRotationRad + b.HipRotationRad);

    /// <summary>Linear blend a + (b − a)·s.</summary>
    public static JointAngles Lerp(JointAngles a, JointAngles b, double s) => new(
        a.KneeFlexionRad + (b.KneeFlexionRad - a.KneeFlexionRad) * s,
        a.HipFlexionRad + (b.HipFlexionRad - a.HipFlexionRad) * s,
        a.HipAbductionRad + (b.HipAbductionRad - a.HipAbductionRad) * s,
        a.HipRotationRad + (b.HipRotationRad - a.HipRotationRad) * s);
}
