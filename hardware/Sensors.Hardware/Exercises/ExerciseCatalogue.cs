using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Hardware.Body;
using Sensors.Hardware.Math;

namespace Sensors.Hardware.Exercises;

/// <summary>
/// The exercises of the knee-replacement (TKA) home programme, with stable ids (see Body/README.md):
/// heel_slide, long_arc_quad, short_arc_quad, straight_leg_raise, seated_knee_flexion, hip_abduction, sit_to_stand,
/// mini_squat, quad_set. Room frame: x forward (the way the citizen faces when upright, towards the feet when supine),
/// z up; the citizen's heading rotates it about z.
/// </summary>
public static class ExerciseCatalogue
{
    public const string HeelSlide = "heel_slide";
    public const string LongArcQuad = "long_arc_quad";
    public const string ShortArcQuad = "short_arc_quad";
    public const string StraightLegRaise = "straight_leg_raise";
    public const string SeatedKneeFlexion = "seated_knee_flexion";
    public const string HipAbduction = "hip_abduction";
    public const string SitToStand = "sit_to_stand";
    public const string MiniSquat = "mini_squat";
    public const string QuadSet = "quad_set";

    /// <summary>Pelvis-to-room orientation when lying on the back: cranial (+z) points along −x, anterior (+x) up.</summary>
    public static readonly Quat SupinePelvis = Rotations.RotY(-System.Math.PI / 2);

    private static readonly Lazy<IReadOnlyList<ExerciseDefinition>> AllLazy = new(Build);

    /// <summary>All exercises in programme order.</summary>
    public static IReadOnlyList<ExerciseDefinition> All => AllLazy.Value;

    /// <summary>The exercise with the given id.</summary>
    public static ExerciseDefinition Get(string id) =>
        TryGet(id, out ExerciseDefinition? e) ? e : throw new ArgumentException($"Unknown exercise id '{id}'.", nameof(id));

    public static bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ExerciseDefinition? exercise)
    {
        exercise = All.FirstOrDefault(e => e.Id == id);
        return exercise is not null;
    }

    private static double Deg(double deg) => deg * System.Math.PI / 180.0;

    /// <summary>Hip flexion that keeps the heel on the bed (ankle at hip height) for a knee flexion: tan η = L2 sin κ / (L1 + L2 cos κ).</summary>
    public static double HeelOnBedHipFlexionRad(BodyDimensions d, double kneeFlexionRad) =>
        System.Math.Atan2(d.ShankLengthM * System.Math.Sin(kneeFlexionRad), d.ThighLengthM + d.ShankLengthM * System.Math.Cos(kneeFlexionRad));

    private static Vec3 SupineHip(LegModel leg) => new(0, 0, leg.Dimensions.SupineHipHeightM);

    private static Vec3 SeatedHip(LegModel leg) => new(0, 0, leg.Dimensions.ShankLengthM + leg.Dimensions.AnkleHeightM);

    /// <summary>Ankle position on the floor for seated/standing closed-chain exercises (below the knee of the 90/90 sitting pose).</summary>
    private static Vec3 FloorAnkle(LegModel leg) => new(leg.Dimensions.ThighLengthM, 0, leg.Dimensions.AnkleHeightM);

    private static BodyPose Supine(LegModel leg, JointAngles j) => new(SupinePelvis, SupineHip(leg), j);

    private static BodyPose FootOnFloor(LegModel leg, Quat pelvis, JointAngles j) =>
        new(pelvis, leg.HipPositionForAnkle(pelvis, j, FloorAnkle(leg)), j);

    private static List<ExerciseDefinition> Build()
    {
        static LevelPrescription L(double s, double t, double hold, double up, double down, double gap, int reps, int sets, double rest) =>
            LevelPrescription.FromDegrees(s, t, hold, up, down, gap, reps, sets, rest);

        return
        [
            new ExerciseDefinition(HeelSlide, "Heel slide", Posture.Supine, JointAngleKind.KneeFlexion,
                "Supine; the heel slides on the bed: hip flexion follows the knee so that the ankle stays at hip height.",
                L(5, 40, 2, 3, 3, 1.5, 8, 2, 45), L(5, 70, 3, 3.5, 3.5, 1.5, 10, 2, 45), L(0, 95, 5, 4, 4, 1.5, 12, 3, 40),
                (d, c) => Supine(c.Leg, new JointAngles(d, HeelOnBedHipFlexionRad(c.Leg.Dimensions, d), 0, 0))),

            new ExerciseDefinition(LongArcQuad, "Long-arc quad (seated knee extension)", Posture.Seated, JointAngleKind.KneeFlexion,
                "Seated, pelvis upright, hip flexion 90°; the knee extends from 90° towards the target.",
                L(90, 45, 2, 2.5, 2.5, 1, 8, 2, 45), L(90, 20, 3, 3, 3, 1, 10, 2, 45), L(90, 0, 5, 3, 3, 1, 12, 3, 40),
                (d, c) => new BodyPose(Quat.Identity, SeatedHip(c.Leg), new JointAngles(d, Deg(90), 0, 0))),

            new ExerciseDefinition(ShortArcQuad, "Short-arc quad", Posture.Supine, JointAngleKind.KneeFlexion,
                "Supine, knee over a bolster; the thigh rests on the bolster (hip flexion fixed at the heel-on-bed value of the start angle) and the heel lifts as the knee extends.",
                L(30, 15, 2, 2, 2, 1, 8, 2, 45), L(30, 5, 3, 2, 2, 1, 10, 2, 45), L(30, 0, 5, 2.5, 2.5, 1, 12, 3, 40),
                (d, c) => Supine(c.Leg, new JointAngles(d, HeelOnBedHipFlexionRad(c.Leg.Dimensions, c.StartRad), 0, 0))),

            new ExerciseDefinition(StraightLegRaise, "Straight-leg raise", Posture.Supine, JointAngleKind.HipFlexion,
                "Supine; the hip flexes with the knee held straight (the citizen's resting extension); an active extension lag bends the knee in proportion to the lift.",
                L(0, 20, 2, 2.5, 2.5, 1.5, 8, 2, 45), L(0, 35, 3, 3, 3, 1.5, 10, 2, 45), L(0, 45, 5, 3, 3, 1.5, 12, 3, 40),
                (d, c) => Supine(c.Leg, new JointAngles(c.KneeRestRad + c.ActiveLagRad * c.Progress(d), d, 0, 0))),

            new ExerciseDefinition(SeatedKneeFlexion, "Seated knee flexion", Posture.Seated, JointAngleKind.KneeFlexion,
                "Seated, pelvis upright, hip flexion 90°; the foot slides back under the chair, knee flexion past 90°.",
                L(90, 100, 2, 2, 2, 1, 8, 2, 45), L(90, 110, 3, 2.5, 2.5, 1, 10, 2, 45), L(90, 120, 5, 3, 3, 1, 12, 3, 40),
                (d, c) => new BodyPose(Quat.Identity, SeatedHip(c.Leg), new JointAngles(d, Deg(90), 0, 0))),

            new ExerciseDefinition(HipAbduction, "Hip abduction (supine)", Posture.Supine, JointAngleKind.HipAbduction,
                "Supine; the straight leg slides out to the side (hip abduction), knee at the citizen's resting extension, hip flexion 0.",
                L(0, 10, 2, 2.5, 2.5, 1.5, 8, 2, 45), L(0, 20, 3, 3, 3, 1.5, 10, 2, 45), L(0, 30, 4, 3, 3, 1.5, 12, 3, 40),
                (d, c) => Supine(c.Leg, new JointAngles(c.KneeRestRad, 0, d, 0))),

            new ExerciseDefinition(SitToStand, "Sit to stand", Posture.SitToStand, JointAngleKind.KneeFlexion,
                "Foot fixed on the floor; the knee extends from the seat angle (easy: high seat) to standing. With progress u: pelvis tilts forward 25°·sin(πu) (trunk lean), shank leans forward 8°·sin(πu), hip flexion = knee − shank lean + pelvis tilt.",
                L(80, 10, 1, 2.5, 3, 2, 5, 2, 60), L(90, 7, 2, 2.5, 3, 2, 8, 2, 60), L(100, 5, 3, 2.5, 3, 2, 10, 3, 60),
                (d, c) =>
                {
                    double bump = System.Math.Sin(System.Math.PI * c.Progress(d));
                    double tilt = Deg(25) * bump, shankLean = Deg(8) * bump;
                    double hip = d - shankLean + tilt;
                    return FootOnFloor(c.Leg, Rotations.RotY(tilt), new JointAngles(d, hip, 0, 0));
                }),

            new ExerciseDefinition(MiniSquat, "Mini squat", Posture.Standing, JointAngleKind.KneeFlexion,
                "Standing, foot fixed on the floor; hip flexion 0.6 × knee, pelvis tilts forward 0.1 × knee (so the thigh pitches 0.5 × knee and the shank leans forward 0.5 × knee).",
                L(3, 20, 1, 2, 2, 1, 8, 2, 45), L(3, 35, 2, 2.5, 2.5, 1, 10, 2, 45), L(3, 50, 3, 3, 3, 1, 12, 3, 40),
                (d, c) => FootOnFloor(c.Leg, Rotations.RotY(0.1 * d), new JointAngles(d, 0.6 * d, 0, 0))),

            new ExerciseDefinition(QuadSet, "Quad set (isometric)", Posture.Supine, JointAngleKind.KneeFlexion,
                "Supine, towel roll under the knee, heel on the bed; the quadriceps press the knee down a few degrees and hold.",
                L(5, 2, 4, 1, 1, 2, 8, 2, 30), L(6, 1, 6, 1, 1, 2, 10, 2, 30), L(8, 0, 10, 1, 1, 2, 10, 3, 30),
                (d, c) => Supine(c.Leg, new JointAngles(d, HeelOnBedHipFlexionRad(c.Leg.Dimensions, d), 0, 0))),
        ];
    }
}
