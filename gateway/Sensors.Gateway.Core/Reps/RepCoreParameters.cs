using System;

namespace Sensors.Gateway.Core.Reps;

/// <summary>
/// The settings turned into the float thresholds and sample counts the three implementations (streaming, SIMD batch,
/// scalar batch) share, so that they compare exactly the same numbers. Levels are in the rep's progress coordinate
/// u = direction × angle, relative to the start pose.
/// </summary>
internal sealed class RepCoreParameters
{
    public RepCoreParameters(RepDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings.Validated();
        double rate = settings.SampleRateHz;
        Kernel = LowPassKernel.Hann(settings.LowPassWindowS, rate);
        DelaySamples = (Kernel.Length - 1) / 2;
        Sign = (float)(int)settings.Direction;
        VelocityScale = (float)(rate / 2);
        double r = settings.TargetExcursionRad;
        EnterLevel = (float)(settings.EnterFraction * r);
        OnsetLevel = (float)(settings.OnsetFraction * r);
        SettleLevel = (float)(0.5 * (settings.OnsetFraction + settings.EnterFraction) * r);
        StillRate = (float)settings.StillRateRadPerS;
        StillSamples = Math.Max(1, (int)Math.Round(settings.StillMinS * rate));
        RelearnSamples = Math.Max(StillSamples, (int)Math.Round(settings.BaselineRelearnS * rate));
        HalfLevel = (float)(0.5 * r);
        PlateauRestart = settings.Mode != RepMode.Cycle && settings.PlateauRestartFraction > 0;
        PlateauRestartLevel = (float)(Math.Max(settings.PlateauRestartFraction, settings.EnterFraction) * r);
        StuckSamples = (int)Math.Min(int.MaxValue / 2, Math.Round((settings.BaselineShiftS + 1.5 * settings.PrescribedHoldS) * rate));
        ShiftSamples = Math.Clamp((int)Math.Round(settings.BaselineShiftS * rate), StillSamples, RelearnSamples);
        _targetExcursion = settings.CompleteExcursionRad ?? r;
        _completeTolerance = (1 - settings.CompleteFraction) * r;
        _targetAngleU = settings.TargetAngleRad is double target ? Sign * target : double.NaN;
        MinRepSamples = (long)Math.Round(settings.MinRepDurationS * rate);
        MaxRepSamples = (long)Math.Round(settings.MaxRepDurationS * rate);
        HoldReachedSamples = settings.PrescribedHoldS > 0 ? Math.Max(1, (long)Math.Ceiling(settings.HoldFraction * settings.PrescribedHoldS * rate)) : 0;
        IsometricMinHoldSamples = (long)Math.Ceiling(settings.IsometricMinHoldFraction * settings.PrescribedHoldS * rate);
        PartialMinHoldSamples = settings.Mode == RepMode.Dynamic && settings.PrescribedHoldS > 0 ? (long)Math.Ceiling(settings.PartialMinHoldS * rate) : 0;
        TooFastSamples = settings.PrescribedUpS > 0 ? settings.TooFastFraction * settings.PrescribedUpS * rate : 0;
        HyperextensionLimit = (float)Math.Max(settings.HyperextensionLimitRad, float.MinValue);
        CompensationLimit = (float)Math.Min(settings.CompensationLimitRad, float.MaxValue);
        IsCycle = settings.Mode == RepMode.Cycle;
        IsIsometric = settings.Mode == RepMode.Isometric;
        Rate = rate;
    }

    public RepDetectorSettings Settings { get; }

    public float[] Kernel { get; }

    public int DelaySamples { get; }

    public float Sign { get; }

    public float VelocityScale { get; }

    public float EnterLevel { get; }

    public float OnsetLevel { get; }

    /// <summary>A rep also ends when the joint settles still below this excursion (midway between onset and enter).</summary>
    public float SettleLevel { get; }


    public float StillRate { get; }

    public int StillSamples { get; }

    public int RelearnSamples { get; }

    /// <summary>Still samples after which the start pose shifts to a still pose below the enter level (offset step at rest).</summary>
    public int ShiftSamples { get; }

    /// <summary>Whether a settled pose in a rep followed by a further movement restarts counting from it (not in Cycle mode).</summary>
    public bool PlateauRestart { get; }

    /// <summary>Further movement from a settled pose in a rep that makes the pose the start pose.</summary>
    public float PlateauRestartLevel { get; }

    /// <summary>Half the target excursion: a still period in a rep below it, longer than <see cref="StuckSamples"/>, is no hold.</summary>
    public float HalfLevel { get; }

    /// <summary>Still samples (BaselineShiftS + 1.5 × prescribed hold) after which a rep still below <see cref="HalfLevel"/> is dropped (an offset step, not a rep).</summary>
    public int StuckSamples { get; }

    private readonly double _targetExcursion;
    private readonly double _completeTolerance;
    private readonly double _targetAngleU;

    /// <summary>
    /// Excursion a rep from this start pose (u) must reach to be complete: the complete (default: target) excursion, or less when the start pose
    /// already lies towards the target angle (extension lag), minus the tolerance (1 − CompleteFraction) × target excursion;
    /// never below the enter level.
    /// </summary>
    public float CompleteLevelFor(float baseU)
    {
        double needed = double.IsNaN(_targetAngleU) ? _targetExcursion : Math.Min(_targetExcursion, _targetAngleU - baseU);
        return (float)Math.Max(needed - _completeTolerance, EnterLevel);
    }

    public long MinRepSamples { get; }

    public long MaxRepSamples { get; }

    public long HoldReachedSamples { get; }

    public long IsometricMinHoldSamples { get; }

    /// <summary>Dynamic reps below the complete level need this many hold samples to be reported (0 = no check).</summary>
    public long PartialMinHoldSamples { get; }

    public double TooFastSamples { get; }

    public float HyperextensionLimit { get; }

    public float CompensationLimit { get; }

    public bool IsCycle { get; }

    public bool IsIsometric { get; }

    public double Rate { get; }

    /// <summary>Time of a (filtered) sample index: start + (index − filter delay) / rate.</summary>
    public double TimeOf(long index, double startTimeS) => startTimeS + (index - DelaySamples) / Rate;

    /// <summary>Largest |angle| accepted, rad: anything beyond looks like degrees.</summary>
    public const float MaxAbsAngleRad = (float)(2 * Math.PI);
}

/// <summary>Hann-window FIR low-pass: taps w_k = sin²(π(k+1)/(N+1)), normalised to unit DC gain.</summary>
internal static class LowPassKernel
{
    public static float[] Hann(double windowS, double rateHz)
    {
        int n = 2 * (int)Math.Round(windowS * rateHz / 2) + 1;
        var w = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            double s = Math.Sin(Math.PI * (k + 1) / (n + 1));
            w[k] = s * s;
            sum += w[k];
        }
        var f = new float[n];
        for (int k = 0; k < n; k++) f[k] = (float)(w[k] / sum);
        return f;
    }
}
