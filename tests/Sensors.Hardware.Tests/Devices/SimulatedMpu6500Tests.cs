using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sensors.Hardware;
using Sensors.Hardware.Devices.Mpu6500;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Xunit;

namespace Sensors.Hardware.Tests.Devices;

public class SimulatedMpu6500Tests
{
    private const double G = Physics.StandardGravity;
    private const double DegToRad = System.Math.PI / 180;

    /// <summary>Flat chip (z up) turning about its x axis at <paramref name="rateDegPerS"/>, 25 °C.</summary>
    private static Func<double, ImuKinematics> ConstantRate(double rateDegPerS) => t =>
    {
        Quat q = Quat.FromAxisAngle(Vec3.UnitX, rateDegPerS * DegToRad * t);
        return new ImuKinematics(t, q, new Vec3(rateDegPerS * DegToRad, 0, 0), q.RotateInverse(new Vec3(0, 0, G)), 25);
    };

    /// <summary>Wobbling motion so consecutive samples differ.</summary>
    private static ImuKinematics Wobble(double t)
    {
        Vec3 w = new(System.Math.Sin(3 * t), System.Math.Cos(2 * t), 0.5 * System.Math.Sin(5 * t));
        return new ImuKinematics(t, Quat.Identity, w, new Vec3(System.Math.Sin(t), 0.5, G), 30);
    }

    private static byte Read(SimulatedMpu6500 d, Register r)
    {
        Span<byte> b = stackalloc byte[1];
        d.WriteRead([(byte)r], b);
        return b[0];
    }

    private static void Write(SimulatedMpu6500 d, Register r, byte value) => d.Write([(byte)r, value]);

    private static short[] ReadDataRegisters(SimulatedMpu6500 d)
    {
        byte[] raw = new byte[14];
        d.WriteRead([(byte)Register.ACCEL_XOUT_H], raw);
        return Enumerable.Range(0, 7).Select(i => BinaryPrimitives.ReadInt16BigEndian(raw.AsSpan(2 * i))).ToArray();
    }

    private static int ReadFifoCount(SimulatedMpu6500 d)
    {
        byte[] c = new byte[2];
        d.WriteRead([(byte)Register.FIFO_COUNTH], c);
        return (c[0] << 8) | c[1];
    }

    private static void ConfigureBand(SimulatedMpu6500 d, byte sampleRateDivider)
    {
        Write(d, Register.PWR_MGMT_1, 0x01);
        Write(d, Register.SMPLRT_DIV, sampleRateDivider);
        Write(d, Register.CONFIG, 0x03);        // DLPF 41 Hz, internal 1 kHz
        Write(d, Register.GYRO_CONFIG, 0x08);   // ±500 °/s
        Write(d, Register.ACCEL_CONFIG, 0x08);  // ±4 g
        Write(d, Register.ACCEL_CONFIG2, 0x03);
        Write(d, Register.FIFO_EN, 0x78);       // gyro xyz + accel: 12 bytes per sample
        Write(d, Register.USER_CTRL, RegisterBits.UserFifoEnable | RegisterBits.UserFifoReset);
    }

    [Fact]
    public void Identity_and_reset_values_follow_the_register_map()
    {
        using var d = new SimulatedMpu6500(ConstantRate(0), ImuErrorParameters.Ideal, 1, SimulatedMpu6500.SecondaryI2cAddress);
        Assert.Equal(0x69, d.ConnectionSettings.DeviceAddress);
        Assert.Equal(0x70, Read(d, Register.WHO_AM_I));
        Assert.Equal(0x01, Read(d, Register.PWR_MGMT_1));
        Assert.Equal(0x00, Read(d, Register.GYRO_CONFIG));

        Write(d, Register.GYRO_CONFIG, 0x18);
        Write(d, Register.SMPLRT_DIV, 9);
        Assert.Equal(0x18, Read(d, Register.GYRO_CONFIG));
        Assert.Equal(8000.0, d.SampleRateHz, 9);  // DLPF_CFG = 0 → 8 kHz, SMPLRT_DIV ignored until CONFIG enables the DLPF
        Write(d, Register.CONFIG, 0x03);
        Assert.Equal(100.0, d.SampleRateHz, 9);
        Write(d, Register.PWR_MGMT_1, RegisterBits.DeviceReset);
        Assert.Equal(0x00, Read(d, Register.GYRO_CONFIG));
        Assert.Equal(0x01, Read(d, Register.PWR_MGMT_1)); // H_RESET clears itself
        Write(d, Register.WHO_AM_I, 0x12);                // read-only
        Assert.Equal(0x70, Read(d, Register.WHO_AM_I));
    }

    [Fact]
    public void Data_registers_are_big_endian_at_the_configured_full_scale()
    {
        using var d = new SimulatedMpu6500(ConstantRate(100), ImuErrorParameters.Ideal, 1);
        ConfigureBand(d, 9);
        d.AdvanceTo(0.5);
        short[] v = ReadDataRegisters(d);
        Assert.Equal(6550, v[4]);                 // 100 °/s × 65.5 LSB/(°/s) at ±500 °/s
        Assert.Equal(0, v[5]);
        Assert.Equal(1335, v[3]);                 // (25 − 21) °C × 333.87 LSB/°C
        // Accelerometer at ±4 g: 8192 LSB/g, gravity rotated by 100 °/s × 0.5 s = 50° about x.
        Assert.Equal((short)System.Math.Round(8192 * System.Math.Sin(50 * DegToRad)), v[1]);
        Assert.Equal((short)System.Math.Round(8192 * System.Math.Cos(50 * DegToRad)), v[2]);

        // Byte order on the wire: GYRO_XOUT_H holds the high byte.
        Assert.Equal(6550 >> 8, Read(d, Register.GYRO_XOUT_H));
        Assert.Equal(6550 & 0xFF, Read(d, Register.GYRO_XOUT_L));

        // Switching to ±2000 °/s changes the scale of the next sample: 100 × 16.4 = 1640 LSB.
        Write(d, Register.GYRO_CONFIG, 0x18);
        d.AdvanceTo(0.52);
        Assert.Equal(1640, ReadDataRegisters(d)[4]);
    }

    [Fact]
    public void Burst_reads_auto_increment_like_single_byte_reads()
    {
        using var d = new SimulatedMpu6500(Wobble, ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, 3), 4);
        ConfigureBand(d, 9);
        d.AdvanceTo(0.37);
        byte[] burst = new byte[14];
        d.WriteRead([(byte)Register.ACCEL_XOUT_H], burst);
        byte[] single = Enumerable.Range(0, 14).Select(i => Read(d, (Register)(0x3B + i))).ToArray();
        Assert.Equal(single, burst);
        d.WriteByte((byte)Register.ACCEL_XOUT_H);
        Assert.Equal(burst[0], d.ReadByte());
        Assert.Equal(burst[1], d.ReadByte());
    }

    [Theory]
    [InlineData(9, 100.0)]
    [InlineData(4, 200.0)]
    [InlineData(19, 50.0)]
    public void Fifo_count_grows_at_the_configured_sample_rate(byte divider, double rateHz)
    {
        using var d = new SimulatedMpu6500(Wobble, ImuErrorParameters.Ideal, 1);
        ConfigureBand(d, divider);
        Assert.Equal(rateHz, d.SampleRateHz, 9);
        Assert.Equal(0, ReadFifoCount(d));
        d.AdvanceTo(0.1);
        Assert.Equal((int)System.Math.Round(0.1 * rateHz) * 12, ReadFifoCount(d));
        d.AdvanceTo(0.2);
        Assert.Equal((int)System.Math.Round(0.2 * rateHz) * 12, ReadFifoCount(d));
    }

    [Fact]
    public void Fifo_returns_the_same_samples_as_the_data_registers()
    {
        using var d = new SimulatedMpu6500(Wobble, ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, 8), 9);
        ConfigureBand(d, 9);
        var fromRegisters = new List<short[]>();
        for (int k = 1; k <= 30; k++)
        {
            d.AdvanceTo(k * 0.01);
            fromRegisters.Add(ReadDataRegisters(d));
        }

        Assert.Equal(30 * 12, ReadFifoCount(d));
        byte[] fifo = new byte[30 * 12];
        d.WriteRead([(byte)Register.FIFO_R_W], fifo); // FIFO_R_W does not auto-increment
        for (int k = 0; k < 30; k++)
        {
            short[] frame = Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadInt16BigEndian(fifo.AsSpan(12 * k + 2 * i))).ToArray();
            short[] expected = [.. fromRegisters[k][..3], .. fromRegisters[k][4..]]; // accel xyz, gyro xyz (no temp)
            Assert.Equal(expected, frame);
        }

        Assert.Equal(0, ReadFifoCount(d));
        Assert.NotEqual(fromRegisters[0], fromRegisters[1]);
    }

    [Fact]
    public void Fifo_overflow_sets_the_flag_keeps_512_bytes_and_FIFO_RST_clears_it()
    {
        using var d = new SimulatedMpu6500(Wobble, ImuErrorParameters.Ideal, 1);
        ConfigureBand(d, 9);
        Write(d, Register.INT_ENABLE, RegisterBits.FifoOverflow | RegisterBits.RawDataReady);
        d.AdvanceTo(0.4); // 40 × 12 = 480 bytes: fits
        Assert.Equal(RegisterBits.RawDataReady, Read(d, Register.INT_STATUS));
        Assert.Equal(0, Read(d, Register.INT_STATUS)); // cleared by the read
        d.AdvanceTo(0.5); // 600 bytes written
        Assert.Equal(RegisterBits.FifoOverflow | RegisterBits.RawDataReady, Read(d, Register.INT_STATUS));
        Assert.Equal(512, ReadFifoCount(d));
        Write(d, Register.USER_CTRL, RegisterBits.UserFifoEnable | RegisterBits.UserFifoReset);
        Assert.Equal(0, ReadFifoCount(d));
        Assert.False(d.FifoOverflowed);
        Assert.Equal(RegisterBits.UserFifoEnable, Read(d, Register.USER_CTRL)); // FIFO_RST clears itself
    }

    [Fact]
    public void Sleeping_device_takes_no_samples()
    {
        using var d = new SimulatedMpu6500(Wobble, ImuErrorParameters.Ideal, 1);
        ConfigureBand(d, 9);
        d.AdvanceTo(0.1);
        long before = d.SamplesTaken;
        Write(d, Register.PWR_MGMT_1, RegisterBits.Sleep | 0x01);
        d.AdvanceTo(0.5);
        Assert.Equal(before, d.SamplesTaken);
        Write(d, Register.PWR_MGMT_1, 0x01);
        d.AdvanceTo(0.6);
        Assert.Equal(before + 10, d.SamplesTaken);
    }

    [Fact]
    public void Non_answering_device_throws_IOException_on_every_transfer()
    {
        using var d = new SimulatedMpu6500(Wobble, ImuErrorParameters.Ideal, 1) { Faults = Mpu6500Fault.NotAnswering };
        byte[] buffer = new byte[2];
        Assert.Throws<IOException>(() => d.WriteRead([(byte)Register.WHO_AM_I], buffer));
        Assert.Throws<IOException>(() => d.Write([(byte)Register.PWR_MGMT_1, 0x01]));
        Assert.Throws<IOException>(() => d.Read(buffer));
        Assert.Throws<IOException>(() => d.ReadByte());
        Assert.Throws<IOException>(() => d.WriteByte(0x75));
        d.Faults = Mpu6500Fault.None;
        Assert.Equal(0x70, Read(d, Register.WHO_AM_I));
    }

    [Fact]
    public void Wrong_identity_and_stuck_data_faults()
    {
        using var d = new SimulatedMpu6500(Wobble, ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, 2), 2);
        ConfigureBand(d, 9);
        d.Faults = Mpu6500Fault.WrongWhoAmI;
        Assert.Equal(0x68, Read(d, Register.WHO_AM_I));

        d.Faults = Mpu6500Fault.None;
        d.AdvanceTo(0.1);
        short[] healthyA = ReadDataRegisters(d);
        d.AdvanceTo(0.2);
        Assert.NotEqual(healthyA, ReadDataRegisters(d));

        d.Faults = Mpu6500Fault.StuckData;
        short[] stuck = ReadDataRegisters(d);
        d.AdvanceTo(0.5);
        Assert.Equal(stuck, ReadDataRegisters(d));
        Assert.Equal(50, d.SamplesTaken); // it still signals new samples, with frozen values
    }
}
