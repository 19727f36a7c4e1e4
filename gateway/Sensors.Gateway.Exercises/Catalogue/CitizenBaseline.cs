using System;

namespace Sensors.Gateway.Exercises;

/// <summary>
/// What the gateway knows about a citizen's range of motion (from the therapist's assessment or earlier sessions), used to
/// place the start of a rep where this citizen can actually begin it. Angles rad; defaults are a full-range knee.
/// </summary>
public sealed record CitizenBaseline
{
    /// <summary>Most extended knee angle reachable: + extension lag, − true hyperextension. Default 0.</summary>
    public double KneeExtensionLimitRad { get; init; }

    /// <summary>Largest knee flexion reachable. Default 130°.</summary>
    public double MaxKneeFlexionRad { get; init; } = 130 * Math.PI / 180;

    /// <summary>Largest hip flexion reachable. Default 100°.</summary>
    public double MaxHipFlexionRad { get; init; } = 100 * Math.PI / 180;

    /// <summary>Largest hip abduction reachable. Default 40°.</summary>
    public double MaxHipAbductionRad { get; init; } = 40 * Math.PI / 180;

    /// <summary>A full-range citizen.</summary>
    public static CitizenBaseline Default { get; } = new();

    /// <summary>The reachable interval of a primary angle, rad.</summary>
    public (double LowerRad, double UpperRad) Range(PrimaryAngle angle) => angle switch
    {
        PrimaryAngle.KneeFlexion => (KneeExtensionLimitRad, MaxKneeFlexionRad),
        PrimaryAngle.HipFlexion => (-0.2, MaxHipFlexionRad),
        PrimaryAngle.HipAbduction => (-0.2, MaxHipAbductionRad),
        _ => throw new ArgumentOutOfRangeException(nameof(angle)),
    };

    /// <summary>
    /// Where this citizen starts a rep of the level: the prescribed start clamped to the reachable range, and moved so
    /// that at least half of the prescribed ROM is available when the start sits within 30 % of the ROM of the limit the
    /// rep moves towards (e.g. long-arc quad from 90° for a knee with 88° flexion). The same rule as the motion model.
    /// </summary>
    public double EffectiveStartRad(Exercise exercise, LevelPrescription level)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(level);
        (double lower, double upper) = Range(exercise.PrimaryAngle);
        double range = level.RangeRad;
        double start = Math.Clamp(level.StartRad, lower, upper);
        if (level.Sign < 0 && start - lower < 0.3 * range) start = Math.Min(upper, lower + 0.5 * range);
        if (level.Sign > 0 && upper - start < 0.3 * range) start = Math.Max(lower, upper - 0.5 * range);
        return start;
    }
}
