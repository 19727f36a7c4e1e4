namespace Sensors.Hardware.Exercises;

/// <summary>Difficulty level of an exercise: range of motion, hold time and tempo grow from easy to hard.</summary>
public enum ExerciseLevel
{
    Easy,
    Medium,
    Hard,
}

/// <summary>Starting posture of an exercise.</summary>
public enum Posture
{
    /// <summary>Lying on the back on a bed, hip centre at <see cref="Body.BodyDimensions.SupineHipHeightM"/>.</summary>
    Supine,

    /// <summary>Sitting on a chair, pelvis upright, thigh horizontal, foot on the floor below the knee.</summary>
    Seated,

    /// <summary>Standing upright, foot flat on the floor.</summary>
    Standing,

    /// <summary>From sitting to standing and back, foot fixed on the floor.</summary>
    SitToStand,
}
