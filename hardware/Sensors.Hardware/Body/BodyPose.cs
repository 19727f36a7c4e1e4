using Sensors.Hardware.Math;

namespace Sensors.Hardware.Body;

/// <summary>
/// The generalised coordinates of the leg model at one instant: pelvis orientation (pelvis-to-earth) and the position of the
/// hip joint centre in earth axes (m), plus the joint angles. <see cref="LegModel"/> turns it into segment orientations.
/// </summary>
public readonly record struct BodyPose(Quat PelvisOrientation, Vec3 HipPositionM, JointAngles Joints);
