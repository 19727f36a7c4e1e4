namespace Sensors.Gateway.Calibration;

/// <summary>When <see cref="MountingSupervisor"/> writes mounting rows; defaults documented per property.</summary>
public sealed class MountingSupervisorSettings
{
    /// <summary>An axis that moved more than this since the stored row is written as <see cref="MountingReason.Refined"/>, deg. Default 5°.</summary>
    public double RefineThresholdDeg { get; set; } = 5.0;

    /// <summary>Least time between two Refined rows, s. Default 60 s.</summary>
    public double MinRefineIntervalS { get; set; } = 60.0;

    /// <summary>Movement time after a detected slip before the re-fitted axes are stored, s. Default 20 s.</summary>
    public double SlipRefitDelayS { get; set; } = 20.0;
}
