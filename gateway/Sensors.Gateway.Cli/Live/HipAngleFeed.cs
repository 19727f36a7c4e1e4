using System;
using Sensors.Band.Protocol;
using Sensors.Band.Joint;
using Sensors.Gateway.Intake;

namespace Sensors.Gateway.Cli.Live;

/// <summary>
/// The hip angle path of a live session: the band streams raw IMU frames (SetMode RawImu) and the thigh frames (IMU 0)
/// go through the gateway-side <see cref="HipAngleEstimator"/> (as in the accuracy study). The reference pose is taken
/// once, at the first thigh sample 2 s in (the start posture held still, the goniometer reading), and the angle is valid
/// from then on. Shank frames are ignored (the hip angle needs the thigh only); lost frames reach the caller as a jump of
/// band time (the session turns it into invalid samples).
/// </summary>
public sealed class HipAngleFeed : IIntakeObserver
{
    /// <summary>Band time of the reference pose, s (the start posture held still).</summary>
    public const double ReferencePoseAtS = 2.0;

    private readonly HipAngleEstimator _hip;
    private readonly Func<double, double>? _referenceRad;
    private readonly Action<double, double, bool> _onAngle;
    private readonly Action<IntakeError>? _onError;
    private readonly float[] _si = new float[6];
    private double _lastBandTimeS = double.NaN;
    private double _firstBandTimeS = double.NaN;
    private readonly Sensors.Band.Calibration.ImuCalibration? _calibration;
    private float _temperatureC = 25f;
    private bool _referenced;

    /// <param name="hip">The thigh estimator (axis hint set by the band factory).</param>
    /// <param name="referenceRad">The hip angle of the start posture at a band time (null = 0, lying/standing straight).</param>
    /// <param name="onAngle">Called per thigh sample with band time, s, hip angle, rad, and validity.</param>
    /// <param name="onError">Intake errors, passed on.</param>
    /// <param name="thighCalibration">The thigh IMU's factory calibration (raw frames are uncalibrated counts); null = none.
    /// Applied at the temperature of the band's last status frame.</param>
    public HipAngleFeed(HipAngleEstimator hip, Func<double, double>? referenceRad, Action<double, double, bool> onAngle, Action<IntakeError>? onError = null,
        Sensors.Band.Calibration.ImuCalibration? thighCalibration = null)
    {
        _calibration = thighCalibration;
        _hip = hip ?? throw new ArgumentNullException(nameof(hip));
        _referenceRad = referenceRad;
        _onAngle = onAngle ?? throw new ArgumentNullException(nameof(onAngle));
        _onError = onError;
    }

    /// <summary>The thigh estimator (diagnostics).</summary>
    public HipAngleEstimator Estimator => _hip;

    /// <summary>Hip angle samples produced.</summary>
    public long Samples { get; private set; }

    /// <summary>Angle frames received while raw frames were expected (the band did not switch mode); not used.</summary>
    public long UnexpectedAngleFrames { get; private set; }

    /// <inheritdoc />
    public void OnFrame(IntakeFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Type == FrameType.Angle) UnexpectedAngleFrames++;
        if (frame.Type == FrameType.Status && frame.Status is { } status) _temperatureC = status.TemperatureC;
        if (frame.Type != FrameType.RawImu || frame.RawImu is not { ImuIndex: 0 } raw) return;
        raw.GetAccelerationMPerS2(_si, 0);
        raw.GetRateRadPerS(_si, 3);
        _calibration?.ApplyCalibration(_si, 0, _temperatureC, _si, 0);
        double dt = double.IsNaN(_lastBandTimeS) ? 0.0 : frame.BandTimeS - _lastBandTimeS;
        _lastBandTimeS = frame.BandTimeS;
        if (double.IsNaN(_firstBandTimeS)) _firstBandTimeS = frame.BandTimeS;
        _hip.Update(dt, _si[0], _si[1], _si[2], _si[3], _si[4], _si[5]);
        if (!_referenced && frame.BandTimeS - _firstBandTimeS >= ReferencePoseAtS - 1e-9)
            _referenced = _hip.CaptureReference(_referenceRad?.Invoke(frame.BandTimeS) ?? 0.0);
        Samples++;
        bool valid = _referenced && _hip.IsValid;
        _onAngle(frame.BandTimeS, valid ? _hip.AngleRad : double.NaN, valid);
    }

    /// <inheritdoc />
    public void OnGap(IntakeGap gap)
    {
    }

    /// <inheritdoc />
    public void OnError(IntakeError error) => _onError?.Invoke(error);
}
