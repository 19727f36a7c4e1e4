namespace Sensors.Hardware.Exercises;

/// <summary>
/// What one level of an exercise prescribes. Angles are of the exercise's driving joint, rad; times in s.
/// A rep: move from <see cref="StartRad"/> to <see cref="TargetRad"/> in <see cref="UpS"/>, hold <see cref="HoldS"/>,
/// return in <see cref="DownS"/>, wait <see cref="GapS"/> before the next rep.
/// </summary>
public sealed record LevelPrescription(
    double StartRad,
    double TargetRad,
    double HoldS,
    double UpS,
    double DownS,
    double GapS,
    int Reps,
    int Sets,
    double RestBetweenSetsS)
{
    /// <summary>+1 when the target is more flexed/abducted than the start, −1 when the rep extends.</summary>
    public int Direction => TargetRad >= StartRad ? 1 : -1;

    /// <summary>Prescribed range of motion |target − start|, rad.</summary>
    public double RangeRad => System.Math.Abs(TargetRad - StartRad);

    /// <summary>Builds a prescription from degrees (the catalogue's edge unit).</summary>
    public static LevelPrescription FromDegrees(double startDeg, double targetDeg, double holdS, double upS, double downS, double gapS, int reps, int sets, double restS) =>
        new(Deg(startDeg), Deg(targetDeg), holdS, upS, downS, gapS, reps, sets, restS);

    internal static double Deg(double deg) => deg * System.Math.PI / 180.0;
}
