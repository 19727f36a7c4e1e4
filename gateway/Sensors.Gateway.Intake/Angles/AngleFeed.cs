using System;
using Sensors.Band.Protocol;

namespace Sensors.Gateway.Intake.Angles;

/// <summary>
/// Turns the intake's output into the live angle stream: angle frames become <see cref="AngleSample"/>s directly, raw
/// frames go through a <see cref="RawAngleEstimator"/> (created on the first raw frame unless given), gaps and errors are
/// passed on, the last status is kept. Plug it into <see cref="FrameIntake"/> as the observer.
/// </summary>
public sealed class AngleFeed : IIntakeObserver
{
    private readonly Action<AngleSample> _onAngle;
    private readonly Action<IntakeGap>? _onGap;
    private readonly Action<IntakeError>? _onError;

    public AngleFeed(Action<AngleSample> onAngle, Action<IntakeGap>? onGap = null, Action<IntakeError>? onError = null, RawAngleEstimator? raw = null)
    {
        _onAngle = onAngle ?? throw new ArgumentNullException(nameof(onAngle));
        _onGap = onGap;
        _onError = onError;
        Raw = raw;
    }

    /// <summary>The gateway-side estimator for raw frames (null until the first raw frame unless given).</summary>
    public RawAngleEstimator? Raw { get; private set; }

    /// <summary>The last status frame (battery, temperature, errors, calibration state).</summary>
    public StatusFrame? LastStatus { get; private set; }

    /// <summary>Angle samples produced.</summary>
    public long Samples { get; private set; }

    /// <summary>Responses to commands, last one.</summary>
    public ResponseFrame? LastResponse { get; private set; }

    /// <inheritdoc />
    public void OnFrame(IntakeFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        switch (frame.Type)
        {
            case FrameType.Angle when frame.Angle is { } a:
                bool valid = (a.Quality & AngleQuality.FusionSettling) == 0;
                Emit(new AngleSample(frame.BandId, frame.UnwrappedSequence, frame.BandTimeS, frame.GatewayTimeS,
                    a.KneeFlexionRad, a.KneeFlexionRateRadPerS, a.Quality, valid));
                break;
            case FrameType.RawImu:
                Raw ??= new RawAngleEstimator();
                if (Raw.TryProcess(frame, out AngleSample s)) Emit(s);
                break;
            case FrameType.Status:
                LastStatus = frame.Status;
                Raw?.TryProcess(frame, out _);
                break;
            case FrameType.Response:
                LastResponse = frame.Response;
                break;
        }
    }

    /// <inheritdoc />
    public void OnGap(IntakeGap gap) => _onGap?.Invoke(gap);

    /// <inheritdoc />
    public void OnError(IntakeError error) => _onError?.Invoke(error);

    private void Emit(AngleSample s)
    {
        Samples++;
        _onAngle(s);
    }
}
