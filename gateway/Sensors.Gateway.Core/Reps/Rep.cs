namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// One detected rep. Angles are of the primary joint (rad, signed: flexion/abduction +), times in s on the caller's clock
/// (start time + sample index / rate, shifted back by the low-pass filter's delay). All angle metrics come from the
/// low-passed angle.
/// </summary>
/// <param name="Index">0-based number of the rep among the reps reported by this detector/analysis.</param>
/// <param name="StartS">Onset: the last sample at the start pose (excursion ≤ onset fraction) before the rep.</param>
/// <param name="PeakS">First sample of the largest excursion.</param>
/// <param name="EndS">First sample back at the start pose (or settled still below the enter threshold).</param>
/// <param name="BaselineRad">The start pose angle the excursion is measured from.</param>
/// <param name="PeakFlexionRad">Largest primary angle over the rep and its start pose.</param>
/// <param name="MinFlexionRad">Smallest primary angle over the rep and its start pose (peak extension; negative = hyperextension).</param>
/// <param name="ExcursionRad">Largest excursion from the start pose in the rep's direction (≥ 0).</param>
/// <param name="PeakRateRadPerS">Largest |angular velocity| over the rep.</param>
/// <param name="HoldS">Time spent still (|rate| below the still threshold) beyond the enter threshold.</param>
/// <param name="VelocityPeaks">Smoothness: local maxima of |rate| above the still threshold (2 for a smooth out-and-back rep; more = jerkier).</param>
/// <param name="CompensationRad">Range (max − min) of the secondary angle over the rep; 0 without a secondary angle.</param>
/// <param name="Complete">Counted as a full rep (target reached; in isometric mode also held long enough).</param>
/// <param name="Findings">Target reached, too fast, hold too short, hyperextension, compensation, spans gap.</param>
public readonly record struct Rep(
    int Index,
    double StartS,
    double PeakS,
    double EndS,
    double BaselineRad,
    double PeakFlexionRad,
    double MinFlexionRad,
    double ExcursionRad,
    double PeakRateRadPerS,
    double HoldS,
    int VelocityPeaks,
    double CompensationRad,
    bool Complete,
    RepFindings Findings)
{
    /// <summary>End − start, s.</summary>
    public double DurationS => EndS - StartS;

    /// <summary>Range of motion over the rep: peak flexion − min flexion, rad.</summary>
    public double RomRad => PeakFlexionRad - MinFlexionRad;

    /// <summary>True when the rep has the flag.</summary>
    public bool Has(RepFindings finding) => (Findings & finding) == finding;
}
