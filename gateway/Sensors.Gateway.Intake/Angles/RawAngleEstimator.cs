using System;
using Sensors.Band.Calibration;
using Sensors.Band.Joint;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake.Angles;

/// <summary>
/// The band's joint-angle core run on the gateway, for raw IMU frames (bench mode, or bands streaming raw): pairs the
/// thigh and shank frames of one sample (same timestamp), converts counts to SI with the nominal sensitivity, applies the
/// factory calibration (when given) at the temperature of the last status frame, and updates the same
/// <see cref="JointAngleEstimator"/> the band runs. A sample whose partner frame was lost is skipped (the gap is marked
/// by the intake; nothing is interpolated).
/// </summary>
public sealed class RawAngleEstimator
{
    private readonly float[] _thigh = new float[6];
    private readonly float[] _shank = new float[6];
    private readonly float[] _scratch = new float[6];
    private IntakeFrame? _pendingThigh;
    private double _lastBandTimeS = double.NaN;

    /// <param name="settings">Estimator settings (null = defaults).</param>
    /// <param name="factory">Factory calibration of the band (null = nominal sensitivity only).</param>
    public RawAngleEstimator(JointAngleSettings? settings = null, CalibrationRecord? factory = null)
    {
        Estimator = new JointAngleEstimator(settings ?? new JointAngleSettings());
        Factory = factory;
    }

    /// <summary>The joint-angle core (mounting, slip count, diagnostics).</summary>
    public JointAngleEstimator Estimator { get; }

    /// <summary>Factory calibration applied to the counts (null = none).</summary>
    public CalibrationRecord? Factory { get; set; }

    /// <summary>IMU temperature used for the bias temperature model, °C (from status frames). Default 25 °C.</summary>
    public float TemperatureC { get; set; } = 25f;

    /// <summary>Samples whose thigh or shank frame was missing.</summary>
    public long UnpairedFrames { get; private set; }

    /// <summary>
    /// Feeds one raw frame (other types are ignored, except status: its temperature is used). True when a thigh/shank
    /// pair completed and <paramref name="sample"/> holds the new angle.
    /// </summary>
    public bool TryProcess(IntakeFrame frame, out AngleSample sample)
    {
        ArgumentNullException.ThrowIfNull(frame);
        sample = default;
        if (frame.Type == FrameType.Status && frame.Status is { } status)
        {
            TemperatureC = status.TemperatureC;
            return false;
        }

        if (frame.Type != FrameType.RawImu || frame.RawImu is null) return false;
        if (frame.RawImu.ImuIndex == 0)
        {
            if (_pendingThigh is not null) UnpairedFrames++;
            _pendingThigh = frame;
            return false;
        }

        if (_pendingThigh is null || _pendingThigh.TimestampTicks != frame.TimestampTicks)
        {
            if (_pendingThigh is not null) UnpairedFrames++;
            UnpairedFrames++;
            _pendingThigh = null;
            return false;
        }

        ToSi(_pendingThigh.RawImu!, Factory?.Thigh, _thigh);
        ToSi(frame.RawImu, Factory?.Shank, _shank);
        _pendingThigh = null;
        double dt = double.IsNaN(_lastBandTimeS) ? 0.0 : frame.BandTimeS - _lastBandTimeS;
        _lastBandTimeS = frame.BandTimeS;
        JointAngleEstimator e = Estimator;
        e.Update(dt, _thigh[0], _thigh[1], _thigh[2], _thigh[3], _thigh[4], _thigh[5],
            _shank[0], _shank[1], _shank[2], _shank[3], _shank[4], _shank[5]);
        AngleQuality q = AngleQuality.None;
        if (e.Rest1 && e.Rest2) q |= AngleQuality.Rest;
        if (!e.IsValid) q |= AngleQuality.FusionSettling;
        sample = new AngleSample(frame.BandId, frame.UnwrappedSequence, frame.BandTimeS, frame.GatewayTimeS,
            e.IsValid ? e.FlexionRad : double.NaN, e.IsValid ? e.FlexionRateRadPerS : double.NaN, q, e.IsValid);
        return true;
    }

    private void ToSi(RawImuFrame raw, ImuCalibration? calibration, float[] si)
    {
        raw.GetAccelerationMPerS2(_scratch, 0);
        raw.GetRateRadPerS(_scratch, 3);
        if (calibration is null)
        {
            Array.Copy(_scratch, si, 6);
            return;
        }

        calibration.ApplyCalibration(_scratch, 0, TemperatureC, si, 0);
    }
}
