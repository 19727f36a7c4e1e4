using System;
using System.Collections.Generic;
using Sensors.Gateway.Core.Reps;
using Sensors.Hardware.Body;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;

namespace Sensors.Gateway.Core.Tests.Reps;

/// <summary>
/// One programme item (an exercise at a level, the prescribed sets × reps) done by a simulated citizen: the TRUE driving
/// joint angle from <see cref="SessionSimulator"/> plus a measurement error (white noise, constant offset, slow drift, all
/// a few tenths to a few degrees), a secondary angle (hip flexion for knee exercises, knee flexion for hip exercises)
/// and the simulator's ground-truth reps and events.
/// </summary>
internal sealed class SimulatedExercise
{
    private const double Deg = Math.PI / 180;

    public SimulatedExercise(int citizenSeed, string exerciseId, ExerciseLevel level, double noiseDeg = 0.3, double offsetDeg = 3, double driftDeg = 2, int sessionSeed = 1)
    {
        Citizen = CitizenProfile.Draw(citizenSeed);
        ExerciseId = exerciseId;
        Level = level;
        Definition = ExerciseCatalogue.Get(exerciseId);
        Prescription = Definition.Level(level);
        var sim = new SessionSimulator(Citizen, [ProgramItem.Prescribed(exerciseId, level)], 100, sessionSeed);
        Reps = sim.Reps;
        Events = sim.Events;
        int n = sim.SampleCount;
        Primary = new float[n];
        Secondary = new float[n];
        TrueAngle = new double[n];
        var random = new Random(citizenSeed * 7919 + sessionSeed);
        double offset = offsetDeg * Deg * (2 * random.NextDouble() - 1);
        double driftPhase = 2 * Math.PI * random.NextDouble();
        for (int k = 0; k < n; k++)
        {
            double t = k / 100.0;
            JointAngles j = sim.PoseAt(t).Joints;
            double primary = Definition.DrivingJoint switch
            {
                JointAngleKind.KneeFlexion => j.KneeFlexionRad,
                JointAngleKind.HipFlexion => j.HipFlexionRad,
                _ => j.HipAbductionRad,
            };
            double secondary = Definition.DrivingJoint == JointAngleKind.KneeFlexion ? j.HipFlexionRad : j.KneeFlexionRad;
            double error = offset + driftDeg * Deg * Math.Sin(2 * Math.PI * t / 600 + driftPhase) + noiseDeg * Deg * Gaussian(random);
            TrueAngle[k] = primary;
            Primary[k] = (float)(primary + error);
            Secondary[k] = (float)(secondary + noiseDeg * Deg * Gaussian(random));
        }
        Settings = RepDetectorSettings.FromTargets(Prescription.StartRad, Prescription.TargetRad, Prescription.HoldS, Prescription.UpS, 100,
            isometric: exerciseId == ExerciseCatalogue.QuadSet, kneeJoint: Definition.DrivingJoint == JointAngleKind.KneeFlexion);
    }

    public CitizenProfile Citizen { get; }

    public string ExerciseId { get; }

    public ExerciseLevel Level { get; }

    public ExerciseDefinition Definition { get; }

    public LevelPrescription Prescription { get; }

    public RepDetectorSettings Settings { get; }

    public float[] Primary { get; }

    public float[] Secondary { get; }

    public double[] TrueAngle { get; }

    public IReadOnlyList<GroundTruthRep> Reps { get; }

    public IReadOnlyList<SessionEvent> Events { get; }

    public override string ToString() => $"{ExerciseId}/{Level} citizen {Citizen.Archetype}";

    private static double Gaussian(Random r)
    {
        double u1 = 1 - r.NextDouble(), u2 = r.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
