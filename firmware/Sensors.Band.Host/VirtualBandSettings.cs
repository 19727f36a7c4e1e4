using Sensors.Band.Calibration;
using Sensors.Band.Imu;
using Sensors.Band.Joint;
using Sensors.Band.Protocol;
using Sensors.Hardware.Imu;

namespace Sensors.Band.Host;

/// <summary>Configuration of a <see cref="VirtualBand"/>; defaults are the band's.</summary>
public sealed class VirtualBandSettings
{
    /// <summary>What is streamed: angle frames (default) or raw IMU frames (two per sample).</summary>
    public StreamMode Mode { get; set; } = StreamMode.Angles;

    /// <summary>Period of the status frames, s. Default 1 s (protocol: at least every 10 s).</summary>
    public double StatusIntervalS { get; set; } = 1.0;

    /// <summary>Part-to-part spread and noise of the two simulated MPU-6500s. Default the datasheet model; null = ideal parts.</summary>
    public ImuErrorSettings? ImuErrors { get; set; } = ImuErrorSettings.Mpu6500;

    /// <summary>Seed of the IMU parts and noise (thigh uses it, shank uses it + 1). Default 1.</summary>
    public int ImuSeed { get; set; } = 1;

    /// <summary>Driver settings for both IMUs (default ±500 °/s, ±4 g, 41 Hz, 100 Hz).</summary>
    public Mpu6500Settings Imu { get; set; } = new();

    /// <summary>Joint-angle estimator settings (its defaults).</summary>
    public JointAngleSettings Joint { get; set; } = new();

    /// <summary>Factory calibration of the thigh IMU (null = none; angle frames then report calibration source Identity).</summary>
    public ImuCalibration? ThighCalibration { get; set; }

    /// <summary>Factory calibration of the shank IMU.</summary>
    public ImuCalibration? ShankCalibration { get; set; }

    /// <summary>
    /// Give the estimator the knee axis in each pod frame for the nominal band placement (what the band knows from its
    /// assembly drawing), to resolve the axis signs. Default true.
    /// </summary>
    public bool UseAssemblyAxisHints { get; set; } = true;

    /// <summary>
    /// Band time at which the reference pose is captured (the therapist's one-off reference at the first fitting: the leg
    /// still, its knee angle measured with a goniometer — here the simulator's true angle, which need not be 0 for a citizen
    /// with an extension lag), s. Default 2 s; NaN = never.
    /// </summary>
    public double ReferencePoseAtS { get; set; } = 2.0;

    /// <summary>Battery voltage reported in status frames, mV. Default 3900.</summary>
    public ushort BatteryMv { get; set; } = 3900;

    /// <summary>Battery level reported in status frames, %. Default 80.</summary>
    public byte BatteryPercent { get; set; } = 80;
}
