using Sensors.Hardware.Imu;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>Pose of one IMU: orientation (sensor-to-earth) and position of the IMU in earth axes, m.</summary>
public readonly record struct SensorPose(Quat Orientation, Vec3 PositionM)
{
    /// <summary>
    /// Exact IMU kinematics at time t from the poses at t − h, t and t + h (central differences, error O(h²)):
    /// ω (sensor axes) = log(q(t−h)⁻¹ ⊗ q(t+h)) / 2h; a = (p(t+h) − 2p(t) + p(t−h)) / h²;
    /// specific force (sensor axes) = R(t)ᵀ (a − g).
    /// </summary>
    public static ImuKinematics ToImuKinematics(double tS, SensorPose before, SensorPose at, SensorPose after, double stepS, double temperatureC)
    {
        Vec3 omega = (before.Orientation.Conjugate() * after.Orientation).ToRotationVector() / (2 * stepS);
        Vec3 accel = (after.PositionM - at.PositionM * 2 + before.PositionM) / (stepS * stepS);
        Vec3 specificForce = at.Orientation.RotateInverse(accel - Physics.GravityEarth);
        return new ImuKinematics(tS, at.Orientation, omega, specificForce, temperatureC);
    }
}
