using System;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>
/// Soft-tissue motion of a band relative to its segment: a small band-limited wobble (rotation about the segment axes
/// and translation in segment axes), scaled by an excitation envelope 0…1 that the motion supplies (largest mid-movement,
/// zero when the leg is still). Amplitudes are bounds per axis.
/// </summary>
public sealed class SoftTissue
{
    private readonly BandLimitedNoise[] _rotation;
    private readonly BandLimitedNoise[] _translation;

    public SoftTissue(Random random, double rotationAmplitudeRad, double translationAmplitudeM, double lowHz = 1.5, double highHz = 4.0)
    {
        ArgumentNullException.ThrowIfNull(random);
        RotationAmplitudeRad = rotationAmplitudeRad;
        TranslationAmplitudeM = translationAmplitudeM;
        _rotation = new BandLimitedNoise[3];
        _translation = new BandLimitedNoise[3];
        for (int i = 0; i < 3; i++)
        {
            _rotation[i] = new BandLimitedNoise(random, rotationAmplitudeRad, lowHz, highHz);
            _translation[i] = new BandLimitedNoise(random, translationAmplitudeM, lowHz, highHz);
        }
    }

    /// <summary>No soft tissue (a rigidly attached sensor).</summary>
    public static SoftTissue None { get; } = new(new Random(0), 0, 0);

    /// <summary>Bound of the wobble angle about each segment axis, rad.</summary>
    public double RotationAmplitudeRad { get; }

    /// <summary>Bound of the wobble displacement along each segment axis, m.</summary>
    public double TranslationAmplitudeM { get; }

    /// <summary>Wobble rotation vector (segment axes, rad) at time t for the given excitation 0…1.</summary>
    public Vec3 RotationRad(double tS, double excitation) =>
        excitation == 0 ? Vec3.Zero : new Vec3(_rotation[0].Value(tS), _rotation[1].Value(tS), _rotation[2].Value(tS)) * excitation;

    /// <summary>Wobble displacement (segment axes, m) at time t for the given excitation 0…1.</summary>
    public Vec3 TranslationM(double tS, double excitation) =>
        excitation == 0 ? Vec3.Zero : new Vec3(_translation[0].Value(tS), _translation[1].Value(tS), _translation[2].Value(tS)) * excitation;
}
