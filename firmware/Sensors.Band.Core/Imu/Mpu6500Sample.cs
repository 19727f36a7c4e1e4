namespace Sensors.Band.Imu
{
    /// <summary>
    /// One sample, filled in place by <see cref="Mpu6500Driver.TryReadSample"/> (allocate once, reuse). Counts are the raw
    /// register values in the chip's axes; SI values are converted with the datasheet sensitivities and, when the driver
    /// has a calibration, calibrated.
    /// </summary>
    public sealed class Mpu6500Sample
    {
        /// <summary>Creates an empty sample.</summary>
        public Mpu6500Sample()
        {
            AccelerationCounts = new short[3];
            RateCounts = new short[3];
            AccelerationMPerS2 = new float[3];
            RateRadPerS = new float[3];
        }

        /// <summary>ACCEL_XOUT … ACCEL_ZOUT (int16 counts).</summary>
        public short[] AccelerationCounts { get; private set; }

        /// <summary>GYRO_XOUT … GYRO_ZOUT (int16 counts).</summary>
        public short[] RateCounts { get; private set; }

        /// <summary>TEMP_OUT (int16 counts).</summary>
        public short TemperatureCounts { get; set; }

        /// <summary>Specific force x, y, z, m/s² (+g up at rest).</summary>
        public float[] AccelerationMPerS2 { get; private set; }

        /// <summary>Angular rate x, y, z, rad/s.</summary>
        public float[] RateRadPerS { get; private set; }

        /// <summary>Die temperature, °C.</summary>
        public float TemperatureC { get; set; }

        /// <summary>True when any accelerometer or gyro axis is at an int16 limit (clipped).</summary>
        public bool Saturated { get; set; }

        /// <summary>True when the factory calibration was applied to the SI values.</summary>
        public bool Calibrated { get; set; }
    }
}
