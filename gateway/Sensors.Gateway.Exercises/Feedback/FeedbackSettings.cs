namespace Sensors.Gateway.Exercises.Feedback;

/// <summary>Settings of <see cref="FeedbackEngine"/>.</summary>
public sealed record FeedbackSettings
{
    /// <summary>Sample rate of the joint-angle stream, Hz. Default 100.</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>Rest before the next set starts counting, s; null = the level's prescribed rest. Default null.</summary>
    public double? RestOverrideS { get; init; }
}
