using System;

namespace Sensors.Hardware.Imu;

/// <summary>Gyroscope full-scale range, GYRO_CONFIG.GYRO_FS_SEL (bits 4:3). Values are the register field.</summary>
public enum GyroFullScale : byte
{
    /// <summary>±250 °/s, 131 LSB/(°/s).</summary>
    Dps250 = 0,
    /// <summary>±500 °/s, 65.5 LSB/(°/s).</summary>
    Dps500 = 1,
    /// <summary>±1000 °/s, 32.8 LSB/(°/s).</summary>
    Dps1000 = 2,
    /// <summary>±2000 °/s, 16.4 LSB/(°/s).</summary>
    Dps2000 = 3,
}

/// <summary>Accelerometer full-scale range, ACCEL_CONFIG.ACCEL_FS_SEL (bits 4:3). Values are the register field.</summary>
public enum AccelFullScale : byte
{
    /// <summary>±2 g, 16384 LSB/g.</summary>
    G2 = 0,
    /// <summary>±4 g, 8192 LSB/g.</summary>
    G4 = 1,
    /// <summary>±8 g, 4096 LSB/g.</summary>
    G8 = 2,
    /// <summary>±16 g, 2048 LSB/g.</summary>
    G16 = 3,
}

/// <summary>
/// Datasheet sensitivities of the MPU-6500 (InvenSense PS-MPU-6500A-01 rev 1.1, tables 1 and 2) in SI units,
/// and the conversions between SI values and int16 output counts (saturation and rounding).
/// </summary>
public static class FullScaleExtensions
{
    private const double DegToRad = System.Math.PI / 180.0;

    /// <summary>Nominal gyro sensitivity, LSB/(°/s): 131, 65.5, 32.8, 16.4 for ±250/500/1000/2000 °/s.</summary>
    public static double LsbPerDegPerS(this GyroFullScale fs) => fs switch
    {
        GyroFullScale.Dps250 => 131.0,
        GyroFullScale.Dps500 => 65.5,
        GyroFullScale.Dps1000 => 32.8,
        GyroFullScale.Dps2000 => 16.4,
        _ => throw new ArgumentOutOfRangeException(nameof(fs)),
    };

    /// <summary>Nominal gyro sensitivity in LSB per rad/s.</summary>
    public static double LsbPerRadPerS(this GyroFullScale fs) => fs.LsbPerDegPerS() / DegToRad;

    /// <summary>Nominal range, rad/s (250, 500, 1000, 2000 °/s).</summary>
    public static double RangeRadPerS(this GyroFullScale fs) => (250 << (int)fs) * DegToRad;

    /// <summary>Nominal accelerometer sensitivity, LSB/g: 16384, 8192, 4096, 2048 for ±2/4/8/16 g.</summary>
    public static double LsbPerG(this AccelFullScale fs) => 16384 >> (int)fs;

    /// <summary>Nominal accelerometer sensitivity in LSB per m/s² (g = 9.80665 m/s²).</summary>
    public static double LsbPerMPerS2(this AccelFullScale fs) => fs.LsbPerG() / Physics.StandardGravity;

    /// <summary>Nominal range, m/s² (2, 4, 8, 16 g).</summary>
    public static double RangeMPerS2(this AccelFullScale fs) => (2 << (int)fs) * Physics.StandardGravity;

    /// <summary>Rounds <paramref name="value"/>·<paramref name="lsbPerUnit"/> to the nearest count and saturates to int16.</summary>
    public static short ToCounts(double value, double lsbPerUnit)
    {
        double c = System.Math.Round(value * lsbPerUnit, MidpointRounding.AwayFromZero);
        if (double.IsNaN(c)) return 0;
        return (short)System.Math.Clamp(c, short.MinValue, short.MaxValue);
    }
}
