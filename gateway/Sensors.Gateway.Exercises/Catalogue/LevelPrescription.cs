using System;
using Sensors.Gateway.Core.Reps;

namespace Sensors.Gateway.Exercises;

/// <summary>
/// What one level of an exercise prescribes. Angles are of the exercise's primary angle, rad (the catalogue file holds
/// degrees: the edge unit); times in s. A rep moves from <see cref="StartRad"/> to <see cref="TargetRad"/> in
/// <see cref="UpS"/>, holds <see cref="HoldS"/>, returns in <see cref="DownS"/> and waits <see cref="GapS"/>.
/// </summary>
public sealed record LevelPrescription(
    ExerciseLevel Level,
    double StartRad,
    double TargetRad,
    double HoldS,
    double UpS,
    double DownS,
    double GapS,
    int Reps,
    int Sets,
    double RestBetweenSetsS,
    int SessionsPerWeek)
{
    /// <summary>Flexion when the target is more flexed/abducted than the start, extension otherwise.</summary>
    public RepDirection Direction => TargetRad >= StartRad ? RepDirection.Flexing : RepDirection.Extending;

    /// <summary>+1 for flexing reps, −1 for extending reps.</summary>
    public int Sign => (int)Direction;

    /// <summary>Prescribed range of motion |target − start|, rad.</summary>
    public double RangeRad => Math.Abs(TargetRad - StartRad);

    /// <summary>Nominal duration of one rep (up + hold + down), s: the tempo.</summary>
    public double RepPeriodS => UpS + HoldS + DownS;

    public double StartDeg => StartRad * 180.0 / Math.PI;

    public double TargetDeg => TargetRad * 180.0 / Math.PI;
}
