using System;

namespace Sensors.Gateway.Sessions.Uplink;

/// <summary>Exponential reconnect backoff with jitter: attempt n waits a uniform draw from [(1 − j)·d, d], d = min(max, initial·2ⁿ).</summary>
public sealed class ReconnectBackoff
{
    private readonly double _initialS, _maxS, _jitter;
    private readonly Random _random;

    /// <summary>Creates the backoff.</summary>
    public ReconnectBackoff(double initialS, double maxS, double jitter, Random? random = null)
    {
        _initialS = initialS;
        _maxS = maxS;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempt { get; private set; }

    /// <summary>The delay before the next attempt (and counts the attempt).</summary>
    public TimeSpan Next()
    {
        double d = Math.Min(_maxS, _initialS * Math.Pow(2, Math.Min(Attempt, 30)));
        Attempt++;
        return TimeSpan.FromSeconds(d * (1 - _jitter * _random.NextDouble()));
    }

    /// <summary>Back to the first delay after a successful connect.</summary>
    public void Reset() => Attempt = 0;
}
