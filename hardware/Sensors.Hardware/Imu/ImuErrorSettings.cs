namespace Sensors.Hardware.Imu;

/// <summary>
/// Settings of the IMU error model, with defaults for the TDK InvenSense MPU-6500
/// (product specification PS-MPU-6500A-01 rev 1.1, tables 1–3; "DS" below). Figures marked ASSUMPTION are not in
/// the datasheet or could not be checked against it here; see Imu/README.md.
/// </summary>
public sealed record ImuErrorSettings
{
    private const double DegToRad = System.Math.PI / 180.0;
    private const double MilliG = Physics.StandardGravity / 1000.0;

    /// <summary>Gyroscope (rad/s). Defaults:
    /// initial ZRO tolerance ±5 °/s (DS); ZRO variation over temperature ±30 °/s over −40…85 °C, i.e. ±0.24 °/s/°C (DS, from
    /// memory of the table, unverified); sensitivity tolerance ±3 % (DS); sensitivity variation over temperature ±4 % over
    /// −40…85 °C, i.e. ±0.064 %/°C (DS, unverified); cross-axis ±2 % (DS); nonlinearity ±0.1 % (DS, unverified);
    /// rate noise spectral density 0.01 °/s/√Hz (DS); bias instability 0.0012 °/s ≈ 4.3 °/h (ASSUMPTION: not in the DS;
    /// Allan-deviation floor measured on the register-compatible MPU-6050, robotics.stackexchange.com question 8860),
    /// correlation time 100 s (ASSUMPTION).</summary>
    public InertialSensorSettings Gyroscope { get; init; } = new()
    {
        BiasToleranceXY = 5 * DegToRad,
        BiasToleranceZ = 5 * DegToRad,
        BiasTempCoeffTolerancePerC = 0.24 * DegToRad,
        ScaleTolerance = 0.03,
        ScaleTempCoeffTolerancePerC = 0.04 / 62.5,
        CrossAxisTolerance = 0.02,
        NonlinearityTolerance = 0.001,
        NoiseDensity = 0.01 * DegToRad,
        BiasInstability = 0.0012 * DegToRad,
        BiasCorrelationTimeS = 100,
    };

    /// <summary>Accelerometer (m/s²). Defaults:
    /// zero-g initial tolerance ±60 mg x/y, ±80 mg z (DS); zero-g change vs temperature ±1.5 mg/°C (DS, unverified);
    /// initial sensitivity tolerance ±3 % (DS); sensitivity change vs temperature ±0.026 %/°C (DS, unverified);
    /// cross-axis ±2 % (DS); nonlinearity ±0.5 % (DS, unverified); noise power spectral density 300 µg/√Hz (DS);
    /// bias instability 0.1 mg (ASSUMPTION: typical Allan floor of consumer MEMS accelerometers), correlation time 100 s.</summary>
    public InertialSensorSettings Accelerometer { get; init; } = new()
    {
        BiasToleranceXY = 60 * MilliG,
        BiasToleranceZ = 80 * MilliG,
        BiasTempCoeffTolerancePerC = 1.5 * MilliG,
        ScaleTolerance = 0.03,
        ScaleTempCoeffTolerancePerC = 0.00026,
        CrossAxisTolerance = 0.02,
        NonlinearityTolerance = 0.005,
        NoiseDensity = 300e-6 * Physics.StandardGravity,
        BiasInstability = 0.1 * MilliG,
        BiasCorrelationTimeS = 100,
    };

    /// <summary>Temperature at which the initial tolerances apply, °C (DS: T_A = 25 °C).</summary>
    public double ReferenceTemperatureC { get; init; } = 25;

    /// <summary>Standard deviation of the host timestamp around the true sample instant, s
    /// (ASSUMPTION: 100 µs, I2C/task latency on the ESP32).</summary>
    public double TimestampJitterS { get; init; } = 100e-6;

    /// <summary>Output configuration used by <see cref="SimulatedImu"/>: ±500 °/s, ±4 g, 41 Hz DLPF, 100 Hz (the band's setting).</summary>
    public ImuOutputConfig Output { get; init; } = ImuOutputConfig.Band;

    /// <summary>The MPU-6500 datasheet defaults.</summary>
    public static ImuErrorSettings Mpu6500 { get; } = new();

    /// <summary>Temperature sensor sensitivity, LSB/°C (DS table 3).</summary>
    public const double TemperatureLsbPerC = 333.87;

    /// <summary>Temperature at which TEMP_OUT reads the room-temperature offset (0 LSB nominal), °C (DS table 3 / register map).</summary>
    public const double TemperatureOffsetC = 21.0;
}
