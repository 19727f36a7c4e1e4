namespace Sensors.Gateway.Sessions.Recording;

/// <summary>Settings of the <see cref="SessionRecorder"/>; defaults documented in gateway/README.md.</summary>
public sealed record RecorderSettings
{
    /// <summary>Rate of the therapist curve, Hz. Default 10.</summary>
    public double CurveRateHz { get; init; } = 10.0;

    /// <summary>Curve samples per chunk message. Default 600 (one minute at 10 Hz).</summary>
    public int CurveChunkSamples { get; init; } = 600;

    /// <summary>Keep the raw angle samples (gzip CSV) in the outbox, locally. Default false.</summary>
    public bool KeepRawSamples { get; init; }

    /// <summary>Throws when a value is out of range, naming it.</summary>
    public void Validate()
    {
        if (!(CurveRateHz > 0 && CurveRateHz <= 1000))
            throw new System.ArgumentOutOfRangeException(nameof(CurveRateHz), CurveRateHz, "curve rate must be in (0, 1000] Hz");
        if (CurveChunkSamples < 1)
            throw new System.ArgumentOutOfRangeException(nameof(CurveChunkSamples), CurveChunkSamples, "chunk must hold at least one sample");
    }
}
