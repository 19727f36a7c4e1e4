using System;
using System.Collections.Generic;
using System.Linq;

namespace Sensors.Hardware.Imu;

/// <summary>
/// A simulated IMU at a fixed output configuration: streaming <see cref="Process"/> (one <see cref="ImuKinematics"/> in,
/// one measured <see cref="ImuSample"/> out) and batch <see cref="ApplyTo"/> side by side; ApplyTo restarts the noise so
/// it gives the same result as a fresh streaming run.
/// </summary>
public sealed class SimulatedImu
{
    public SimulatedImu(ImuErrorParameters parameters, int seed, ImuOutputConfig? config = null)
    {
        Model = new ImuErrorModel(parameters, seed);
        Config = config ?? parameters.Output;
    }

    /// <summary>The error model (parameters and bias states, for diagnostics).</summary>
    public ImuErrorModel Model { get; }

    /// <summary>Range and bandwidth configuration.</summary>
    public ImuOutputConfig Config { get; }

    /// <summary>The counts behind the last returned sample.</summary>
    public ImuRawSample LastRaw { get; private set; }

    /// <summary>Measures one instant (noise and bias states advance).</summary>
    public ImuSample Process(in ImuKinematics truth)
    {
        LastRaw = Model.Measure(truth, Config);
        return LastRaw.ToSi();
    }

    /// <summary>Restarts the noise sequence and bias states.</summary>
    public void Reset() => Model.Reset();

    /// <summary>Measures a whole motion from a fresh start (same result as Reset + Process for each element).</summary>
    public ImuSample[] ApplyTo(IEnumerable<ImuKinematics> motion)
    {
        ArgumentNullException.ThrowIfNull(motion);
        Reset();
        return motion.Select(k => Process(k)).ToArray();
    }
}
