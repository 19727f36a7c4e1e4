namespace Sensors.Band.Joint
{
    /// <summary>
    /// Posture of the exercise being done, as told by the gateway (it knows the programme): the context in which rest
    /// poses repeat (<see cref="JointAngleEstimator.SetPostureContext"/>).
    /// </summary>
    public enum BodyPosture
    {
        /// <summary>Not told (default): no context-based re-anchoring.</summary>
        Unknown = 0,

        /// <summary>Lying on the back, moving (heel slide, straight-leg raise): between reps the heel rests on the bed, knee at its extension end.</summary>
        Supine = 1,

        /// <summary>Sitting (long-arc quad, seated knee flexion): the thigh rests on the chair.</summary>
        Seated = 2,

        /// <summary>Standing or moving between sitting and standing (sit-to-stand, mini squat).</summary>
        Standing = 3,

        /// <summary>
        /// Lying on the back in an isometric hold (quad set): the knee is pressed into the bed, the hold pose differs from
        /// the rest pose by a few degrees, so rest poses do not repeat.
        /// </summary>
        SupineHold = 4,
    }
}
