using System.Diagnostics;

namespace Sensors.Gateway.Intake.Transports;

/// <summary>The gateway's monotonic clock, s (arrival stamps). Injected so simulated links can use simulated time.</summary>
public interface IGatewayClock
{
    /// <summary>Seconds since an arbitrary fixed origin; never decreases.</summary>
    double NowS { get; }
}

/// <summary>The real monotonic clock (<see cref="Stopwatch"/>), origin at construction.</summary>
public sealed class StopwatchGatewayClock : IGatewayClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public double NowS => (Stopwatch.GetTimestamp() - _start) / (double)Stopwatch.Frequency;
}
