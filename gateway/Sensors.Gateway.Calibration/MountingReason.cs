namespace Sensors.Gateway.Calibration;

/// <summary>Why a mounting row was written (every refit is a new row; history is never overwritten).</summary>
public enum MountingReason
{
    /// <summary>First fitting: reference pose with the therapist (goniometer) or first axes from movement.</summary>
    FirstFitting = 0,

    /// <summary>Refined from ordinary movement during a session (axes moved by more than the refine threshold).</summary>
    Refined = 1,

    /// <summary>A strap slip was detected and the axes were re-fitted from movement (zero carried over).</summary>
    StrapSlipRefit = 2,

    /// <summary>Stored at the end of a session (the latest estimate).</summary>
    SessionEnd = 3,

    /// <summary>Set by a technician or imported.</summary>
    Technician = 4,
}
