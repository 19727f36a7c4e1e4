namespace Sensors.Gateway.Evaluation;

/// <summary>Which sensors the orientation filter may use.</summary>
public enum OrientationMode
{
    /// <summary>Accelerometer + gyro; judged on inclination only (heading is unobservable).</summary>
    SixD,

    /// <summary>Accelerometer + gyro + magnetometer; judged on the total error.</summary>
    NineD,
}
