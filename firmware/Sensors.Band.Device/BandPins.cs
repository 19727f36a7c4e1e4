namespace Sensors.Band.Device
{
    /// <summary>
    /// ESP32 pins and bus numbers of the thigh pod (hardware/pinout.md is the source; keep both in step).
    /// </summary>
    public static class BandPins
    {
        /// <summary>GPIO21: I2C1 SDA (both IMUs; shank IMU through J2).</summary>
        public const int I2cData = 21;

        /// <summary>GPIO22: I2C1 SCL.</summary>
        public const int I2cClock = 22;

        /// <summary>nanoFramework I2C bus id of I2C1.</summary>
        public const int I2cBusId = 1;

        /// <summary>Thigh (proximal) MPU-6500, AD0 = GND.</summary>
        public const int ThighImuAddress = 0x68;

        /// <summary>Shank (distal) MPU-6500, AD0 = VDDIO.</summary>
        public const int ShankImuAddress = 0x69;

        /// <summary>GPIO34 = ADC1 channel 6: battery divider, VBAT × 0.5.</summary>
        public const int BatteryAdcChannel = 6;

        /// <summary>VBAT / ADC-pin voltage of the divider.</summary>
        public const int BatteryDividerRatio = 2;

        /// <summary>GPIO35: MCP73831 STAT, low while charging (external pull-up).</summary>
        public const int ChargeStatus = 35;

        /// <summary>GPIO2: green status LED, active high.</summary>
        public const int StatusLed = 2;

        /// <summary>GPIO0: user button, active low (also the boot strap).</summary>
        public const int UserButton = 0;

        /// <summary>GPIO32: thigh IMU INT (not used yet: the loop polls at 100 Hz).</summary>
        public const int ThighImuInterrupt = 32;

        /// <summary>GPIO33: shank IMU INT (rev B only; not used yet).</summary>
        public const int ShankImuInterrupt = 33;
    }
}
