using System;

namespace Sensors.Band.Imu
{
    /// <summary>
    /// Thrown by <see cref="Mpu6500Driver.Initialize"/> when the IMU cannot be brought up. The message names the I2C
    /// address and the register; <see cref="Error"/>, <see cref="Address"/> and <see cref="Register"/> carry the same facts.
    /// </summary>
    public sealed class Mpu6500Exception : Exception
    {
        /// <summary>Creates the exception.</summary>
        public Mpu6500Exception(Mpu6500Error error, int address, byte register, string message)
            : base(message)
        {
            Error = error;
            Address = address;
            Register = register;
        }

        /// <summary>What went wrong.</summary>
        public Mpu6500Error Error { get; private set; }

        /// <summary>7-bit I2C address of the IMU.</summary>
        public int Address { get; private set; }

        /// <summary>Register of the failed transaction.</summary>
        public byte Register { get; private set; }
    }
}
