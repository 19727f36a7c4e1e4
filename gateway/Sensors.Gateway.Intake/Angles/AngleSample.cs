using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake.Angles;

/// <summary>
/// One knee-angle sample of the live angle stream (from a band angle frame, or estimated gateway-side from raw frames).
/// Signed: flexion positive, hyperextension negative. <see cref="Valid"/> is false while the fusion settles (the angle is
/// then not to be counted).
/// </summary>
/// <param name="BandId">The band.</param>
/// <param name="Sequence">Unwrapped sequence number of the frame it came from.</param>
/// <param name="BandTimeS">Band time, s (unwrapped).</param>
/// <param name="GatewayTimeS">The same instant on the gateway clock, s.</param>
/// <param name="KneeFlexionRad">Knee flexion, rad.</param>
/// <param name="KneeFlexionRateRadPerS">Knee flexion rate, rad/s.</param>
/// <param name="Quality">Quality flags (rest, strap slip suspected, saturated, settling).</param>
/// <param name="Valid">False while settling.</param>
public readonly record struct AngleSample(
    string BandId, long Sequence, double BandTimeS, double GatewayTimeS,
    double KneeFlexionRad, double KneeFlexionRateRadPerS, AngleQuality Quality, bool Valid);
