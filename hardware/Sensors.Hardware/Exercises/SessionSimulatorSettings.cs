namespace Sensors.Hardware.Exercises;

/// <summary>Settings of <see cref="SessionSimulator"/>; the defaults are documented in Body/README.md.</summary>
public sealed record SessionSimulatorSettings
{
    /// <summary>Output sample rate, Hz. Default 100.</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>Seed of everything the session draws (tempo, partial reps, pauses, fidgets, noise phases). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Step of the central differences for angular velocity and acceleration, s. Default 1e-4.</summary>
    public double DerivativeStepS { get; init; } = 1e-4;

    /// <summary>Rest before the first set, s. Default 3.</summary>
    public double InitialRestS { get; init; } = 3;

    /// <summary>Rest after the last set, s. Default 3.</summary>
    public double FinalRestS { get; init; } = 3;

    /// <summary>Rest at the end of one exercise before changing to the next, s. Default 8.</summary>
    public double BetweenExercisesRestS { get; init; } = 8;

    /// <summary>Duration of a change of start pose within a posture, s. Default 3.</summary>
    public double TransitionS { get; init; } = 3;

    /// <summary>Duration of a change of posture (e.g. bed to chair), s. Default 6.</summary>
    public double PostureChangeS { get; init; } = 6;

    /// <summary>Time constant of the band warming from room to skin temperature, s. Default 600.</summary>
    public double WarmUpTimeConstantS { get; init; } = 600;

    /// <summary>Sampling step of the driving joint when measuring each rep's true peak/min, s. Default 1e-3.</summary>
    public double RepExtremeStepS { get; init; } = 1e-3;
}
