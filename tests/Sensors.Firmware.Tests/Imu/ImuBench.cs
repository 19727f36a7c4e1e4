using System;
using Sensors.Band.Host;
using Sensors.Band.Imu;
using Sensors.Hardware.Devices.Mpu6500;
using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Firmware.Tests.Imu;

/// <summary>A simulated MPU-6500 with a known motion, the host adapter, a recording delay and the driver under test.</summary>
internal sealed class ImuBench : IDisposable
{
    public ImuBench(Func<double, ImuKinematics> motion, ImuErrorParameters? part = null, Mpu6500Settings? settings = null, int address = 0x68, int seed = 1)
    {
        Chip = new SimulatedMpu6500(motion, part ?? ImuErrorParameters.Ideal, seed, address);
        Bus = new I2cDeviceRegisterBus(Chip);
        Driver = new Mpu6500Driver(Bus, settings ?? new Mpu6500Settings(), Delay);
    }

    public SimulatedMpu6500 Chip { get; }

    public I2cDeviceRegisterBus Bus { get; }

    public RecordingDelay Delay { get; } = new();

    public Mpu6500Driver Driver { get; }

    /// <summary>Constant motion: body rotating at <paramref name="rateRadPerS"/>, feeling <paramref name="forceMPerS2"/>, at 25 °C.</summary>
    public static Func<double, ImuKinematics> Constant(Vec3 rateRadPerS, Vec3 forceMPerS2, double temperatureC = 25) =>
        t => new ImuKinematics(t, Quat.Identity, rateRadPerS, forceMPerS2, temperatureC);

    /// <summary>A smoothly varying motion (sinusoids on every axis), so successive samples differ.</summary>
    public static ImuKinematics Wobble(double t) => new(
        t,
        Quat.Identity,
        new Vec3(2.0 * System.Math.Sin(3 * t), -1.5 * System.Math.Cos(2 * t), 0.7 * System.Math.Sin(5 * t + 1)),
        new Vec3(3 * System.Math.Sin(t), -2 * System.Math.Cos(1.3 * t), 9.80665 + System.Math.Sin(4 * t)),
        25 + 5 * System.Math.Sin(0.1 * t));

    public void Dispose() => Chip.Dispose();
}
