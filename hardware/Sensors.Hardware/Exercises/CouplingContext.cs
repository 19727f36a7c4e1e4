using Sensors.Hardware.Body;

namespace Sensors.Hardware.Exercises;

/// <summary>
/// What an exercise's coupling needs besides the driving angle: the leg, the citizen's resting straight-knee angle
/// (max(extension limit, 0)), the citizen's active extension lag (knee bends this much at the top of a straight-leg raise)
/// and the rep's effective start and target of the driving joint (rad).
/// </summary>
public sealed record CouplingContext(LegModel Leg, double KneeRestRad, double ActiveLagRad, double StartRad, double TargetRad)
{
    /// <summary>Progress of a driving value from start (0) to target (1); may leave [0, 1] on overshoot.</summary>
    public double Progress(double drivingRad) =>
        TargetRad == StartRad ? 0 : (drivingRad - StartRad) / (TargetRad - StartRad);
}
