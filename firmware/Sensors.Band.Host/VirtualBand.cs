using System;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Band.Calibration;
using Sensors.Band.Imu;
using Sensors.Band.Joint;
using Sensors.Band.Protocol;
using Sensors.Hardware.Body;
using Sensors.Hardware.Devices.Mpu6500;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Sensors.Hardware.People;

namespace Sensors.Band.Host;

/// <summary>
/// The band in software: the portable core (<see cref="Mpu6500Driver"/> ×2, <see cref="JointAngleEstimator"/>, protocol
/// encoder) running on two <see cref="SimulatedMpu6500"/>s (0x68 thigh, 0x69 shank) through the host I2C adapter, driven
/// by a <see cref="SessionSimulator"/>. Each <see cref="Step"/> is one sample period: the simulated clock advances, both
/// IMUs are read through the driver, the estimator runs and the frame(s) go to the <see cref="IFrameSink"/>. Use
/// <see cref="Step"/>/<see cref="Run"/> for as-fast-as-possible streams or <see cref="RunAsync"/> for real-time pacing.
/// </summary>
public sealed class VirtualBand : IDisposable
{
    // BandInfo.CoreVersion ("major.minor.patch") as the status frame's three bytes.
    private static readonly byte[] FirmwareVersion = Array.ConvertAll(
        BandInfo.CoreVersion.Split('.'), p => byte.Parse(p, System.Globalization.CultureInfo.InvariantCulture));

    private readonly SessionSimulator _session;
    private readonly IFrameSink _sink;
    private readonly VirtualBandSettings _settings;
    private readonly I2cDeviceRegisterBus _thighBus;
    private readonly I2cDeviceRegisterBus _shankBus;
    private readonly Mpu6500Sample _thighSample = new();
    private readonly Mpu6500Sample _shankSample = new();
    private readonly AngleFrame _angle = new();
    private readonly RawImuFrame _raw = new();
    private readonly StatusFrame _status = new();
    private readonly byte[] _buffer = new byte[ProtocolConstants.DefaultMaxFrameBytes];
    private readonly double _periodS;
    private readonly int _statusEveryTicks;
    private readonly RawImuRange _rawRange;
    private double _cachedTimeS = double.NaN;
    private SessionSample _cached;
    private BandErrors _errors;
    private bool _disposed;
    private bool _referencePending;

    /// <param name="session">The citizen and programme that move the two IMUs.</param>
    /// <param name="sink">Where the notifications go.</param>
    /// <param name="settings">Band configuration (null = defaults).</param>
    public VirtualBand(SessionSimulator session, IFrameSink sink, VirtualBandSettings? settings = null)
    {
        _session = session ?? throw new ArgumentNullException(nameof(session));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _settings = settings ?? new VirtualBandSettings();
        if ((byte)_settings.Imu.AccelRange != (byte)_settings.Imu.GyroRange)
            throw new ArgumentException("Raw IMU frames (protocol v1) need paired ranges (±2 g/±250 °/s, ±4 g/±500 °/s, …).", nameof(settings));
        _rawRange = (RawImuRange)(byte)_settings.Imu.GyroRange;
        _periodS = 1.0 / _settings.Imu.SampleRateHz;
        _statusEveryTicks = Math.Max(1, (int)Math.Round(_settings.StatusIntervalS / _periodS));

        ImuErrorParameters thighPart = _settings.ImuErrors is { } errors ? ImuErrorParameters.Draw(errors, _settings.ImuSeed) : ImuErrorParameters.Ideal;
        ImuErrorParameters shankPart = _settings.ImuErrors is { } e2 ? ImuErrorParameters.Draw(e2, _settings.ImuSeed + 1) : ImuErrorParameters.Ideal;
        ThighImu = new SimulatedMpu6500(t => Truth(t).Thigh, thighPart, _settings.ImuSeed, SimulatedMpu6500.DefaultI2cAddress);
        ShankImu = new SimulatedMpu6500(t => Truth(t).Shank, shankPart, _settings.ImuSeed + 1, SimulatedMpu6500.SecondaryI2cAddress);
        _thighBus = new I2cDeviceRegisterBus(ThighImu);
        _shankBus = new I2cDeviceRegisterBus(ShankImu);
        Delay = new RecordingDelay();
        ThighDriver = new Mpu6500Driver(_thighBus, _settings.Imu, Delay) { Calibration = _settings.ThighCalibration };
        ShankDriver = new Mpu6500Driver(_shankBus, _settings.Imu, Delay) { Calibration = _settings.ShankCalibration };
        Estimator = new JointAngleEstimator(_settings.Joint);
        if (_settings.UseAssemblyAxisHints)
        {
            CitizenProfile citizen = session.Citizen;
            Vec3 h1 = BandPlacement.For(BandSite.Thigh, citizen.Dimensions, citizen.Side).NominalMounting.RotateInverse(Vec3.UnitY);
            Vec3 h2 = BandPlacement.For(BandSite.Shank, citizen.Dimensions, citizen.Side).NominalMounting.RotateInverse(Vec3.UnitY);
            Estimator.Axis.SetAxisHints(h1.X, h1.Y, h1.Z, h2.X, h2.Y, h2.Z);
        }

        _referencePending = !double.IsNaN(_settings.ReferencePoseAtS);
        Mode = _settings.Mode;
        ThighDriver.Initialize();
        ShankDriver.Initialize();
    }

    /// <summary>The simulated thigh IMU (0x68): faults can be injected here.</summary>
    public SimulatedMpu6500 ThighImu { get; }

    /// <summary>The simulated shank IMU (0x69).</summary>
    public SimulatedMpu6500 ShankImu { get; }

    /// <summary>The core's driver of the thigh IMU.</summary>
    public Mpu6500Driver ThighDriver { get; }

    /// <summary>The core's driver of the shank IMU.</summary>
    public Mpu6500Driver ShankDriver { get; }

    /// <summary>The core's joint-angle estimator (diagnostics).</summary>
    public JointAngleEstimator Estimator { get; }

    /// <summary>The drivers' waits (reset, wake, retries): recorded, not slept — the band runs on simulated time.</summary>
    public RecordingDelay Delay { get; }

    /// <summary>What is streamed; may change between steps (like the SetMode command).</summary>
    public StreamMode Mode { get; set; }

    /// <summary>Sample period, s.</summary>
    public double PeriodS => _periodS;

    /// <summary>Sample periods run so far.</summary>
    public long Ticks { get; private set; }

    /// <summary>Band time of the last step, s.</summary>
    public double TimeS => Ticks * _periodS;

    /// <summary>Sequence number of the next frame.</summary>
    public ushort NextSequence { get; private set; }

    /// <summary>Frames sent so far.</summary>
    public long FramesSent { get; private set; }

    /// <summary>True once the session has no more samples.</summary>
    public bool Finished => (Ticks + 1) * _periodS > _session.DurationS + 1e-9;

    /// <summary>The simulator's truth at the last step (knee flexion, phase, …).</summary>
    public SessionSample CurrentTruth => Truth(TimeS);

    /// <summary>Runs one sample period. Returns false (and does nothing) once the session is over.</summary>
    public bool Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Finished) return false;
        Ticks++;
        double t = TimeS;
        ThighImu.AdvanceTo(t);
        ShankImu.AdvanceTo(t);
        uint stamp = SequenceNumber.TimestampFromMicroseconds((long)Math.Round(t * 1e6));

        bool thighOk = ThighDriver.TryReadSample(_thighSample);
        bool shankOk = ShankDriver.TryReadSample(_shankSample);
        if (!thighOk) _errors |= BandErrors.ThighImuNotResponding;
        if (!shankOk) _errors |= BandErrors.ShankImuNotResponding;
        if ((thighOk && _thighSample.Saturated) || (shankOk && _shankSample.Saturated)) _errors |= BandErrors.ImuSaturated;

        if (thighOk && shankOk)
        {
            float[] a1 = _thighSample.AccelerationMPerS2, w1 = _thighSample.RateRadPerS;
            float[] a2 = _shankSample.AccelerationMPerS2, w2 = _shankSample.RateRadPerS;
            Estimator.Update(_periodS, a1[0], a1[1], a1[2], w1[0], w1[1], w1[2], a2[0], a2[1], a2[2], w2[0], w2[1], w2[2]);
            if (_referencePending && t >= _settings.ReferencePoseAtS - 1e-9)
                _referencePending = !Estimator.CaptureReferencePose(Truth(t).KneeFlexionRad); // the therapist's goniometer reading
        }

        if (Mode == StreamMode.RawImu)
        {
            if (thighOk) SendRaw(0, _thighSample, stamp);
            if (shankOk) SendRaw(1, _shankSample, stamp);
        }
        else if (thighOk && shankOk)
        {
            SendAngle(stamp);
        }

        if (Ticks % _statusEveryTicks == 0) SendStatus(stamp);
        return true;
    }

    /// <summary>Runs up to <paramref name="ticks"/> sample periods as fast as possible; returns the number run.</summary>
    public int Run(int ticks)
    {
        int n = 0;
        while (n < ticks && Step()) n++;
        return n;
    }

    /// <summary>Runs the whole session as fast as possible; returns the number of sample periods run.</summary>
    public int RunToEnd() => Run(int.MaxValue);

    /// <summary>
    /// Streams until the session ends or <paramref name="cancellationToken"/> fires: paced by a <see cref="PeriodicTimer"/>
    /// at the sample rate when <paramref name="realTime"/>, else as fast as possible (yielding every 100 steps).
    /// </summary>
    public async Task RunAsync(bool realTime, CancellationToken cancellationToken = default)
    {
        if (realTime)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_periodS));
            while (!Finished && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) Step();
        }
        else
        {
            while (!cancellationToken.IsCancellationRequested && Step())
                if (Ticks % 100 == 0) await Task.Yield();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ThighImu.Dispose();
        ShankImu.Dispose();
    }

    private SessionSample Truth(double timeS)
    {
        // Both chips sample at the same instants: evaluate the body once per instant.
        if (timeS != _cachedTimeS)
        {
            _cached = _session.SampleAt(timeS);
            _cachedTimeS = timeS;
        }

        return _cached;
    }

    private void SendAngle(uint stamp)
    {
        AngleQuality quality = AngleQuality.None;
        if (Estimator.Rest1 && Estimator.Rest2) quality |= AngleQuality.Rest;
        if (!Estimator.IsValid) quality |= AngleQuality.FusionSettling;
        if (_thighSample.Saturated || _shankSample.Saturated) quality |= AngleQuality.Saturated;
        _angle.Sequence = NextSequence;
        _angle.TimestampTicks = stamp;
        _angle.KneeFlexionRad = (float)Estimator.FlexionRad;
        _angle.KneeFlexionRateRadPerS = (float)Estimator.FlexionRateRadPerS;
        _angle.HipFlexionRad = 0;
        _angle.HipAbductionRad = 0;
        _angle.Quality = quality;
        _angle.CalibrationSource = CalibrationSourceInUse;
        Send(FrameEncoder.EncodeAngle(_angle, _buffer, 0));
    }

    private void SendRaw(byte imu, Mpu6500Sample sample, uint stamp)
    {
        _raw.Sequence = NextSequence;
        _raw.TimestampTicks = stamp;
        _raw.ImuIndex = imu;
        _raw.Range = _rawRange;
        _raw.AccX = sample.AccelerationCounts[0];
        _raw.AccY = sample.AccelerationCounts[1];
        _raw.AccZ = sample.AccelerationCounts[2];
        _raw.GyroX = sample.RateCounts[0];
        _raw.GyroY = sample.RateCounts[1];
        _raw.GyroZ = sample.RateCounts[2];
        Send(FrameEncoder.EncodeRawImu(_raw, _buffer, 0));
    }

    private void SendStatus(uint stamp)
    {
        bool calibrated = _settings.ThighCalibration is not null && _settings.ShankCalibration is not null;
        _status.Sequence = NextSequence;
        _status.TimestampTicks = stamp;
        _status.BatteryMv = _settings.BatteryMv;
        _status.BatteryPercent = _settings.BatteryPercent;
        _status.Charging = false;
        _status.TemperatureC = _thighSample.TemperatureC;
        _status.Errors = _errors;
        _status.CalibrationState = calibrated ? CalibrationRecordState.Valid : CalibrationRecordState.Missing;
        _status.CalibrationSource = CalibrationSourceInUse;
        _status.Mode = Mode;
        _status.Streaming = true;
        _status.FirmwareMajor = FirmwareVersion[0];
        _status.FirmwareMinor = FirmwareVersion[1];
        _status.FirmwarePatch = FirmwareVersion[2];
        Send(FrameEncoder.EncodeStatus(_status, _buffer, 0));
        _errors = BandErrors.None; // flags cover the interval since the last status
    }

    private CalibrationSource CalibrationSourceInUse =>
        _settings.ThighCalibration is not null && _settings.ShankCalibration is not null ? CalibrationSource.Primary : CalibrationSource.Identity;

    private void Send(int length)
    {
        _sink.Send(_buffer.AsSpan(0, length));
        NextSequence = SequenceNumber.Add(NextSequence, 1);
        FramesSent++;
    }
}
