namespace Sensors.Hardware.Fixtures;

/// <summary>The fixed seeds behind every file in calibration-data/ (changing one changes the files).</summary>
public static class FixtureSeeds
{
    /// <summary>Serial of the simulated band whose two IMUs the bench fixtures capture.</summary>
    public const string BandSerial = "SIM-0001";

    /// <summary>Seed of the thigh IMU part (its drawn error parameters).</summary>
    public const int ThighPart = 101;

    /// <summary>Seed of the shank IMU part.</summary>
    public const int ShankPart = 102;

    /// <summary>Seed of the measurement noise of the bench captures.</summary>
    public const int BenchNoise = 201;

    /// <summary>Seed of the simulated citizen, straps and session variability.</summary>
    public const int Citizen = 301;
}
