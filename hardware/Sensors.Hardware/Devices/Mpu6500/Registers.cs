namespace Sensors.Hardware.Devices.Mpu6500;

/// <summary>MPU-6500 registers used by the band's driver (InvenSense RM-MPU-6500A-00 register map, PS-MPU-6500A-01).</summary>
public enum Register : byte
{
    SMPLRT_DIV = 0x19,
    CONFIG = 0x1A,
    GYRO_CONFIG = 0x1B,
    ACCEL_CONFIG = 0x1C,
    ACCEL_CONFIG2 = 0x1D,
    FIFO_EN = 0x23,
    INT_PIN_CFG = 0x37,
    INT_ENABLE = 0x38,
    INT_STATUS = 0x3A,
    ACCEL_XOUT_H = 0x3B,
    ACCEL_XOUT_L = 0x3C,
    ACCEL_YOUT_H = 0x3D,
    ACCEL_YOUT_L = 0x3E,
    ACCEL_ZOUT_H = 0x3F,
    ACCEL_ZOUT_L = 0x40,
    TEMP_OUT_H = 0x41,
    TEMP_OUT_L = 0x42,
    GYRO_XOUT_H = 0x43,
    GYRO_XOUT_L = 0x44,
    GYRO_YOUT_H = 0x45,
    GYRO_YOUT_L = 0x46,
    GYRO_ZOUT_H = 0x47,
    GYRO_ZOUT_L = 0x48,
    SIGNAL_PATH_RESET = 0x68,
    USER_CTRL = 0x6A,
    PWR_MGMT_1 = 0x6B,
    PWR_MGMT_2 = 0x6C,
    FIFO_COUNTH = 0x72,
    FIFO_COUNTL = 0x73,
    FIFO_R_W = 0x74,
    WHO_AM_I = 0x75,
}

/// <summary>Bit masks of the registers above.</summary>
public static class RegisterBits
{
    /// <summary>WHO_AM_I value of the MPU-6500.</summary>
    public const byte WhoAmIMpu6500 = 0x70;

    /// <summary>PWR_MGMT_1: H_RESET (self-clearing), SLEEP, CLKSEL mask.</summary>
    public const byte DeviceReset = 0x80, Sleep = 0x40, ClockSelectMask = 0x07;

    /// <summary>CONFIG: FIFO_MODE (1 = stop writing when full), DLPF_CFG mask.</summary>
    public const byte FifoModeStopWhenFull = 0x40, DlpfMask = 0x07;

    /// <summary>GYRO_CONFIG / ACCEL_CONFIG full-scale field (bits 4:3), GYRO_CONFIG FCHOICE_B (bits 1:0).</summary>
    public const byte FullScaleMask = 0x18, GyroFchoiceBMask = 0x03;

    /// <summary>ACCEL_CONFIG2: ACCEL_FCHOICE_B (bit 3), A_DLPF_CFG mask.</summary>
    public const byte AccelFchoiceB = 0x08, AccelDlpfMask = 0x07;

    /// <summary>FIFO_EN: TEMP_OUT, GYRO_XOUT, GYRO_YOUT, GYRO_ZOUT, ACCEL.</summary>
    public const byte FifoTemp = 0x80, FifoGyroX = 0x40, FifoGyroY = 0x20, FifoGyroZ = 0x10, FifoAccel = 0x08;

    /// <summary>INT_ENABLE / INT_STATUS: FIFO_OFLOW (bit 4), RAW_RDY / RAW_DATA_RDY (bit 0).</summary>
    public const byte FifoOverflow = 0x10, RawDataReady = 0x01;

    /// <summary>USER_CTRL: FIFO_EN, FIFO_RST (self-clearing), SIG_COND_RST (self-clearing).</summary>
    public const byte UserFifoEnable = 0x40, UserFifoReset = 0x04, UserSignalConditionReset = 0x01;

    /// <summary>SIGNAL_PATH_RESET: GYRO_RST, ACCEL_RST, TEMP_RST.</summary>
    public const byte GyroReset = 0x04, AccelReset = 0x02, TempReset = 0x01;

    /// <summary>PWR_MGMT_2: DIS_XA, DIS_YA, DIS_ZA, DIS_XG, DIS_YG, DIS_ZG.</summary>
    public const byte DisableXA = 0x20, DisableYA = 0x10, DisableZA = 0x08, DisableXG = 0x04, DisableYG = 0x02, DisableZG = 0x01;
}
