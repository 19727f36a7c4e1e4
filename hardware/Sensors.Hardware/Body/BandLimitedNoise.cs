using System;

namespace Sensors.Hardware.Body;

/// <summary>
/// Smooth band-limited noise as a sum of a few sinusoids with random frequencies in [fLow, fHigh] and random phases.
/// Analytic in time (infinitely differentiable), so derivatives by central differences are exact to O(h²), and it can be
/// evaluated at any time in any order (no state). |value| ≤ <see cref="AmplitudeBound"/>.
/// </summary>
public sealed class BandLimitedNoise
{
    private readonly double[] _omegaRadPerS;
    private readonly double[] _phaseRad;
    private readonly double _componentAmplitude;

    public BandLimitedNoise(Random random, double amplitudeBound, double lowHz, double highHz, int components = 4)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        AmplitudeBound = amplitudeBound;
        _omegaRadPerS = new double[components];
        _phaseRad = new double[components];
        for (int i = 0; i < components; i++)
        {
            _omegaRadPerS[i] = 2 * System.Math.PI * (lowHz + (highHz - lowHz) * random.NextDouble());
            _phaseRad[i] = 2 * System.Math.PI * random.NextDouble();
        }
        _componentAmplitude = amplitudeBound / components;
    }

    /// <summary>Upper bound of |value|.</summary>
    public double AmplitudeBound { get; }

    /// <summary>Value at time t (s).</summary>
    public double Value(double tS)
    {
        if (_componentAmplitude == 0) return 0;
        double sum = 0;
        for (int i = 0; i < _omegaRadPerS.Length; i++) sum += System.Math.Sin(_omegaRadPerS[i] * tS + _phaseRad[i]);
        return sum * _componentAmplitude;
    }
}
