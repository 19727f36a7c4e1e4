namespace Sensors.Hardware.Body;

/// <summary>
/// Minimum-jerk (quintic) profile s(τ) = 10τ³ − 15τ⁴ + 6τ⁵ on τ ∈ [0, 1], clamped outside: zero velocity and acceleration
/// at both ends, so joined profiles are C2 — the smoothness the numerical derivatives of the simulator rely on.
/// </summary>
public static class MinJerk
{
    /// <summary>Position 0…1 at normalised time <paramref name="tau"/> (clamped to [0, 1]).</summary>
    public static double Position(double tau)
    {
        if (tau <= 0) return 0;
        if (tau >= 1) return 1;
        double t3 = tau * tau * tau;
        return t3 * (10 + tau * (-15 + 6 * tau));
    }

    /// <summary>
    /// A bell 0…1…0 over τ ∈ [0, 1]: the squared normalised minimum-jerk speed, (16 τ²(1 − τ)²)². C2, peak 1 at τ = 0.5.
    /// </summary>
    public static double SpeedBell(double tau)
    {
        if (tau <= 0 || tau >= 1) return 0;
        double b = 16 * tau * tau * (1 - tau) * (1 - tau);
        return b * b;
    }

    /// <summary>A C2 window: 0 outside [a, b], 1 inside [a + ramp, b − ramp], minimum-jerk ramps.</summary>
    public static double Window(double tS, double startS, double endS, double rampS) =>
        Position((tS - startS) / rampS) * Position((endS - tS) / rampS);
}
