using System;
using System.Diagnostics;
using System.Threading;
using Sensors.Band.Calibration;
using Sensors.Band.Device.Ble;
using Sensors.Band.Device.Hardware;
using Sensors.Band.Imu;
using Sensors.Band.Joint;
using Sensors.Band.Protocol;

namespace Sensors.Band.Device.App
{
    /// <summary>
    /// The band's 100 Hz loop, one thread, paced by the µs clock (absolute deadlines, so jitter does not accumulate).
    /// Per iteration: run queued commands → read both IMUs (14-byte bursts; calibration applied by the driver) →
    /// <see cref="JointAngleEstimator.Update"/> → encode and notify an angle frame (or two raw IMU frames) when streaming →
    /// a status frame every second → LED. Every algorithm is in the core; this class only sequences calls.
    /// It measures its own cost: mean and worst work time per iteration and missed deadlines, printed on the debug
    /// console every second (README: "Measuring the loop on the band").
    /// </summary>
    public sealed class SampleLoop
    {
        /// <summary>Sample period, µs (100 Hz).</summary>
        public const long PeriodUs = 10000;

        /// <summary>Status frame period, µs.</summary>
        public const long StatusPeriodUs = 1000000;

        /// <summary>Re-initialization attempt period of an IMU that stopped answering, µs (each attempt blocks ≈ 0.15 s).</summary>
        public const long ImuRetryPeriodUs = 5000000;

        /// <summary>Consecutive failed reads (each already retried by the driver) after which an IMU counts as not responding.</summary>
        public const int FailuresUntilNotResponding = 10;

        private readonly BandState _state;
        private readonly BandGattServer _gatt;
        private readonly CommandQueue _commands;
        private readonly CommandHandler _handler;
        private readonly CalibrationStore _store;
        private readonly JointAngleEstimator _estimator;
        private readonly Mpu6500Driver _thigh;
        private readonly Mpu6500Driver _shank;
        private readonly BatteryMonitor _battery;
        private readonly StatusLed _led;

        private readonly Mpu6500Sample _s1 = new Mpu6500Sample();
        private readonly Mpu6500Sample _s2 = new Mpu6500Sample();
        private readonly AngleFrame _angle = new AngleFrame();
        private readonly RawImuFrame _raw = new RawImuFrame();
        private readonly StatusFrame _status = new StatusFrame();
        private readonly byte[] _command = new byte[CommandQueue.MaxCommandBytes];
        private readonly byte[] _out = new byte[ProtocolConstants.DefaultMaxFrameBytes];

        private int _thighFails;
        private int _shankFails;
        private bool _thighOk;
        private bool _shankOk;
        private long _lastSampleUs;
        private long _nextStatusUs;
        private long _nextImuRetryUs;

        private long _workSumUs;
        private long _workMaxUs;
        private int _iterations;
        private int _missedDeadlines;

        /// <summary>Wires the loop; the IMUs must have been initialized (or failed) by the caller.</summary>
        public SampleLoop(BandState state, BandGattServer gatt, CommandQueue commands, CommandHandler handler,
            CalibrationStore store, JointAngleEstimator estimator, Mpu6500Driver thigh, Mpu6500Driver shank,
            BatteryMonitor battery, StatusLed led)
        {
            _state = state;
            _gatt = gatt;
            _commands = commands;
            _handler = handler;
            _store = store;
            _estimator = estimator;
            _thigh = thigh;
            _shank = shank;
            _battery = battery;
            _led = led;
            _thighOk = thigh.IsInitialized;
            _shankOk = shank.IsInitialized;
        }

        /// <summary>Runs forever.</summary>
        public void Run()
        {
            long next = MicrosecondClock.NowUs();
            _lastSampleUs = next;
            _nextStatusUs = next;
            _nextImuRetryUs = next + ImuRetryPeriodUs;
            while (true)
            {
                long start = MicrosecondClock.NowUs();
                Iterate(start);
                long end = MicrosecondClock.NowUs();
                Account(end - start);

                next += PeriodUs;
                long waitUs = next - end;
                if (waitUs < -3 * PeriodUs)
                {
                    // Far behind (flash write, IMU re-init, GC): skip the lost periods instead of bursting to catch up.
                    next = end;
                    _missedDeadlines++;
                }
                else if (waitUs < 0)
                {
                    _missedDeadlines++;
                }
                else
                {
                    Thread.Sleep((int)(waitUs / 1000));
                }
            }
        }

        private void Iterate(long nowUs)
        {
            int n;
            while ((n = _commands.TryDequeue(_command)) > 0)
            {
                _handler.Handle(_command, n, nowUs);
            }

            if (_state.RangeChangePending)
            {
                ApplyRange();
            }

            bool ok1 = _thighOk && _thigh.TryReadSample(_s1);
            bool ok2 = _shankOk && _shank.TryReadSample(_s2);
            _thighFails = ok1 ? 0 : _thighFails + 1;
            _shankFails = ok2 ? 0 : _shankFails + 1;
            if (_thighFails >= FailuresUntilNotResponding) _thighOk = false;
            if (_shankFails >= FailuresUntilNotResponding) _shankOk = false;
            if ((!_thighOk || !_shankOk) && nowUs >= _nextImuRetryUs)
            {
                RetryImus();
                _nextImuRetryUs = MicrosecondClock.NowUs() + ImuRetryPeriodUs;
            }

            if (ok1 && ok2)
            {
                double dtS = (nowUs - _lastSampleUs) * 1e-6;
                _lastSampleUs = nowUs;
                float[] a1 = _s1.AccelerationMPerS2, w1 = _s1.RateRadPerS, a2 = _s2.AccelerationMPerS2, w2 = _s2.RateRadPerS;
                _estimator.Update(dtS, a1[0], a1[1], a1[2], w1[0], w1[1], w1[2], a2[0], a2[1], a2[2], w2[0], w2[1], w2[2]);
                if (_s1.Saturated || _s2.Saturated)
                {
                    _state.SaturatedSinceStatus = true;
                }

                if (_state.Streaming && _gatt.Subscribed)
                {
                    uint ticks = SequenceNumber.TimestampFromMicroseconds(nowUs);
                    if (_state.Mode == StreamMode.Angles)
                    {
                        SendAngle(ticks);
                    }
                    else
                    {
                        SendRaw(0, _s1, ticks);
                        SendRaw(1, _s2, ticks);
                    }
                }
            }

            if (nowUs >= _nextStatusUs)
            {
                _nextStatusUs += StatusPeriodUs;
                if (_nextStatusUs <= nowUs) _nextStatusUs = nowUs + StatusPeriodUs;
                SendStatus(nowUs);
            }

            _led.Update(nowUs, _gatt.Subscribed, _state.Streaming);
        }

        private void SendAngle(uint ticks)
        {
            AngleQuality q = AngleQuality.None;
            if (_estimator.Rest1 && _estimator.Rest2) q |= AngleQuality.Rest;
            if (_estimator.SlipCount != _state.SlipCountAtStart) q |= AngleQuality.StrapSlipSuspected;
            if (_s1.Saturated || _s2.Saturated) q |= AngleQuality.Saturated;
            if (!_estimator.IsValid) q |= AngleQuality.FusionSettling;

            _angle.Sequence = _state.NextSequence();
            _angle.TimestampTicks = ticks;
            _angle.KneeFlexionRad = (float)_estimator.FlexionRad;
            _angle.KneeFlexionRateRadPerS = (float)_estimator.FlexionRateRadPerS;
            _angle.HipFlexionRad = 0f;
            _angle.HipAbductionRad = 0f;
            _angle.Quality = q;
            _angle.CalibrationSource = _store.Source;
            Send(FrameEncoder.EncodeAngle(_angle, _out, 0));
        }

        private void SendRaw(int imu, Mpu6500Sample s, uint ticks)
        {
            _raw.Sequence = _state.NextSequence();
            _raw.TimestampTicks = ticks;
            _raw.ImuIndex = (byte)imu;
            _raw.Range = _state.RawRange;
            _raw.AccX = s.AccelerationCounts[0];
            _raw.AccY = s.AccelerationCounts[1];
            _raw.AccZ = s.AccelerationCounts[2];
            _raw.GyroX = s.RateCounts[0];
            _raw.GyroY = s.RateCounts[1];
            _raw.GyroZ = s.RateCounts[2];
            Send(FrameEncoder.EncodeRawImu(_raw, _out, 0));
        }

        private void SendStatus(long nowUs)
        {
            _battery.Measure();
            BandErrors e = BandErrors.None;
            if (!_thighOk) e |= BandErrors.ThighImuNotResponding;
            if (!_shankOk) e |= BandErrors.ShankImuNotResponding;
            if (_store.RecordState != CalibrationRecordState.Valid) e |= BandErrors.CalibrationRecordProblem;
            if (_state.StorageWriteFailed) e |= BandErrors.StorageWriteFailed;
            if (_battery.Low) e |= BandErrors.BatteryLow;
            if (_state.DroppedSinceStatus) e |= BandErrors.FramesDropped;
            if (_state.SaturatedSinceStatus) e |= BandErrors.ImuSaturated;

            _status.Sequence = _state.NextSequence();
            _status.TimestampTicks = SequenceNumber.TimestampFromMicroseconds(nowUs);
            _status.BatteryMv = (ushort)_battery.VoltageMv;
            _status.BatteryPercent = (byte)_battery.Percent;
            _status.Charging = _battery.Charging;
            _status.TemperatureC = _thighOk ? _s1.TemperatureC : (_shankOk ? _s2.TemperatureC : 0f);
            _status.Errors = e;
            _status.CalibrationState = _store.RecordState;
            _status.CalibrationSource = _store.Source;
            _status.Mode = _state.Mode;
            _status.Streaming = _state.Streaming;
            _status.FirmwareMajor = BandState.FirmwareMajor;
            _status.FirmwareMinor = BandState.FirmwareMinor;
            _status.FirmwarePatch = BandState.FirmwarePatch;
            _state.SaturatedSinceStatus = false;
            _state.DroppedSinceStatus = false;
            Send(FrameEncoder.EncodeStatus(_status, _out, 0));
            Report();
        }

        private void Send(int length)
        {
            if (_gatt.Subscribed && !_gatt.TrySend(_out, length))
            {
                _state.DroppedSinceStatus = true;
            }
        }

        private void ApplyRange()
        {
            _state.RangeChangePending = false;
            int code = (int)_state.RawRange;
            _thigh.Settings.AccelRange = (Mpu6500AccelRange)code;
            _thigh.Settings.GyroRange = (Mpu6500GyroRange)code;
            _shank.Settings.AccelRange = (Mpu6500AccelRange)code;
            _shank.Settings.GyroRange = (Mpu6500GyroRange)code;
            _thighOk = TryInitialize(_thigh);
            _shankOk = TryInitialize(_shank);
        }

        private void RetryImus()
        {
            if (!_thighOk) _thighOk = TryInitialize(_thigh);
            if (!_shankOk) _shankOk = TryInitialize(_shank);
            if (_thighOk) _thighFails = 0;
            if (_shankOk) _shankFails = 0;
        }

        /// <summary>Initializes one IMU; false (with the driver's message on the debug console) when it does not come up.</summary>
        public static bool TryInitialize(Mpu6500Driver driver)
        {
            try
            {
                driver.Initialize();
                return true;
            }
            catch (Mpu6500Exception ex)
            {
                Debug.WriteLine(ex.Message);
                return false;
            }
        }

        private void Account(long workUs)
        {
            _iterations++;
            _workSumUs += workUs;
            if (workUs > _workMaxUs) _workMaxUs = workUs;
        }

        private void Report()
        {
            if (_iterations == 0)
            {
                return;
            }

            // Once per second: the string allocation here is the loop's only one besides the Bluetooth library's.
            Debug.WriteLine("loop: n=" + _iterations.ToString() + " mean_us=" + (_workSumUs / _iterations).ToString()
                + " max_us=" + _workMaxUs.ToString() + " missed=" + _missedDeadlines.ToString()
                + " imu_ok=" + (_thighOk ? "1" : "0") + (_shankOk ? "1" : "0")
                + " notify_failed=" + _gatt.FailedNotifications.ToString());
            _iterations = 0;
            _workSumUs = 0;
            _workMaxUs = 0;
            _missedDeadlines = 0;
        }
    }
}
