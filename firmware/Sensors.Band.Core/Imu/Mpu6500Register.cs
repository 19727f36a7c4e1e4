namespace Sensors.Band.Imu
{
    /// <summary>MPU-6500 registers the driver uses (InvenSense RM-MPU-6500A-00). Values are the register addresses.</summary>
    public enum Mpu6500Register : byte
    {
        /// <summary>Sample-rate divider: ODR = 1 kHz / (1 + SMPLRT_DIV) while the DLPF is on.</summary>
        SMPLRT_DIV = 0x19,

        /// <summary>CONFIG: DLPF_CFG (2:0).</summary>
        CONFIG = 0x1A,

        /// <summary>GYRO_CONFIG: GYRO_FS_SEL (4:3), FCHOICE_B (1:0).</summary>
        GYRO_CONFIG = 0x1B,

        /// <summary>ACCEL_CONFIG: ACCEL_FS_SEL (4:3).</summary>
        ACCEL_CONFIG = 0x1C,

        /// <summary>ACCEL_CONFIG2: A_DLPF_CFG (2:0), ACCEL_FCHOICE_B (3). Not present on the MPU-6050.</summary>
        ACCEL_CONFIG2 = 0x1D,

        /// <summary>First of the 14 data bytes (accel xyz, temperature, gyro xyz; big-endian int16).</summary>
        ACCEL_XOUT_H = 0x3B,

        /// <summary>PWR_MGMT_1: H_RESET (7), SLEEP (6), CLKSEL (2:0).</summary>
        PWR_MGMT_1 = 0x6B,

        /// <summary>PWR_MGMT_2: per-axis standby bits.</summary>
        PWR_MGMT_2 = 0x6C,

        /// <summary>WHO_AM_I: 0x70 on the MPU-6500, 0x68 on the MPU-6050.</summary>
        WHO_AM_I = 0x75,
    }
}
