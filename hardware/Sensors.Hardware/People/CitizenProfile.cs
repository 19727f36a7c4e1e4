using System;
using Sensors.Hardware.Body;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.People;

/// <summary>Kinds of citizen the generator draws.</summary>
public enum CitizenArchetype
{
    /// <summary>Weeks 1–3 after knee replacement: extension lag 3–12°, flexion 85–105°, slow and uneven, many partial reps.</summary>
    EarlyPostOp,

    /// <summary>Weeks 6–12: lag 0–4°, flexion 105–125°, steadier.</summary>
    LatePostOp,

    /// <summary>A healthy knee (e.g. the other leg, or a tester): true hyperextension to −3…−5°, flexion 130–145°.</summary>
    Healthy,
}

/// <summary>
/// A simulated citizen: body, range of motion, motor behaviour and how the bands sit on this leg today. Drawn from a seed
/// with <see cref="Draw(int)"/>; <see cref="Ideal"/> is a perfectly regular citizen with rigid, aligned bands.
/// Angles rad, times s. All properties are init-only so a test can derive variants with <c>with</c>.
/// </summary>
public sealed record CitizenProfile
{
    public CitizenArchetype Archetype { get; init; } = CitizenArchetype.LatePostOp;

    public BodySide Side { get; init; } = BodySide.Right;

    public BodyDimensions Dimensions { get; init; } = BodyDimensions.Default;

    /// <summary>Heading of the citizen in the earth frame (rotation of the room frame about earth z), rad.</summary>
    public double HeadingRad { get; init; }

    /// <summary>Smallest knee flexion reachable: + extension lag (cannot reach 0), − true hyperextension.</summary>
    public double KneeExtensionLimitRad { get; init; }

    /// <summary>Largest knee flexion reachable, rad.</summary>
    public double MaxKneeFlexionRad { get; init; } = 130 * System.Math.PI / 180;

    /// <summary>Largest hip flexion reachable, rad.</summary>
    public double MaxHipFlexionRad { get; init; } = 100 * System.Math.PI / 180;

    /// <summary>Largest hip abduction reachable, rad.</summary>
    public double MaxHipAbductionRad { get; init; } = 40 * System.Math.PI / 180;

    /// <summary>Active extension lag: extra knee flexion at the top of a straight-leg raise, rad.</summary>
    public double ActiveLagRad { get; init; }

    /// <summary>Tempo factor (1 = the level's tempo, 1.5 = 50 % slower).</summary>
    public double TempoFactor { get; init; } = 1;

    /// <summary>Relative standard deviation of each rep's durations (uneven tempo).</summary>
    public double TempoJitter { get; init; }

    /// <summary>Rep-to-rep amplitude variation: complete reps overshoot the target by up to this fraction of the ROM.</summary>
    public double AmplitudeVariation { get; init; }

    /// <summary>Probability that a rep is partial (reaches only 30–70 % of the prescribed ROM).</summary>
    public double PartialRepChance { get; init; }

    /// <summary>Probability of a pause (3–8 s) between two reps of a set.</summary>
    public double PauseChance { get; init; }

    /// <summary>Probability of a fidget window in a rest between sets or exercises.</summary>
    public double FidgetChance { get; init; }

    /// <summary>Bound of the knee's fidget motion, rad (hip flexion 0.5×, abduction 0.3×, rotation 0.5× of it).</summary>
    public double FidgetAmplitudeRad { get; init; }

    /// <summary>Tremor frequency, Hz (6–10 Hz).</summary>
    public double TremorFrequencyHz { get; init; } = 8;

    /// <summary>Tremor amplitude on the driving joint during a set, rad (0.1–0.5°).</summary>
    public double TremorAmplitudeRad { get; init; }

    /// <summary>Soft-tissue wobble bound per segment axis, rad (1–3°).</summary>
    public double SoftTissueRotationRad { get; init; }

    /// <summary>Soft-tissue displacement bound per segment axis, m (a few mm).</summary>
    public double SoftTissueTranslationM { get; init; }

    /// <summary>Thigh strap misalignment (rotation about the thigh axes applied to the nominal mounting).</summary>
    public Quat ThighMisalignment { get; init; } = Quat.Identity;

    /// <summary>Shank strap misalignment (rotation about the shank axes applied to the nominal mounting).</summary>
    public Quat ShankMisalignment { get; init; } = Quat.Identity;

    /// <summary>A strap slip during the session, or null.</summary>
    public StrapSlipPlan? Slip { get; init; }

    /// <summary>Room temperature (band at switch-on), °C.</summary>
    public double RoomTemperatureC { get; init; } = 22;

    /// <summary>Temperature the band settles at on the skin, °C.</summary>
    public double SkinTemperatureC { get; init; } = 31;

    /// <summary>Knee angle the citizen rests at when asked to keep the knee straight: max(extension limit, 0).</summary>
    public double KneeRestRad => System.Math.Max(KneeExtensionLimitRad, 0);

    /// <summary>The misalignment of one band.</summary>
    public Quat Misalignment(BandSite site) => site == BandSite.Thigh ? ThighMisalignment : ShankMisalignment;

    /// <summary>A perfectly regular citizen (full ROM 0…130°, no tremor/soft tissue/misalignment/slip/variability).</summary>
    public static CitizenProfile Ideal { get; } = new();

    /// <summary>Draws a citizen of a random archetype (45 % early, 35 % late, 20 % healthy).</summary>
    public static CitizenProfile Draw(int seed)
    {
        var r = new Random(seed);
        double u = r.NextDouble();
        CitizenArchetype a = u < 0.45 ? CitizenArchetype.EarlyPostOp : u < 0.80 ? CitizenArchetype.LatePostOp : CitizenArchetype.Healthy;
        return Draw(r, a);
    }

    /// <summary>Draws a citizen of the given archetype.</summary>
    public static CitizenProfile Draw(int seed, CitizenArchetype archetype) => Draw(new Random(seed), archetype);

    private static CitizenProfile Draw(Random r, CitizenArchetype archetype)
    {
        double U(double lo, double hi) => lo + (hi - lo) * r.NextDouble();
        static double Deg(double d) => d * System.Math.PI / 180;

        var p = new CitizenProfile
        {
            Archetype = archetype,
            HeadingRad = U(-System.Math.PI, System.Math.PI),
            Dimensions = new BodyDimensions
            {
                ThighLengthM = U(0.40, 0.50),
                ShankLengthM = U(0.38, 0.47),
                ThighRadiusM = U(0.06, 0.10),
                ShankRadiusM = U(0.04, 0.06),
                ShankBandBelowKneeM = U(0.06, 0.11),
                ThighBandFraction = U(0.4, 0.6),
            },
            SoftTissueRotationRad = Deg(U(1, 3)),
            SoftTissueTranslationM = U(0.002, 0.005),
            TremorFrequencyHz = U(6, 10),
            ThighMisalignment = DrawMisalignment(r, Deg(20)),
            ShankMisalignment = DrawMisalignment(r, Deg(20)),
            RoomTemperatureC = U(19, 25),
            SkinTemperatureC = U(29, 33),
        };

        p = archetype switch
        {
            CitizenArchetype.EarlyPostOp => p with
            {
                KneeExtensionLimitRad = Deg(U(3, 12)), MaxKneeFlexionRad = Deg(U(85, 105)), MaxHipFlexionRad = Deg(U(60, 90)),
                MaxHipAbductionRad = Deg(U(20, 35)), ActiveLagRad = Deg(U(3, 10)), TempoFactor = U(1.1, 1.7), TempoJitter = U(0.1, 0.25),
                AmplitudeVariation = U(0.05, 0.15), PartialRepChance = U(0.1, 0.3), PauseChance = U(0.05, 0.15),
                FidgetChance = U(0.4, 0.9), FidgetAmplitudeRad = Deg(U(3, 8)), TremorAmplitudeRad = Deg(U(0.15, 0.5)),
            },
            CitizenArchetype.LatePostOp => p with
            {
                KneeExtensionLimitRad = Deg(U(0, 4)), MaxKneeFlexionRad = Deg(U(105, 125)), MaxHipFlexionRad = Deg(U(80, 100)),
                MaxHipAbductionRad = Deg(U(30, 40)), ActiveLagRad = Deg(U(0, 3)), TempoFactor = U(1.0, 1.3), TempoJitter = U(0.05, 0.15),
                AmplitudeVariation = U(0.03, 0.10), PartialRepChance = U(0.03, 0.12), PauseChance = U(0.02, 0.08),
                FidgetChance = U(0.2, 0.6), FidgetAmplitudeRad = Deg(U(2, 6)), TremorAmplitudeRad = Deg(U(0.1, 0.3)),
            },
            _ => p with
            {
                KneeExtensionLimitRad = -Deg(U(3, 5)), MaxKneeFlexionRad = Deg(U(130, 145)), MaxHipFlexionRad = Deg(U(90, 110)),
                MaxHipAbductionRad = Deg(U(35, 45)), ActiveLagRad = 0, TempoFactor = U(0.9, 1.1), TempoJitter = U(0.03, 0.08),
                AmplitudeVariation = U(0.02, 0.08), PartialRepChance = U(0, 0.05), PauseChance = 0.02,
                FidgetChance = U(0.1, 0.4), FidgetAmplitudeRad = Deg(U(2, 5)), TremorAmplitudeRad = Deg(U(0.1, 0.2)),
            },
        };

        if (r.NextDouble() < 0.3) p = p with { Slip = StrapSlipPlan.Draw(r) };
        return p;
    }

    /// <summary>A strap misalignment: rotations about the segment x, y, z axes, each uniform in ±<paramref name="maxRad"/>.</summary>
    public static Quat DrawMisalignment(Random random, double maxRad)
    {
        ArgumentNullException.ThrowIfNull(random);
        double a = (2 * random.NextDouble() - 1) * maxRad, b = (2 * random.NextDouble() - 1) * maxRad, c = (2 * random.NextDouble() - 1) * maxRad;
        return (Rotations.RotX(a) * Rotations.RotY(b) * Rotations.RotZ(c)).Normalized();
    }
}

/// <summary>
/// A planned strap slip: which band, when (as a fraction 0…1 of the session duration, turned into a time by the session),
/// the mounting rotation (rotation vector in segment axes, rad), the shift (segment axes, m) and how long it takes (s).
/// </summary>
public sealed record StrapSlipPlan(BandSite Site, double SessionFraction, Vec3 RotationRad, Vec3 ShiftM, double DurationS = 0.3)
{
    /// <summary>Draws a slip of 3–15° about a random axis with a 5–20 mm slide down the segment.</summary>
    public static StrapSlipPlan Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        BandSite site = random.NextDouble() < 0.5 ? BandSite.Thigh : BandSite.Shank;
        double angle = (3 + 12 * random.NextDouble()) * System.Math.PI / 180;
        var axis = new Vec3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        if (axis.Length < 1e-3) axis = Vec3.UnitZ;
        var shift = new Vec3(0, 0, -(0.005 + 0.015 * random.NextDouble()));
        return new StrapSlipPlan(site, 0.2 + 0.6 * random.NextDouble(), axis.Normalized() * angle, shift);
    }
}
