using System;
using System.Collections.Generic;
using System.Globalization;
using Sensors.Gateway.Intake.Transports;

namespace Sensors.Gateway.Intake;

/// <summary>
/// Routes datagrams from several links to one <see cref="FrameIntake"/> per registered band. A datagram from a device
/// that is not registered is reported (<see cref="IntakeErrorKind.UnknownDevice"/>), counted and dropped; the bands
/// already registered are not affected.
/// </summary>
public sealed class FrameIntakeHub
{
    private readonly Dictionary<string, FrameIntake> _bands = new(StringComparer.Ordinal);
    private readonly Action<IntakeError>? _onError;

    /// <param name="onError">Called for errors that belong to no band (unknown device).</param>
    public FrameIntakeHub(Action<IntakeError>? onError = null) => _onError = onError;

    /// <summary>Datagrams from unknown devices.</summary>
    public long UnknownDeviceFrames { get; private set; }

    /// <summary>The registered bands.</summary>
    public IReadOnlyDictionary<string, FrameIntake> Bands => _bands;

    /// <summary>Registers a band; its frames go to <paramref name="observer"/>.</summary>
    public FrameIntake Register(string bandId, IIntakeObserver observer, IntakeSettings? settings = null)
    {
        if (_bands.ContainsKey(bandId)) throw new ArgumentException($"band {bandId} is already registered", nameof(bandId));
        var intake = new FrameIntake(bandId, observer, settings);
        _bands.Add(bandId, intake);
        return intake;
    }

    /// <summary>Accepts a datagram from any link.</summary>
    public void Accept(ReceivedFrame frame)
    {
        if (frame.DeviceId is not null && _bands.TryGetValue(frame.DeviceId, out FrameIntake? intake))
        {
            intake.Accept(frame);
            return;
        }

        UnknownDeviceFrames++;
        _onError?.Invoke(new IntakeError(IntakeErrorKind.UnknownDevice, frame.DeviceId ?? "(none)", -1, frame.ArrivalS, Sensors.Band.Protocol.DecodeStatus.Ok,
            string.Create(CultureInfo.InvariantCulture,
                $"unknown device '{frame.DeviceId}': {frame.Bytes?.Length ?? 0}-byte frame at {frame.ArrivalS:0.000} s dropped (registered: {string.Join(", ", _bands.Keys)}).")));
    }
}
