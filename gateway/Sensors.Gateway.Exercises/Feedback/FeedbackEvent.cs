namespace Sensors.Gateway.Exercises.Feedback;

/// <summary>What the UI layer is told.</summary>
public enum FeedbackKind
{
    /// <summary>A rep ended and was counted (<see cref="FeedbackEvent.Complete"/> says whether it reached the target).</summary>
    RepCounted,

    /// <summary>The rep in progress reached the level's target angle.</summary>
    TargetReached,

    /// <summary>The rep ended without reaching the target (an incomplete rep).</summary>
    TargetMissed,

    /// <summary>The way out was faster than half the prescribed tempo.</summary>
    SlowDown,

    /// <summary>Holding at the target: <see cref="FeedbackEvent.Value"/> = seconds left (one event per whole second, 0 = hold done).</summary>
    Hold,

    /// <summary>An extending knee rep ended short of the target: straighten the knee fully.</summary>
    StraightenFully,

    /// <summary>The set's reps are done; rest <see cref="FeedbackEvent.Value"/> seconds.</summary>
    SetDone,

    /// <summary>Every set of every exercise is done.</summary>
    SessionDone,
}

/// <summary>
/// One feedback event. Time on the sample clock (s); exercise and 0-based set/rep indices; reps counted in the set so far
/// and the set's prescribed reps; <see cref="Value"/> depends on the kind (hold: s left; set done: rest s; rep: peak angle rad).
/// </summary>
public readonly record struct FeedbackEvent(
    FeedbackKind Kind,
    double TimeS,
    string ExerciseId,
    int SetIndex,
    int RepIndex,
    int RepsInSet,
    int RepsPrescribed,
    bool Complete,
    double Value);
