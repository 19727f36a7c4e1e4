using System;

namespace Sensors.Hardware.Devices.Mpu6500;

/// <summary>Faults the simulated MPU-6500 can show (combine freely).</summary>
[Flags]
public enum Mpu6500Fault
{
    /// <summary>Healthy device.</summary>
    None = 0,

    /// <summary>The device does not acknowledge its address: every Read/Write/WriteRead throws <see cref="System.IO.IOException"/>.</summary>
    NotAnswering = 1,

    /// <summary>The signal path is frozen: data registers and FIFO keep repeating the last sample taken before the fault.</summary>
    StuckData = 2,

    /// <summary>WHO_AM_I answers <see cref="SimulatedMpu6500.WrongWhoAmIValue"/> (default 0x68, the MPU-6050's id) instead of 0x70.</summary>
    WrongWhoAmI = 4,
}
