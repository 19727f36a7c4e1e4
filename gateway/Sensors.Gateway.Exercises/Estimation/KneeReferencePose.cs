using Sensors.Band.Joint;

namespace Sensors.Gateway.Exercises.Estimation;

/// <summary>
/// The session's knee reference pose, taken by the gateway because it knows the exercise. A reference pose alone leaves the
/// flexion sign to the first excursion, which the band takes as flexion; a seated extending exercise (long-arc quad,
/// sit-to-stand from 90°) first extends and would get the sign wrong (the angle mirrored about the start pose). So: with a
/// stored mounting whose sign the first fitting resolved, the reference is applied with that sign; for an extending
/// exercise without a resolved sign (a stiff knee whose fitting found no axes), the nominal placement's sign (+1, the axis
/// hints) is kept; otherwise the first excursion fixes it (the band's rule). Used by the live session and the accuracy study.
/// </summary>
public static class KneeReferencePose
{
    /// <summary>
    /// Captures the reference pose at <paramref name="knownFlexionRad"/> (the goniometer value); false while the estimator
    /// cannot take it yet (call again on a later sample).
    /// </summary>
    /// <param name="knee">The knee estimator of the session.</param>
    /// <param name="stored">The stored mounting whose resolved sign to keep, or null when the session has none.</param>
    /// <param name="knownFlexionRad">The knee angle at this moment, rad.</param>
    /// <param name="extending">True for an exercise whose reps extend first (level direction extension).</param>
    public static bool Capture(JointAngleEstimator knee, MountingRecord? stored, double knownFlexionRad, bool extending)
    {
        System.ArgumentNullException.ThrowIfNull(knee);
        bool storedSign = stored is not null && stored.FlexionSignResolved;
        int sign = storedSign && stored!.FlexionSign < 0 ? -1 : 1;
        if (!knee.CaptureReferencePose(sign * knownFlexionRad)) return false;
        if (storedSign || extending) knee.SetFlexionSign(sign);
        return true;
    }
}
