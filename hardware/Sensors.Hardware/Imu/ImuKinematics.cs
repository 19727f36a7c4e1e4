using Sensors.Hardware.Math;

namespace Sensors.Hardware.Imu;

/// <summary>
/// The exact motion of one IMU at one instant, as the motion model produces it (before any sensor error).
/// This is the hand-off between the body model (what the segment does) and the IMU error model (what the chip reports).
/// Earth frame: z up, gravity = (0, 0, -9.80665) m/s².
/// </summary>
/// <param name="TimeS">Time since the start of the recording, s.</param>
/// <param name="Orientation">Sensor-to-earth orientation (maps sensor-axis vectors into earth axes).</param>
/// <param name="AngularVelocityRadPerS">Angular velocity of the sensor in sensor axes, rad/s (what an ideal gyro reads).</param>
/// <param name="SpecificForceMPerS2">Specific force in sensor axes, m/s² (what an ideal accelerometer reads: +9.81 along up at rest).</param>
/// <param name="TemperatureC">Die temperature, °C.</param>
public readonly record struct ImuKinematics(
    double TimeS,
    Quat Orientation,
    Vec3 AngularVelocityRadPerS,
    Vec3 SpecificForceMPerS2,
    double TemperatureC);

/// <summary>Physical constants used across the simulator.</summary>
public static class Physics
{
    /// <summary>Standard gravity, m/s².</summary>
    public const double StandardGravity = 9.80665;

    /// <summary>Gravity vector in the earth frame (z up), m/s².</summary>
    public static readonly Vec3 GravityEarth = new(0, 0, -StandardGravity);
}
