using System;
using Sensors.Band.Calibration;

namespace Sensors.Band.Imu
{
    /// <summary>
    /// Driver for a TDK InvenSense MPU-6500 (or register-compatible MPU-6050) on I2C, in the nanoFramework subset.
    /// <see cref="Initialize"/> identifies the chip, resets it, wakes it on the PLL clock and writes the full scales, DLPF
    /// and sample-rate divider from <see cref="Mpu6500Settings"/>; <see cref="TryReadSample"/> burst-reads the 14 data bytes
    /// (0x3B…0x48) into a preallocated buffer and converts them to SI without allocating.
    /// Every transaction is retried <see cref="Mpu6500Settings.Retries"/> times with an exponential back-off
    /// (RetryBackoffMs · 2^(k−1) before retry k); when all attempts fail, <see cref="LastError"/> and
    /// <see cref="LastErrorMessage"/> say which address and register, and <see cref="Initialize"/> throws
    /// <see cref="Mpu6500Exception"/>.
    /// </summary>
    public sealed class Mpu6500Driver
    {
        /// <summary>WHO_AM_I of the MPU-6500.</summary>
        public const byte WhoAmIMpu6500 = 0x70;

        /// <summary>WHO_AM_I of the MPU-6050.</summary>
        public const byte WhoAmIMpu6050 = 0x68;

        /// <summary>Bytes of one burst read: accel xyz, temperature, gyro xyz.</summary>
        public const int DataBytes = 14;

        private const double StandardGravity = 9.80665;
        private const byte DeviceReset = 0x80;
        private const byte ClockPll = 0x01;

        private readonly II2cRegisterBus _bus;
        private readonly IDelay _delay;
        private readonly Mpu6500Settings _settings;
        private readonly byte[] _write = new byte[2];
        private readonly byte[] _read = new byte[DataBytes];
        private readonly float[] _si = new float[6];
        private ImuCalibration _calibration;
        private float _accelScale;
        private float _rateScale;
        private byte _errorRegister;
        private byte _errorValue;
        private byte _errorExpected;

        /// <summary>Creates the driver; nothing is sent until <see cref="Initialize"/>.</summary>
        /// <param name="bus">The IMU's I2C device.</param>
        /// <param name="settings">Configuration (null = band defaults).</param>
        /// <param name="delay">Blocking wait (null = <see cref="ThreadDelay"/>).</param>
        public Mpu6500Driver(II2cRegisterBus bus, Mpu6500Settings settings, IDelay delay)
        {
#pragma warning disable CA1510 // ArgumentNullException.ThrowIfNull does not exist on nanoFramework
            if (bus == null) throw new ArgumentNullException(nameof(bus));
#pragma warning restore CA1510
            _bus = bus;
            _settings = settings ?? new Mpu6500Settings();
            _delay = delay ?? ThreadDelay.Instance;
            UpdateScales();
        }

        /// <summary>The settings in use (change them, then call <see cref="Initialize"/> again).</summary>
        public Mpu6500Settings Settings => _settings;

        /// <summary>7-bit I2C address of the IMU.</summary>
        public int Address => _bus.Address;

        /// <summary>True after a successful <see cref="Initialize"/>.</summary>
        public bool IsInitialized { get; private set; }

        /// <summary>WHO_AM_I as read during <see cref="Initialize"/>.</summary>
        public byte WhoAmI { get; private set; }

        /// <summary>True when the chip identified as an MPU-6050 (0x68) rather than an MPU-6500.</summary>
        public bool IsMpu6050 { get; private set; }

        /// <summary>The last error (None after a successful transaction sequence).</summary>
        public Mpu6500Error LastError { get; private set; }

        /// <summary>Register of the last failed transaction.</summary>
        public byte LastErrorRegister => _errorRegister;

        /// <summary>Transactions that needed at least one retry since construction (diagnostics).</summary>
        public int RetriedTransactions { get; private set; }

        /// <summary>Transactions that failed after every retry since construction (diagnostics).</summary>
        public int FailedTransactions { get; private set; }

        /// <summary>Accelerometer sensitivity in use, m/s² per count.</summary>
        public float AccelerationMPerS2PerCount => _accelScale;

        /// <summary>Gyro sensitivity in use, rad/s per count.</summary>
        public float RateRadPerSPerCount => _rateScale;

        /// <summary>Factory calibration applied to every sample (null = none, raw SI values).</summary>
        public ImuCalibration Calibration
        {
            get { return _calibration; }
            set { _calibration = value; }
        }

        /// <summary>A readable description of <see cref="LastError"/> naming the address and register (built on demand).</summary>
        public string LastErrorMessage
        {
            get
            {
                string where = "MPU-6500 at I2C address " + Hex(Address);
                switch (LastError)
                {
                    case Mpu6500Error.None:
                        return "no error";
                    case Mpu6500Error.NotAnswering:
                        return where + ": no answer at register " + Hex(_errorRegister) + " after "
                            + (1 + _settings.Retries).ToString() + " attempts (NACK or bus error)";
                    case Mpu6500Error.WrongDevice:
                        return where + ": WHO_AM_I (register 0x75) read " + Hex(_errorValue) + ", expected 0x70 (MPU-6500)"
                            + (_settings.AcceptMpu6050 ? " or 0x68 (MPU-6050)" : string.Empty);
                    case Mpu6500Error.ConfigurationMismatch:
                        return where + ": register " + Hex(_errorRegister) + " read back " + Hex(_errorValue)
                            + " after writing " + Hex(_errorExpected);
                    case Mpu6500Error.NotInitialized:
                        return where + ": not initialized";
                    default:
                        return where + ": invalid settings (sample rate " + _settings.SampleRateHz.ToString()
                            + " Hz, DLPF " + _settings.GyroDlpf.ToString() + ")";
                }
            }
        }

        /// <summary>
        /// Identifies, resets, wakes and configures the IMU. Throws <see cref="Mpu6500Exception"/> (with
        /// <see cref="LastError"/> set) when the chip does not answer, is not an MPU-6500/6050, or does not keep the
        /// configuration.
        /// </summary>
        public void Initialize()
        {
            IsInitialized = false;
            LastError = Mpu6500Error.None;
            int rate = _settings.SampleRateHz;
            if (rate < 4 || rate > 1000 || _settings.GyroDlpf < 1 || _settings.GyroDlpf > 6 || _settings.AccelDlpf > 7 || _settings.Retries < 0)
            {
                LastError = Mpu6500Error.InvalidSettings;
                throw Fail((byte)Mpu6500Register.SMPLRT_DIV);
            }

            // Identify.
            byte who;
            if (!TryReadRegister((byte)Mpu6500Register.WHO_AM_I, out who)) throw Fail(_errorRegister);
            WhoAmI = who;
            IsMpu6050 = who == WhoAmIMpu6050;
            if (who != WhoAmIMpu6500 && !(IsMpu6050 && _settings.AcceptMpu6050))
            {
                LastError = Mpu6500Error.WrongDevice;
                _errorRegister = (byte)Mpu6500Register.WHO_AM_I;
                _errorValue = who;
                throw Fail(_errorRegister);
            }

            // Reset, then wake on the PLL clock (CLKSEL = 1: PLL when ready, else internal oscillator).
            if (!TryWriteRegister((byte)Mpu6500Register.PWR_MGMT_1, DeviceReset)) throw Fail(_errorRegister);
            _delay.Wait(_settings.ResetDelayMs);
            if (!TryWriteRegister((byte)Mpu6500Register.PWR_MGMT_1, ClockPll)) throw Fail(_errorRegister);
            _delay.Wait(_settings.WakeDelayMs);

            // Configure.
            byte divider = (byte)((1000 + rate / 2) / rate - 1);
            byte gyroConfig = (byte)((byte)_settings.GyroRange << 3);
            byte accelConfig = (byte)((byte)_settings.AccelRange << 3);
            if (!TryWriteRegister((byte)Mpu6500Register.PWR_MGMT_2, 0)
                || !TryWriteRegister((byte)Mpu6500Register.SMPLRT_DIV, divider)
                || !TryWriteRegister((byte)Mpu6500Register.CONFIG, _settings.GyroDlpf)
                || !TryWriteRegister((byte)Mpu6500Register.GYRO_CONFIG, gyroConfig)
                || !TryWriteRegister((byte)Mpu6500Register.ACCEL_CONFIG, accelConfig)
                || (!IsMpu6050 && !TryWriteRegister((byte)Mpu6500Register.ACCEL_CONFIG2, _settings.AccelDlpf)))
            {
                throw Fail(_errorRegister);
            }

            if (_settings.VerifyConfiguration)
            {
                if (!Verify((byte)Mpu6500Register.SMPLRT_DIV, divider)
                    || !Verify((byte)Mpu6500Register.CONFIG, _settings.GyroDlpf)
                    || !Verify((byte)Mpu6500Register.GYRO_CONFIG, gyroConfig)
                    || !Verify((byte)Mpu6500Register.ACCEL_CONFIG, accelConfig)
                    || !Verify((byte)Mpu6500Register.PWR_MGMT_1, ClockPll))
                {
                    throw Fail(_errorRegister);
                }
            }

            UpdateScales();
            LastError = Mpu6500Error.None;
            IsInitialized = true;
        }

        /// <summary>
        /// Reads the latest sample (one 14-byte burst) into <paramref name="sample"/>; no allocation. False (and
        /// <see cref="LastError"/>) when not initialized or the bus failed on every attempt; the sample is then unchanged.
        /// </summary>
        public bool TryReadSample(Mpu6500Sample sample)
        {
            if (!IsInitialized)
            {
                LastError = Mpu6500Error.NotInitialized;
                return false;
            }

            if (!TryReadRegisters((byte)Mpu6500Register.ACCEL_XOUT_H, DataBytes)) return false;

            byte[] d = _read;
            bool saturated = false;
            for (int i = 0; i < 3; i++)
            {
                short a = (short)((d[2 * i] << 8) | d[2 * i + 1]);
                short g = (short)((d[8 + 2 * i] << 8) | d[9 + 2 * i]);
                sample.AccelerationCounts[i] = a;
                sample.RateCounts[i] = g;
                saturated |= a == short.MaxValue || a == short.MinValue || g == short.MaxValue || g == short.MinValue;
                _si[i] = a * _accelScale;
                _si[3 + i] = g * _rateScale;
            }

            short t = (short)((d[6] << 8) | d[7]);
            sample.TemperatureCounts = t;
            // MPU-6500: T = TEMP_OUT / 333.87 + 21 °C; MPU-6050: T = TEMP_OUT / 340 + 36.53 °C.
            float temperatureC = IsMpu6050 ? (float)(t / 340.0 + 36.53) : (float)(t / 333.87 + 21.0);
            sample.TemperatureC = temperatureC;
            sample.Saturated = saturated;

            ImuCalibration calibration = _calibration;
            if (calibration != null) calibration.ApplyCalibration(_si, 0, temperatureC, _si, 0);
            sample.Calibrated = calibration != null;
            for (int i = 0; i < 3; i++)
            {
                sample.AccelerationMPerS2[i] = _si[i];
                sample.RateRadPerS[i] = _si[3 + i];
            }

            LastError = Mpu6500Error.None;
            return true;
        }

        /// <summary>Reads one register (with retries); false and <see cref="LastError"/> when every attempt failed.</summary>
        public bool TryReadRegister(byte register, out byte value)
        {
            value = 0;
            if (!TryReadRegisters(register, 1)) return false;
            value = _read[0];
            return true;
        }

        /// <summary>Writes one register (with retries); false and <see cref="LastError"/> when every attempt failed.</summary>
        public bool TryWriteRegister(byte register, byte value)
        {
            _write[0] = register;
            _write[1] = value;
            for (int attempt = 0; ; attempt++)
            {
                if (_bus.TryWrite(_write, 2))
                {
                    if (attempt > 0) RetriedTransactions++;
                    return true;
                }

                if (!BackOff(attempt, register)) return false;
            }
        }

        /// <summary>Sensitivity of a gyro range, rad/s per count (131, 65.5, 32.8, 16.4 LSB per °/s).</summary>
        public static double RateRadPerSPerCountFor(Mpu6500GyroRange range)
        {
            double lsbPerDps;
            switch (range)
            {
                case Mpu6500GyroRange.Dps250: lsbPerDps = 131.0; break;
                case Mpu6500GyroRange.Dps500: lsbPerDps = 65.5; break;
                case Mpu6500GyroRange.Dps1000: lsbPerDps = 32.8; break;
                default: lsbPerDps = 16.4; break;
            }

            return Math.PI / 180.0 / lsbPerDps;
        }

        /// <summary>Sensitivity of an accelerometer range, m/s² per count (16384 / 2^code LSB per g).</summary>
        public static double AccelerationMPerS2PerCountFor(Mpu6500AccelRange range)
        {
            return StandardGravity / (16384 >> (int)range);
        }

        private bool TryReadRegisters(byte register, int count)
        {
            _write[0] = register;
            for (int attempt = 0; ; attempt++)
            {
                if (_bus.TryWriteRead(_write, 1, _read, count))
                {
                    if (attempt > 0) RetriedTransactions++;
                    return true;
                }

                if (!BackOff(attempt, register)) return false;
            }
        }

        // After failed attempt number `attempt` (0-based): wait and return true if a retry is allowed, else record the error.
        private bool BackOff(int attempt, byte register)
        {
            if (attempt >= _settings.Retries)
            {
                LastError = Mpu6500Error.NotAnswering;
                _errorRegister = register;
                FailedTransactions++;
                return false;
            }

            _delay.Wait(_settings.RetryBackoffMs << attempt);
            return true;
        }

        private bool Verify(byte register, byte expected)
        {
            byte actual;
            if (!TryReadRegister(register, out actual)) return false;
            if (actual == expected) return true;
            LastError = Mpu6500Error.ConfigurationMismatch;
            _errorRegister = register;
            _errorValue = actual;
            _errorExpected = expected;
            return false;
        }

        private Mpu6500Exception Fail(byte register)
        {
            return new Mpu6500Exception(LastError, Address, register, LastErrorMessage);
        }

        private void UpdateScales()
        {
            _accelScale = (float)AccelerationMPerS2PerCountFor(_settings.AccelRange);
            _rateScale = (float)RateRadPerSPerCountFor(_settings.GyroRange);
        }

        private static string Hex(int value)
        {
            const string digits = "0123456789ABCDEF";
            return "0x" + digits[(value >> 4) & 0xF].ToString() + digits[value & 0xF].ToString();
        }
    }
}
