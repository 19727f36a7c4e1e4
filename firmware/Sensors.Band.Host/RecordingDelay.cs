using System.Collections.Generic;
using Sensors.Band.Imu;

namespace Sensors.Band.Host;

/// <summary>An <see cref="IDelay"/> that does not wait but records every requested wait (simulated time, tests).</summary>
public sealed class RecordingDelay : IDelay
{
    private readonly List<int> _waits = [];

    /// <summary>Every wait requested, ms, in order.</summary>
    public IReadOnlyList<int> Waits => _waits;

    /// <summary>Sum of the waits, ms.</summary>
    public long TotalMs { get; private set; }

    /// <inheritdoc />
    public void Wait(int milliseconds)
    {
        _waits.Add(milliseconds);
        TotalMs += milliseconds;
    }

    /// <summary>Forgets the recorded waits.</summary>
    public void Clear()
    {
        _waits.Clear();
        TotalMs = 0;
    }
}
