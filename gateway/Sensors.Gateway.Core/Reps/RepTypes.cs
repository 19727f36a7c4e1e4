using System;

namespace Sensors.Gateway.Core.Reps;

/// <summary>Which way a rep moves the primary joint angle away from the start pose.</summary>
public enum RepDirection
{
    /// <summary>The angle grows during the rep (heel slide, seated knee flexion, straight-leg raise, hip abduction, mini squat).</summary>
    Flexing = 1,

    /// <summary>The angle shrinks during the rep (long-arc quad, short-arc quad, sit to stand, quad set).</summary>
    Extending = -1,
}

/// <summary>What the detector counts.</summary>
public enum RepMode
{
    /// <summary>Out-and-back reps from a still start pose (the baseline is learnt from still periods).</summary>
    Dynamic,

    /// <summary>Isometric holds (quad set): a small excursion that must be held still; reported only with a hold.</summary>
    Isometric,

    /// <summary>Generic cycles of a continuously moving joint (a motorised hinge): the baseline is the valley since the last cycle.</summary>
    Cycle,
}

/// <summary>What the detector says about one rep.</summary>
[Flags]
public enum RepFindings
{
    None = 0,

    /// <summary>The excursion from the start pose reached <see cref="RepDetectorSettings.CompleteFraction"/> of the target excursion.</summary>
    TargetReached = 1,

    /// <summary>The way out (start to peak) took less than <see cref="RepDetectorSettings.TooFastFraction"/> of the prescribed time.</summary>
    TooFast = 2,

    /// <summary>The hold was shorter than <see cref="RepDetectorSettings.HoldFraction"/> of the prescribed hold.</summary>
    HoldTooShort = 4,

    /// <summary>The smallest primary angle went below <see cref="RepDetectorSettings.HyperextensionLimitRad"/>.</summary>
    Hyperextension = 8,

    /// <summary>The secondary angle moved more than <see cref="RepDetectorSettings.CompensationLimitRad"/> during the rep.</summary>
    Compensation = 16,

    /// <summary>The rep contains samples marked invalid (a gap); its metrics use only the valid samples, nothing is interpolated.</summary>
    SpansGap = 32,
}

/// <summary>What happened at one streamed sample (several at once are possible).</summary>
[Flags]
public enum RepEvents
{
    None = 0,

    /// <summary>The excursion crossed the enter threshold: a rep is under way (the start time is the onset before it).</summary>
    RepStarted = 1,

    /// <summary>The rep in progress just reached the target excursion.</summary>
    TargetReached = 2,

    /// <summary>The rep in progress has just been held for the prescribed hold × <see cref="RepDetectorSettings.HoldFraction"/>.</summary>
    HoldReached = 4,

    /// <summary>A rep ended and was reported: read it with <see cref="RepDetector.TryGetLastRep"/>.</summary>
    RepEnded = 8,

    /// <summary>A movement ended that was not a rep (too short, no hold in isometric mode, or longer than the maximum).</summary>
    RepDiscarded = 16,
}

/// <summary>State of the streaming detector (diagnostics).</summary>
public enum RepDetectorState
{
    /// <summary>No still start pose seen yet: no rep can start.</summary>
    LearningBaseline,

    /// <summary>At (or near) the start pose.</summary>
    Rest,

    /// <summary>A rep is in progress.</summary>
    InRep,
}
