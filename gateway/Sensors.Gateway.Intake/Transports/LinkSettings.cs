namespace Sensors.Gateway.Intake.Transports;

/// <summary>
/// What a simulated radio link does to the band's frames (<see cref="LinkSimulator"/>): loss, duplication, reordering,
/// delay and the band's clock error. Defaults: a perfect link (no loss, no delay) and a perfect band clock.
/// </summary>
public sealed class LinkSettings
{
    /// <summary>Probability that a frame is lost. Default 0.</summary>
    public double LossProbability { get; set; }

    /// <summary>Probability that a frame is delivered twice (a retransmission whose ack was lost). Default 0.</summary>
    public double DuplicateProbability { get; set; }

    /// <summary>Probability that a frame is held back and delivered after the next one. Default 0.</summary>
    public double ReorderProbability { get; set; }

    /// <summary>
    /// Band crystal error, ppm: the band's clock runs this much fast (positive) relative to the gateway's, so
    /// gateway time = band time / (1 + ppm·1e-6) + <see cref="ClockOffsetS"/>. Default 0 (crystals are within ±20…50 ppm).
    /// </summary>
    public double BandClockPpm { get; set; }

    /// <summary>Gateway clock reading when the band clock reads 0, s. Default 0.</summary>
    public double ClockOffsetS { get; set; }

    /// <summary>Smallest radio delay (connection interval, stack), s. Default 0.</summary>
    public double BaseDelayS { get; set; }

    /// <summary>Mean of the extra, exponentially distributed delay (retries, scheduling), s. Default 0.</summary>
    public double JitterMeanS { get; set; }

    /// <summary>Seed of the link's random draws (same seed, same impairments). Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>A perfect link.</summary>
    public static LinkSettings Perfect => new();
}
