namespace Sensors.Hardware.Body;

/// <summary>
/// Segment lengths and the geometry the sensors sit on. Defaults are an average adult; every value can be set per citizen.
/// </summary>
public sealed record BodyDimensions
{
    /// <summary>Hip joint centre to knee joint centre, m. Default 0.45 m.</summary>
    public double ThighLengthM { get; init; } = 0.45;

    /// <summary>Knee joint centre to ankle joint centre, m. Default 0.43 m.</summary>
    public double ShankLengthM { get; init; } = 0.43;

    /// <summary>Thigh radius at mid-thigh (distance from the bone axis to the skin under the band), m. Default 0.075 m.</summary>
    public double ThighRadiusM { get; init; } = 0.075;

    /// <summary>Shank radius just below the knee, m. Default 0.05 m.</summary>
    public double ShankRadiusM { get; init; } = 0.05;

    /// <summary>Ankle joint centre above the floor when the foot is flat, m. Default 0.08 m.</summary>
    public double AnkleHeightM { get; init; } = 0.08;

    /// <summary>Hip joint centre above the floor when lying on the bed (supine), m. Default 0.60 m.</summary>
    public double SupineHipHeightM { get; init; } = 0.60;

    /// <summary>Shank band: distance of the band centre below the knee joint line, m. Default 0.10 m.</summary>
    public double ShankBandBelowKneeM { get; init; } = 0.10;

    /// <summary>Thigh band: position along the thigh as a fraction of the thigh length from the hip. Default 0.5 (mid-thigh).</summary>
    public double ThighBandFraction { get; init; } = 0.5;

    /// <summary>The default adult.</summary>
    public static BodyDimensions Default { get; } = new();
}
