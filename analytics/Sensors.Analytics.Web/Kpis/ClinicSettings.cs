namespace Sensors.Analytics.Web.Kpis;

/// <summary>
/// Clinical thresholds (configuration section <c>Clinic</c>). Defaults are documented in analytics/README.md.
/// Targets sent by the gateway with a session (the catalogue level's targets) win over these fallbacks.
/// </summary>
public sealed class ClinicSettings
{
    /// <summary>Fallback flexion target per level, degrees (easy 90, medium 105, hard 115: typical TKA milestones).</summary>
    public double EasyFlexionTargetDeg { get; set; } = 90;
    public double MediumFlexionTargetDeg { get; set; } = 105;
    public double HardFlexionTargetDeg { get; set; } = 115;

    /// <summary>Fallback extension target, degrees (0 = straight knee; a positive best extension is an extension deficit).</summary>
    public double ExtensionTargetDeg { get; set; } = 0;

    /// <summary>Green needs at least this share of the prescribed sessions in the last 7 days (default 0.8).</summary>
    public double GreenAdherence { get; set; } = 0.8;

    /// <summary>Green needs at least this mean rep quality in the last 7 days (default 0.7).</summary>
    public double GreenQuality { get; set; } = 0.7;

    /// <summary>Red below this adherence (default 0.5).</summary>
    public double RedAdherence { get; set; } = 0.5;

    /// <summary>Red below this quality (default 0.5).</summary>
    public double RedQuality { get; set; } = 0.5;

    public double FlexionTargetDeg(string level) => level switch
    {
        "hard" => HardFlexionTargetDeg,
        "medium" => MediumFlexionTargetDeg,
        _ => EasyFlexionTargetDeg,
    };
}
