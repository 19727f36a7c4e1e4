namespace Sensors.Gateway.Intake;

/// <summary>Receives what the intake accepts, in sequence order, with gaps and errors in between where they occur.</summary>
public interface IIntakeObserver
{
    /// <summary>An accepted data unit (angle, raw IMU, status, response).</summary>
    void OnFrame(IntakeFrame frame);

    /// <summary>Frames declared lost, reported just before the first frame after them.</summary>
    void OnGap(IntakeGap gap);

    /// <summary>A reported problem (also counted and kept in <see cref="FrameIntake.RecentErrors"/>).</summary>
    void OnError(IntakeError error);
}
