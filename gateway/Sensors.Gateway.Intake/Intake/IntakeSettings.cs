namespace Sensors.Gateway.Intake;

/// <summary>Settings of <see cref="FrameIntake"/> and its <see cref="BandClockMapper"/>; defaults documented per property.</summary>
public sealed class IntakeSettings
{
    /// <summary>
    /// Reorder window, frames: a frame arriving ahead of a missing one is held until the missing one arrives, the
    /// window is full, or <see cref="ReorderWaitS"/> passes; then the missing ones are declared lost. Default 16
    /// (160 ms at 100 Hz; BLE delivers in order, so reordering only comes from transports that retry or merge).
    /// </summary>
    public int ReorderWindowFrames { get; set; } = 16;

    /// <summary>Longest time a frame waits in the reorder window for a missing predecessor, s. Default 0.25 s.</summary>
    public double ReorderWaitS { get; set; } = 0.25;

    /// <summary>
    /// A frame more than this many sequence numbers behind the next expected one (and not a recent duplicate) means the
    /// band restarted its sequence (reboot). Default 1024.
    /// </summary>
    public int RestartDistanceFrames { get; set; } = 1024;

    /// <summary>Length of the blocks whose earliest arrival forms the lower envelope, band s. Default 1 s.</summary>
    public double EnvelopeBlockS { get; set; } = 1.0;

    /// <summary>Envelope blocks kept for the drift fit (the fit's memory). Default 300 (5 min).</summary>
    public int EnvelopeBlockCount { get; set; } = 300;

    /// <summary>
    /// Clock jump threshold, s: a frame that arrives this much before the mapped band time (impossible: it would arrive
    /// before it was sent), or whose band time runs backwards by this much, is a jump. Default 0.5 s.
    /// </summary>
    public double ClockJumpToleranceS { get; set; } = 0.5;

    /// <summary>
    /// A backward band clock jump shows as every frame arriving later than the envelope: this many seconds of frames all
    /// later than <see cref="ClockJumpToleranceS"/> confirm it (a radio stall ends sooner). Default 5 s.
    /// </summary>
    public double ClockJumpConfirmS { get; set; } = 5.0;

    /// <summary>Errors kept in <see cref="FrameIntake.RecentErrors"/>. Default 100.</summary>
    public int RecentErrorCapacity { get; set; } = 100;
}
