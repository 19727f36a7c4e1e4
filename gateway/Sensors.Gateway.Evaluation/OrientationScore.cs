namespace Sensors.Gateway.Evaluation;

/// <summary>
/// BROAD scores of one recording (datasets README section 1 step 4): RMSE in degrees over the movement samples
/// with ground truth. Field names match the evaluate CLI's JSON (ARCHITECTURE contract 5).
/// </summary>
/// <param name="Samples">Rows fed to the filter.</param>
/// <param name="MovementSamples">Rows with movement = 1 and ground truth (the scored rows).</param>
/// <param name="RmseTotalDeg">RMSE of the total error angle.</param>
/// <param name="RmseInclinationDeg">RMSE of the inclination error angle (the 6D score).</param>
/// <param name="RmseHeadingDeg">RMSE of the heading error angle (meaningless for 6D).</param>
public sealed record OrientationScore(int Samples, int MovementSamples, double RmseTotalDeg, double RmseInclinationDeg, double RmseHeadingDeg);
