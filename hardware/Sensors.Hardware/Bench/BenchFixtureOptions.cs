using System.Collections.Generic;
using Sensors.Hardware.Imu;

namespace Sensors.Hardware.Bench;

/// <summary>Timing and conditions of the bench fixtures (documented defaults).</summary>
public sealed record BenchFixtureOptions
{
    /// <summary>Output data rate, Hz (default 100, the band's rate).</summary>
    public double SampleRateHz { get; init; } = 100;

    /// <summary>Bench temperature, °C (default 25 = the datasheet reference).</summary>
    public double TemperatureC { get; init; } = 25;

    /// <summary>Local gravity, m/s² (default standard gravity).</summary>
    public double LocalGravityMPerS2 { get; init; } = Physics.StandardGravity;

    /// <summary>Static time per cube face, s (default 10).</summary>
    public double FaceHoldS { get; init; } = 10;

    /// <summary>Time to turn the cube to the next face, s (default 2; samples flagged segment −1).</summary>
    public double FaceTurnS { get; init; } = 2;

    /// <summary>Rate-table rates, °/s; each is run both ways about each axis (default 30, 90, 180, 360).</summary>
    public IReadOnlyList<double> TableRatesDegPerS { get; init; } = [30, 90, 180, 360];

    /// <summary>Constant-rate time per rate-table step, s (default 3).</summary>
    public double TableHoldS { get; init; } = 3;

    /// <summary>Spin-up time before each rate-table step, s (default 0.5; segment −1).</summary>
    public double TableSpinUpS { get; init; } = 0.5;

    /// <summary>Goniometer hold angles, ° (default 0 to 120 in 15° steps).</summary>
    public IReadOnlyList<double> JigAnglesDeg { get; init; } = [0, 15, 30, 45, 60, 75, 90, 105, 120];

    /// <summary>Hold time at each jig angle, s (default 5).</summary>
    public double JigHoldS { get; init; } = 5;

    /// <summary>Jig arm speed between holds, °/s (default 30).</summary>
    public double JigSpeedDegPerS { get; init; } = 30;
}
