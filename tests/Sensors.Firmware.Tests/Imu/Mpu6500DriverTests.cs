using System;
using Sensors.Band.Calibration;
using Sensors.Band.Imu;
using Sensors.Hardware.Devices.Mpu6500;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;
using Xunit;

namespace Sensors.Firmware.Tests.Imu;

public class Mpu6500DriverTests
{
    private const double G = 9.80665;
    private const double DegToRad = System.Math.PI / 180;

    [Fact]
    public void Initialize_identifies_the_chip_and_writes_the_band_configuration()
    {
        using var bench = new ImuBench(ImuBench.Wobble);
        bench.Driver.Initialize();

        Assert.True(bench.Driver.IsInitialized);
        Assert.Equal(0x70, bench.Driver.WhoAmI);
        Assert.False(bench.Driver.IsMpu6050);
        Assert.Equal(Mpu6500Error.None, bench.Driver.LastError);
        // Read back what the driver wrote, from the chip's registers.
        Assert.Equal(9, bench.Chip.PeekRegister(Register.SMPLRT_DIV));
        Assert.Equal(0x03, bench.Chip.PeekRegister(Register.CONFIG));
        Assert.Equal(0x08, bench.Chip.PeekRegister(Register.GYRO_CONFIG));
        Assert.Equal(0x08, bench.Chip.PeekRegister(Register.ACCEL_CONFIG));
        Assert.Equal(0x03, bench.Chip.PeekRegister(Register.ACCEL_CONFIG2));
        Assert.Equal(0x01, bench.Chip.PeekRegister(Register.PWR_MGMT_1)); // awake, PLL clock
        Assert.Equal(0x00, bench.Chip.PeekRegister(Register.PWR_MGMT_2));
        Assert.Equal(100, bench.Chip.SampleRateHz, 9);
        Assert.Equal(ImuOutputConfig.Band, bench.Chip.CurrentConfig);
        // Reset then wake: the documented waits, in order.
        Assert.Equal(new[] { 100, 35 }, bench.Delay.Waits);
    }

    [Fact]
    public void Reset_restores_the_chip_before_configuring()
    {
        using var bench = new ImuBench(ImuBench.Wobble);
        bench.Chip.Write([(byte)Register.PWR_MGMT_2, 0x3F]); // someone left every axis in standby
        bench.Chip.Write([(byte)Register.PWR_MGMT_1, 0x40]); // and the chip asleep
        bench.Driver.Initialize();
        bench.Chip.AdvanceTo(0.05);
        Assert.Equal(5, bench.Chip.SamplesTaken);
        var sample = new Mpu6500Sample();
        Assert.True(bench.Driver.TryReadSample(sample));
        Assert.NotEqual(0, sample.AccelerationCounts[2]);
    }

    [Theory]
    [InlineData(Mpu6500GyroRange.Dps250, Mpu6500AccelRange.G2)]
    [InlineData(Mpu6500GyroRange.Dps500, Mpu6500AccelRange.G4)]
    [InlineData(Mpu6500GyroRange.Dps1000, Mpu6500AccelRange.G8)]
    [InlineData(Mpu6500GyroRange.Dps2000, Mpu6500AccelRange.G16)]
    public void Samples_match_the_true_motion_within_half_a_count_on_an_ideal_chip(Mpu6500GyroRange gyro, Mpu6500AccelRange accel)
    {
        var settings = new Mpu6500Settings { GyroRange = gyro, AccelRange = accel };
        using var bench = new ImuBench(ImuBench.Wobble, settings: settings);
        bench.Driver.Initialize();
        Assert.Equal((byte)gyro << 3, bench.Chip.PeekRegister(Register.GYRO_CONFIG));
        Assert.Equal((byte)accel << 3, bench.Chip.PeekRegister(Register.ACCEL_CONFIG));
        double gyroStep = DegToRad / new[] { 131.0, 65.5, 32.8, 16.4 }[(int)gyro];
        double accelStep = G / (16384 >> (int)accel);
        var sample = new Mpu6500Sample();
        for (int k = 1; k <= 200; k++)
        {
            double t = k * 0.01;
            bench.Chip.AdvanceTo(t);
            Assert.True(bench.Driver.TryReadSample(sample));
            ImuKinematics truth = ImuBench.Wobble(t);
            for (int i = 0; i < 3; i++)
            {
                Assert.InRange(sample.RateRadPerS[i] - Component(truth.AngularVelocityRadPerS, i), -0.5 * gyroStep - 1e-6, 0.5 * gyroStep + 1e-6);
                Assert.InRange(sample.AccelerationMPerS2[i] - Component(truth.SpecificForceMPerS2, i), -0.5 * accelStep - 1e-5, 0.5 * accelStep + 1e-5);
            }
            Assert.InRange(sample.TemperatureC - truth.TemperatureC, -0.5 / 333.87 - 1e-4, 0.5 / 333.87 + 1e-4);
            Assert.False(sample.Saturated);
            Assert.False(sample.Calibrated);
        }
    }

    [Fact]
    public void Samples_from_a_drawn_part_equal_the_chips_counts_and_stay_within_its_datasheet_errors()
    {
        ImuErrorParameters part = ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, seed: 7);
        using var bench = new ImuBench(ImuBench.Wobble, part, seed: 7);
        bench.Driver.Initialize();
        var sample = new Mpu6500Sample();
        for (int k = 1; k <= 300; k++)
        {
            bench.Chip.AdvanceTo(k * 0.01);
            Assert.True(bench.Driver.TryReadSample(sample));
            ImuSample chip = bench.Chip.LastSample!.Value.ToSi();
            ImuKinematics truth = ImuBench.Wobble(chip.TimeS);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(Component(chip.AngularVelocityRadPerS, i), sample.RateRadPerS[i], 1e-5);
                Assert.Equal(Component(chip.AccelerationMPerS2, i), sample.AccelerationMPerS2[i], 1e-4);
                // Datasheet envelope: offset ≤ 5 °/s + 3 % scale + 2 % cross-axis + noise; accel offset ≤ 80 mg + 3 % + 2 %.
                Assert.InRange(sample.RateRadPerS[i] - Component(truth.AngularVelocityRadPerS, i), -0.2, 0.2);
                Assert.InRange(sample.AccelerationMPerS2[i] - Component(truth.SpecificForceMPerS2, i), -1.5, 1.5);
            }
            Assert.Equal(chip.TemperatureC, sample.TemperatureC, 1e-3);
        }
    }

    [Fact]
    public void Gyro_at_500_dps_scales_at_65_5_counts_per_dps_and_clips_beyond()
    {
        var inRange = ImuBench.Constant(new Vec3(400 * DegToRad, -123.4 * DegToRad, 0.5 * DegToRad), new Vec3(0, 0, G));
        using (var bench = new ImuBench(inRange))
        {
            bench.Driver.Initialize();
            bench.Chip.AdvanceTo(0.01);
            var sample = new Mpu6500Sample();
            Assert.True(bench.Driver.TryReadSample(sample));
            Assert.Equal((short)System.Math.Round(400 * 65.5), sample.RateCounts[0]);
            Assert.Equal((short)System.Math.Round(-123.4 * 65.5), sample.RateCounts[1]);
            Assert.Equal(400 * DegToRad, sample.RateRadPerS[0], 0.5 / 65.5 * DegToRad);
            Assert.Equal(-123.4 * DegToRad, sample.RateRadPerS[1], 0.5 / 65.5 * DegToRad);
            Assert.Equal(8192, sample.AccelerationCounts[2]); // 1 g at ±4 g
            Assert.False(sample.Saturated);
        }

        var beyond = ImuBench.Constant(new Vec3(600 * DegToRad, 0, 0), new Vec3(0, 0, G));
        using (var bench = new ImuBench(beyond))
        {
            bench.Driver.Initialize();
            bench.Chip.AdvanceTo(0.01);
            var sample = new Mpu6500Sample();
            Assert.True(bench.Driver.TryReadSample(sample));
            Assert.Equal(short.MaxValue, sample.RateCounts[0]);
            Assert.True(sample.Saturated);
            Assert.Equal(32767 / 65.5 * DegToRad, sample.RateRadPerS[0], 1e-5);
        }
    }

    [Fact]
    public void Factory_calibration_removes_a_known_gyro_bias_and_accelerometer_scale_error()
    {
        var part = ImuErrorParameters.Ideal with
        {
            Gyroscope = SensorErrorParameters.Ideal with { Bias = new Vec3(0.05, -0.03, 0.02) },
            Accelerometer = SensorErrorParameters.Ideal with { Scale = new Vec3(1.02, 0.98, 1.01), Bias = new Vec3(0.2, -0.1, 0.3) },
        };
        using var bench = new ImuBench(ImuBench.Wobble, part);
        var calibration = new ImuCalibration();
        calibration.GyroscopeBiasRadPerS[0] = 0.05f;
        calibration.GyroscopeBiasRadPerS[1] = -0.03f;
        calibration.GyroscopeBiasRadPerS[2] = 0.02f;
        // Chip: y = s·x + b, so x = (1/s)·(y − b/1)… with the bias applied after the scale: x = M·(y − b), M = diag(1/s).
        calibration.AccelerometerBiasMPerS2[0] = 0.2f;
        calibration.AccelerometerBiasMPerS2[1] = -0.1f;
        calibration.AccelerometerBiasMPerS2[2] = 0.3f;
        calibration.AccelerometerMatrix[0] = (float)(1 / 1.02);
        calibration.AccelerometerMatrix[4] = (float)(1 / 0.98);
        calibration.AccelerometerMatrix[8] = (float)(1 / 1.01);
        bench.Driver.Calibration = calibration;
        bench.Driver.Initialize();

        var sample = new Mpu6500Sample();
        double worstUncalibratedGyro = 0;
        for (int k = 1; k <= 200; k++)
        {
            double t = k * 0.01;
            bench.Chip.AdvanceTo(t);
            Assert.True(bench.Driver.TryReadSample(sample));
            Assert.True(sample.Calibrated);
            ImuKinematics truth = ImuBench.Wobble(t);
            for (int i = 0; i < 3; i++)
            {
                double uncalibrated = sample.RateCounts[i] * bench.Driver.RateRadPerSPerCount;
                worstUncalibratedGyro = System.Math.Max(worstUncalibratedGyro, System.Math.Abs(uncalibrated - Component(truth.AngularVelocityRadPerS, i)));
                Assert.Equal(Component(truth.AngularVelocityRadPerS, i), sample.RateRadPerS[i], 1e-3);
                Assert.Equal(Component(truth.SpecificForceMPerS2, i), sample.AccelerationMPerS2[i], 5e-3);
            }
        }
        Assert.True(worstUncalibratedGyro > 0.015, "the uncalibrated gyro must show the bias, else the test proves nothing");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(5)]
    public void A_device_that_does_not_answer_fails_Initialize_after_exactly_N_retries_with_a_clear_error(int retries)
    {
        using var bench = new ImuBench(ImuBench.Wobble, settings: new Mpu6500Settings { Retries = retries }, address: 0x69);
        bench.Chip.Faults = Mpu6500Fault.NotAnswering;

        var ex = Assert.Throws<Mpu6500Exception>(bench.Driver.Initialize);

        Assert.Equal(1 + retries, bench.Bus.Transfers);          // first attempt + N retries, then stop
        Assert.Equal(1 + retries, bench.Bus.FailedTransfers);
        int[] expectedBackoff = new int[retries];
        for (int k = 0; k < retries; k++) expectedBackoff[k] = 1 << k; // 1, 2, 4, … ms
        Assert.Equal(expectedBackoff, bench.Delay.Waits);
        Assert.Equal(Mpu6500Error.NotAnswering, ex.Error);
        Assert.Equal(0x69, ex.Address);
        Assert.Equal(0x75, ex.Register);
        Assert.Equal(Mpu6500Error.NotAnswering, bench.Driver.LastError);
        Assert.Contains("0x69", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0x75", ex.Message, StringComparison.Ordinal);
        Assert.Contains((1 + retries).ToString(System.Globalization.CultureInfo.InvariantCulture) + " attempts", ex.Message, StringComparison.Ordinal);
        Assert.False(bench.Driver.IsInitialized);
        Assert.False(bench.Driver.TryReadSample(new Mpu6500Sample()));
        Assert.Equal(Mpu6500Error.NotInitialized, bench.Driver.LastError);
    }

    [Fact]
    public void A_transient_bus_error_is_retried_and_the_sample_still_arrives()
    {
        using var bench = new ImuBench(ImuBench.Wobble);
        bench.Driver.Initialize();
        bench.Chip.AdvanceTo(0.01);
        var flaky = new FlakyBus(bench.Bus, failures: 2);
        var driver = new Mpu6500Driver(flaky, new Mpu6500Settings { VerifyConfiguration = false }, bench.Delay);
        flaky.Failures = 0;
        driver.Initialize();
        bench.Delay.Clear();
        bench.Chip.AdvanceTo(0.02);

        flaky.Failures = 2;
        var sample = new Mpu6500Sample();
        Assert.True(driver.TryReadSample(sample));
        Assert.Equal(1, driver.RetriedTransactions);
        Assert.Equal(new[] { 1, 2 }, bench.Delay.Waits);
        Assert.Equal(bench.Chip.LastSample!.Value.Gyro.X, sample.RateCounts[0]);

        // Mid-stream the chip stops answering: a clear error and an untouched sample; it recovers when it answers again.
        short before = sample.RateCounts[0];
        bench.Chip.Faults = Mpu6500Fault.NotAnswering;
        bench.Chip.AdvanceTo(0.03);
        Assert.False(driver.TryReadSample(sample));
        Assert.Equal(Mpu6500Error.NotAnswering, driver.LastError);
        Assert.Equal(0x3B, driver.LastErrorRegister);
        Assert.Contains("0x68", driver.LastErrorMessage, StringComparison.Ordinal);
        Assert.Contains("0x3B", driver.LastErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, sample.RateCounts[0]);
        bench.Chip.Faults = Mpu6500Fault.None;
        Assert.True(driver.TryReadSample(sample));
        Assert.Equal(Mpu6500Error.None, driver.LastError);
    }

    [Fact]
    public void A_device_with_a_wrong_WHO_AM_I_is_refused_with_a_clear_error()
    {
        using var bench = new ImuBench(ImuBench.Wobble);
        bench.Chip.Faults = Mpu6500Fault.WrongWhoAmI;
        bench.Chip.WrongWhoAmIValue = 0x12;

        var ex = Assert.Throws<Mpu6500Exception>(bench.Driver.Initialize);

        Assert.Equal(Mpu6500Error.WrongDevice, ex.Error);
        Assert.Equal(Mpu6500Error.WrongDevice, bench.Driver.LastError);
        Assert.Equal(0x75, ex.Register);
        Assert.Contains("0x68", ex.Message, StringComparison.Ordinal); // the address
        Assert.Contains("0x12", ex.Message, StringComparison.Ordinal); // what it answered
        Assert.Contains("0x70", ex.Message, StringComparison.Ordinal); // what was expected
        Assert.Equal(0x01, bench.Chip.PeekRegister(Register.PWR_MGMT_1)); // nothing written to a stranger
        Assert.Equal(0x00, bench.Chip.PeekRegister(Register.GYRO_CONFIG));
    }

    [Fact]
    public void An_MPU_6050_is_accepted_and_flagged_unless_refused_by_the_settings()
    {
        using (var bench = new ImuBench(ImuBench.Wobble))
        {
            bench.Chip.Faults = Mpu6500Fault.WrongWhoAmI; // answers 0x68 by default
            bench.Driver.Initialize();
            Assert.True(bench.Driver.IsMpu6050);
            Assert.Equal(0x68, bench.Driver.WhoAmI);
        }

        using (var bench = new ImuBench(ImuBench.Wobble, settings: new Mpu6500Settings { AcceptMpu6050 = false }))
        {
            bench.Chip.Faults = Mpu6500Fault.WrongWhoAmI;
            var ex = Assert.Throws<Mpu6500Exception>(bench.Driver.Initialize);
            Assert.Equal(Mpu6500Error.WrongDevice, ex.Error);
        }
    }

    [Theory]
    [InlineData(200, 4)]
    [InlineData(50, 19)]
    [InlineData(1000, 0)]
    public void The_sample_rate_divider_gives_the_requested_rate(int rateHz, int divider)
    {
        using var bench = new ImuBench(ImuBench.Wobble, settings: new Mpu6500Settings { SampleRateHz = rateHz });
        bench.Driver.Initialize();
        Assert.Equal(divider, bench.Chip.PeekRegister(Register.SMPLRT_DIV));
        bench.Chip.AdvanceTo(1.0);
        Assert.Equal(rateHz, bench.Chip.SamplesTaken);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(100, 0)]
    [InlineData(100, 7)]
    public void Impossible_settings_are_refused_before_touching_the_bus(int rateHz, byte dlpf)
    {
        using var bench = new ImuBench(ImuBench.Wobble, settings: new Mpu6500Settings { SampleRateHz = rateHz, GyroDlpf = dlpf });
        var ex = Assert.Throws<Mpu6500Exception>(bench.Driver.Initialize);
        Assert.Equal(Mpu6500Error.InvalidSettings, ex.Error);
        Assert.Equal(0, bench.Bus.Transfers);
    }

    [Fact]
    public void A_register_that_does_not_keep_its_value_is_reported_as_a_configuration_mismatch()
    {
        using var bench = new ImuBench(ImuBench.Wobble);
        var driver = new Mpu6500Driver(new StuckBitBus(bench.Bus, register: 0x1B, stuckBits: 0x10), new Mpu6500Settings(), bench.Delay);

        var ex = Assert.Throws<Mpu6500Exception>(driver.Initialize);

        Assert.Equal(Mpu6500Error.ConfigurationMismatch, ex.Error);
        Assert.Equal(0x1B, ex.Register);
        Assert.Contains("0x1B", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0x18", ex.Message, StringComparison.Ordinal); // read back
        Assert.Contains("0x08", ex.Message, StringComparison.Ordinal); // written
        Assert.False(driver.IsInitialized);
    }

    [Fact]
    public void Reading_10000_samples_allocates_nothing()
    {
        using var bench = new ImuBench(ImuBench.Wobble, ImuErrorParameters.Draw(ImuErrorSettings.Mpu6500, 3), seed: 3);
        bench.Driver.Calibration = new ImuCalibration();
        bench.Driver.Initialize();
        var sample = new Mpu6500Sample();
        for (int k = 1; k <= 100; k++)
        {
            bench.Chip.AdvanceTo(k * 0.01);
            Assert.True(bench.Driver.TryReadSample(sample)); // warm-up (JIT, tiering)
        }

        long allocated = 0;
        int previous = 0, changes = 0;
        for (int k = 101; k <= 10100; k++)
        {
            bench.Chip.AdvanceTo(k * 0.01); // the simulator may allocate: not counted
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool ok = bench.Driver.TryReadSample(sample);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(ok);
            if (sample.RateCounts[0] != previous) changes++;
            previous = sample.RateCounts[0];
        }

        Assert.Equal(0, allocated);
        Assert.True(changes > 9000, "fresh data every sample");
    }

    private static double Component(Vec3 v, int i) => i switch { 0 => v.X, 1 => v.Y, _ => v.Z };

    /// <summary>A bus on which some bits of one register are stuck high (a damaged or counterfeit part).</summary>
    private sealed class StuckBitBus(II2cRegisterBus inner, byte register, byte stuckBits) : II2cRegisterBus
    {
        public int Address => inner.Address;

        public bool TryWriteRead(byte[] write, int writeCount, byte[] read, int readCount) => inner.TryWriteRead(write, writeCount, read, readCount);

        public bool TryWrite(byte[] data, int count)
        {
            if (count == 2 && data[0] == register)
            {
                byte[] changed = [data[0], (byte)(data[1] | stuckBits)];
                return inner.TryWrite(changed, 2);
            }

            return inner.TryWrite(data, count);
        }
    }

    /// <summary>A bus whose next <see cref="Failures"/> transfers fail.</summary>
    private sealed class FlakyBus(II2cRegisterBus inner, int failures) : II2cRegisterBus
    {
        public int Failures { get; set; } = failures;

        public int Address => inner.Address;

        public bool TryWriteRead(byte[] write, int writeCount, byte[] read, int readCount) =>
            Fail() ? false : inner.TryWriteRead(write, writeCount, read, readCount);

        public bool TryWrite(byte[] data, int count) => Fail() ? false : inner.TryWrite(data, count);

        private bool Fail()
        {
            if (Failures <= 0) return false;
            Failures--;
            return true;
        }
    }
}
