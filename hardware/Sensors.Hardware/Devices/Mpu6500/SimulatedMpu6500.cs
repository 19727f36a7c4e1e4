using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.IO;
using Sensors.Hardware.Imu;

namespace Sensors.Hardware.Devices.Mpu6500;

/// <summary>
/// A simulated TDK InvenSense MPU-6500 on an I2C bus, for driver tests without hardware. It emulates the register map a
/// driver uses (identity, power, sample-rate divider, DLPF, full scales, interrupts, data registers, FIFO) and samples a
/// motion source through an <see cref="ImuErrorModel"/> on a simulated clock that the test advances explicitly with
/// <see cref="AdvanceTo"/>, so every run is deterministic. Register semantics: see README.md in this folder.
/// </summary>
public sealed class SimulatedMpu6500 : I2cDevice
{
    /// <summary>I2C address with AD0 low (thigh IMU on the band).</summary>
    public const int DefaultI2cAddress = 0x68;

    /// <summary>I2C address with AD0 high (shank IMU on the band).</summary>
    public const int SecondaryI2cAddress = 0x69;

    private const int RegisterCount = 128;
    private readonly Func<double, ImuKinematics> _motion;
    private readonly byte[] _registers = new byte[RegisterCount];
    private readonly Queue<byte> _fifo = new();
    private byte _pointer;
    private byte _lastFifoByte;
    private int _latchedFifoCount = -1;
    private double _scheduleOriginS;
    private long _scheduleIndex;
    private double _schedulePeriodS;
    private bool _disposed;

    /// <param name="motion">Exact motion of the chip at a given time, s (the body or bench model).</param>
    /// <param name="parameters">The simulated part's errors.</param>
    /// <param name="seed">Noise seed.</param>
    /// <param name="address">I2C address (0x68 or 0x69).</param>
    /// <param name="busId">I2C bus number reported in <see cref="ConnectionSettings"/>.</param>
    public SimulatedMpu6500(Func<double, ImuKinematics> motion, ImuErrorParameters parameters, int seed, int address = DefaultI2cAddress, int busId = 1)
    {
        _motion = motion ?? throw new ArgumentNullException(nameof(motion));
        Model = new ImuErrorModel(parameters ?? throw new ArgumentNullException(nameof(parameters)), seed);
        ConnectionSettings = new I2cConnectionSettings(busId, address);
        PowerOnReset(0);
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>The error model behind the data (parameters and bias states, for diagnostics).</summary>
    public ImuErrorModel Model { get; }

    /// <summary>Active faults.</summary>
    public Mpu6500Fault Faults { get; set; }

    /// <summary>WHO_AM_I answer while <see cref="Mpu6500Fault.WrongWhoAmI"/> is active.</summary>
    public byte WrongWhoAmIValue { get; set; } = 0x68;

    /// <summary>FIFO capacity in bytes (ASSUMPTION: 512, as in the MPU-9250/6500 register map's default FIFO size).</summary>
    public int FifoSizeBytes { get; init; } = 512;

    /// <summary>Simulated time, s.</summary>
    public double TimeS { get; private set; }

    /// <summary>Number of samples the chip has taken (data-ready events) since construction.</summary>
    public long SamplesTaken { get; private set; }

    /// <summary>The last sample written to the data registers (null before the first one).</summary>
    public ImuRawSample? LastSample { get; private set; }

    /// <summary>Bytes in the FIFO.</summary>
    public int FifoCount => _fifo.Count;

    /// <summary>True once the FIFO has overflowed since the last FIFO reset (diagnostics; INT_STATUS shows it only when enabled).</summary>
    public bool FifoOverflowed { get; private set; }

    /// <summary>Raw register content (diagnostics; reading it has no side effects).</summary>
    public byte PeekRegister(Register register) => _registers[(byte)register];

    /// <summary>Output data rate from CONFIG/GYRO_CONFIG/SMPLRT_DIV: 1 kHz/(1 + SMPLRT_DIV) with the DLPF on (DLPF_CFG 1…6),
    /// 8 kHz with DLPF_CFG 0 or 7, 32 kHz with FCHOICE_B ≠ 0.</summary>
    public double SampleRateHz
    {
        get
        {
            int dlpf = _registers[(byte)Register.CONFIG] & RegisterBits.DlpfMask;
            if ((_registers[(byte)Register.GYRO_CONFIG] & RegisterBits.GyroFchoiceBMask) != 0) return 32000;
            if (dlpf is 0 or 7) return 8000;
            return 1000.0 / (1 + _registers[(byte)Register.SMPLRT_DIV]);
        }
    }

    /// <summary>Full scales and bandwidths from GYRO_CONFIG, ACCEL_CONFIG, CONFIG and ACCEL_CONFIG2 (register-map DLPF tables).</summary>
    public ImuOutputConfig CurrentConfig
    {
        get
        {
            byte gyroConfig = _registers[(byte)Register.GYRO_CONFIG], accelConfig2 = _registers[(byte)Register.ACCEL_CONFIG2];
            var gyroFs = (GyroFullScale)((gyroConfig & RegisterBits.FullScaleMask) >> 3);
            var accelFs = (AccelFullScale)((_registers[(byte)Register.ACCEL_CONFIG] & RegisterBits.FullScaleMask) >> 3);
            int fchoiceB = gyroConfig & RegisterBits.GyroFchoiceBMask;
            double gyroBw = fchoiceB switch
            {
                0 => GyroDlpfBandwidthHz[_registers[(byte)Register.CONFIG] & RegisterBits.DlpfMask],
                2 => 3600,
                _ => 8800,
            };
            double accelBw = (accelConfig2 & RegisterBits.AccelFchoiceB) != 0
                ? 1130
                : AccelDlpfBandwidthHz[accelConfig2 & RegisterBits.AccelDlpfMask];
            return new ImuOutputConfig(gyroFs, accelFs, gyroBw, accelBw);
        }
    }

    // Register map tables (DLPF_CFG / A_DLPF_CFG → 3-dB bandwidth, Hz), used as the noise bandwidth.
    private static readonly double[] GyroDlpfBandwidthHz = [250, 184, 92, 41, 20, 10, 5, 3600];
    private static readonly double[] AccelDlpfBandwidthHz = [460, 184, 92, 41, 20, 10, 5, 460];

    /// <summary>Advances the simulated clock, taking every sample due up to <paramref name="timeS"/> (data registers, FIFO, INT_STATUS).</summary>
    public void AdvanceTo(double timeS)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (timeS < TimeS) throw new ArgumentOutOfRangeException(nameof(timeS), "The simulated clock cannot go back.");
        while (true)
        {
            double due = _scheduleOriginS + (_scheduleIndex + 1) * _schedulePeriodS;
            if (due > timeS + 1e-9) break;
            _scheduleIndex++;
            TimeS = due;
            if ((_registers[(byte)Register.PWR_MGMT_1] & RegisterBits.Sleep) == 0) TakeSample(due);
        }

        TimeS = timeS;
    }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        CheckAnswering();
        return ReadNext();
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        CheckAnswering();
        for (int i = 0; i < buffer.Length; i++) buffer[i] = ReadNext();
    }

    /// <inheritdoc />
    public override void WriteByte(byte value)
    {
        CheckAnswering();
        _pointer = (byte)(value & 0x7F);
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckAnswering();
        if (buffer.IsEmpty) return;
        _pointer = (byte)(buffer[0] & 0x7F);
        for (int i = 1; i < buffer.Length; i++)
        {
            WriteRegister(_pointer, buffer[i]);
            Increment();
        }
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    private void CheckAnswering()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((Faults & Mpu6500Fault.NotAnswering) != 0)
            throw new IOException($"Error performing I2C operation: no acknowledge from device 0x{ConnectionSettings.DeviceAddress:X2}.");
    }

    private void Increment()
    {
        if (_pointer != (byte)Register.FIFO_R_W) _pointer = (byte)((_pointer + 1) & 0x7F);
    }

    private byte ReadNext()
    {
        byte value = ReadRegister(_pointer);
        Increment();
        return value;
    }

    private byte ReadRegister(byte address)
    {
        switch ((Register)address)
        {
            case Register.WHO_AM_I:
                return (Faults & Mpu6500Fault.WrongWhoAmI) != 0 ? WrongWhoAmIValue : _registers[address];
            case Register.INT_STATUS:
                byte status = _registers[address];
                _registers[address] = 0; // cleared by reading INT_STATUS (INT_PIN_CFG.INT_ANYRD_2CLEAR = 0)
                return status;
            case Register.FIFO_COUNTH:
                _latchedFifoCount = _fifo.Count;
                return (byte)((_latchedFifoCount >> 8) & 0x1F);
            case Register.FIFO_COUNTL:
                int count = _latchedFifoCount >= 0 ? _latchedFifoCount : _fifo.Count;
                _latchedFifoCount = -1;
                return (byte)(count & 0xFF);
            case Register.FIFO_R_W:
                if (_fifo.Count > 0) _lastFifoByte = _fifo.Dequeue();
                return _lastFifoByte; // empty FIFO: repeats the last byte read (ASSUMPTION)
            default:
                return _registers[address];
        }
    }

    private void WriteRegister(byte address, byte value)
    {
        switch ((Register)address)
        {
            case Register.WHO_AM_I:
            case Register.INT_STATUS:
            case Register.FIFO_COUNTH:
            case Register.FIFO_COUNTL:
                return; // read-only
            case >= Register.ACCEL_XOUT_H and <= Register.GYRO_ZOUT_L:
                return; // read-only
            case Register.PWR_MGMT_1:
                if ((value & RegisterBits.DeviceReset) != 0)
                {
                    PowerOnReset(TimeS);
                    return;
                }

                _registers[address] = value;
                return;
            case Register.USER_CTRL:
                if ((value & RegisterBits.UserFifoReset) != 0) ResetFifo();
                if ((value & RegisterBits.UserSignalConditionReset) != 0) ClearDataRegisters(RegisterBits.GyroReset | RegisterBits.AccelReset | RegisterBits.TempReset);
                _registers[address] = (byte)(value & ~(RegisterBits.UserFifoReset | RegisterBits.UserSignalConditionReset));
                return;
            case Register.SIGNAL_PATH_RESET:
                ClearDataRegisters(value);
                _registers[address] = 0;
                return;
            case Register.FIFO_R_W:
                PushFifo([value]);
                return;
            case Register.SMPLRT_DIV:
            case Register.CONFIG:
            case Register.GYRO_CONFIG:
                _registers[address] = value;
                Reschedule();
                return;
            default:
                _registers[address] = value;
                return;
        }
    }

    private void PowerOnReset(double timeS)
    {
        // Register map: every register resets to 0x00 except PWR_MGMT_1 (0x01, awake, auto clock) and WHO_AM_I (0x70).
        Array.Clear(_registers);
        _registers[(byte)Register.PWR_MGMT_1] = 0x01;
        _registers[(byte)Register.WHO_AM_I] = RegisterBits.WhoAmIMpu6500;
        _pointer = 0;
        ResetFifo();
        LastSample = null;
        TimeS = timeS;
        _scheduleOriginS = timeS;
        _scheduleIndex = 0;
        _schedulePeriodS = 1 / SampleRateHz;
    }

    private void Reschedule()
    {
        _scheduleOriginS += _scheduleIndex * _schedulePeriodS;
        _scheduleIndex = 0;
        _schedulePeriodS = 1 / SampleRateHz;
    }

    private void ResetFifo()
    {
        _fifo.Clear();
        FifoOverflowed = false;
        _latchedFifoCount = -1;
    }

    private void ClearDataRegisters(byte which)
    {
        if ((which & RegisterBits.AccelReset) != 0) Array.Clear(_registers, (byte)Register.ACCEL_XOUT_H, 6);
        if ((which & RegisterBits.TempReset) != 0) Array.Clear(_registers, (byte)Register.TEMP_OUT_H, 2);
        if ((which & RegisterBits.GyroReset) != 0) Array.Clear(_registers, (byte)Register.GYRO_XOUT_H, 6);
    }

    private void TakeSample(double timeS)
    {
        ImuRawSample sample;
        if ((Faults & Mpu6500Fault.StuckData) != 0 && LastSample is { } frozen)
        {
            sample = frozen with { TimeS = timeS };
        }
        else
        {
            ImuKinematics truth = _motion(timeS);
            sample = Model.Measure(truth with { TimeS = timeS }, CurrentConfig);
        }

        LastSample = sample;
        SamplesTaken++;
        byte disabled = _registers[(byte)Register.PWR_MGMT_2];
        Span<byte> data = stackalloc byte[14];
        Put(data, 0, (disabled & RegisterBits.DisableXA) != 0 ? (short)0 : sample.Accel.X);
        Put(data, 2, (disabled & RegisterBits.DisableYA) != 0 ? (short)0 : sample.Accel.Y);
        Put(data, 4, (disabled & RegisterBits.DisableZA) != 0 ? (short)0 : sample.Accel.Z);
        Put(data, 6, sample.Temperature);
        Put(data, 8, (disabled & RegisterBits.DisableXG) != 0 ? (short)0 : sample.Gyro.X);
        Put(data, 10, (disabled & RegisterBits.DisableYG) != 0 ? (short)0 : sample.Gyro.Y);
        Put(data, 12, (disabled & RegisterBits.DisableZG) != 0 ? (short)0 : sample.Gyro.Z);
        data.CopyTo(_registers.AsSpan((byte)Register.ACCEL_XOUT_H));

        if ((_registers[(byte)Register.USER_CTRL] & RegisterBits.UserFifoEnable) != 0)
        {
            byte fifoEn = _registers[(byte)Register.FIFO_EN];
            var frame = new List<byte>(14);
            if ((fifoEn & RegisterBits.FifoAccel) != 0) frame.AddRange(data[..6]);
            if ((fifoEn & RegisterBits.FifoTemp) != 0) frame.AddRange(data[6..8]);
            if ((fifoEn & RegisterBits.FifoGyroX) != 0) frame.AddRange(data[8..10]);
            if ((fifoEn & RegisterBits.FifoGyroY) != 0) frame.AddRange(data[10..12]);
            if ((fifoEn & RegisterBits.FifoGyroZ) != 0) frame.AddRange(data[12..14]);
            if (frame.Count > 0) PushFifo(frame);
        }

        if ((_registers[(byte)Register.INT_ENABLE] & RegisterBits.RawDataReady) != 0)
            _registers[(byte)Register.INT_STATUS] |= RegisterBits.RawDataReady;
    }

    private void PushFifo(IReadOnlyList<byte> frame)
    {
        bool stopWhenFull = (_registers[(byte)Register.CONFIG] & RegisterBits.FifoModeStopWhenFull) != 0;
        if (_fifo.Count + frame.Count > FifoSizeBytes)
        {
            FifoOverflowed = true;
            if ((_registers[(byte)Register.INT_ENABLE] & RegisterBits.FifoOverflow) != 0)
                _registers[(byte)Register.INT_STATUS] |= RegisterBits.FifoOverflow;
            if (stopWhenFull) return; // the whole frame is dropped
        }

        foreach (byte b in frame)
        {
            _fifo.Enqueue(b);
            if (_fifo.Count > FifoSizeBytes) _fifo.Dequeue(); // oldest bytes are overwritten
        }
    }

    private static void Put(Span<byte> data, int offset, short value)
    {
        data[offset] = (byte)(value >> 8);
        data[offset + 1] = (byte)value;
    }
}
