namespace Sensors.Gateway.Evaluation;

/// <summary>
/// Result of <see cref="HingeEvaluator"/> (ARCHITECTURE contract 5, datasets README section 3 "Hinge").
/// </summary>
/// <param name="Samples">Scored rows (phase = data, t_s ≥ first data t_s + 30 s).</param>
/// <param name="RmseDeg">Plain RMSE of (estimate − offset − encoder) over the scored rows, deg (sign flipped once if better).</param>
/// <param name="RepsDetected">Flexion/extension cycles of the estimated angle over the scored rows.</param>
/// <param name="EncoderRepsDetected">The same count on the encoder (reference for <paramref name="RepsDetected"/>).</param>
/// <param name="OffsetDeg">The removed constant: mean of (sign · estimate − encoder), deg.</param>
/// <param name="SignFlipped">True when the estimate's sign was flipped for scoring.</param>
/// <param name="Axis1X">Final hinge axis in sensor 1, x.</param>
/// <param name="Axis1Y">Final hinge axis in sensor 1, y.</param>
/// <param name="Axis1Z">Final hinge axis in sensor 1, z.</param>
/// <param name="Axis2X">Final hinge axis in sensor 2, x.</param>
/// <param name="Axis2Y">Final hinge axis in sensor 2, y.</param>
/// <param name="Axis2Z">Final hinge axis in sensor 2, z.</param>
/// <param name="GravityFraction">Fraction of scored rows on which the gravity angle corrected the estimate.</param>
public sealed record HingeReport(
    int Samples,
    double RmseDeg,
    int RepsDetected,
    int EncoderRepsDetected,
    double OffsetDeg,
    bool SignFlipped,
    double Axis1X,
    double Axis1Y,
    double Axis1Z,
    double Axis2X,
    double Axis2Y,
    double Axis2Z,
    double GravityFraction);
