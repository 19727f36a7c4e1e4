using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.Imu;
using Sensors.Hardware.People;
using Sensors.Recording;

namespace Sensors.Hardware.Fixtures;

/// <summary>
/// Writes simulated two-band knee sessions for replay: the band's two IMUs in the hinge layout (imu1 = thigh, imu2 = shank)
/// with the model's ground truth beside them, and the ground-truth reps and events in the sidecar.
/// </summary>
public static class SessionFixtureFiles
{
    public static readonly string[] Columns =
    [
        "t_s",
        "imu1_acc_x", "imu1_acc_y", "imu1_acc_z", "imu1_gyr_x", "imu1_gyr_y", "imu1_gyr_z",
        "imu2_acc_x", "imu2_acc_y", "imu2_acc_z", "imu2_gyr_x", "imu2_gyr_y", "imu2_gyr_z",
        "true_knee_flexion_rad", "true_hip_flexion_rad", "true_hip_abduction_rad", "set", "rep", "exercise", "level",
    ];

    public static IEnumerable<string> WriteAll(string root)
    {
        foreach (ExerciseLevel level in new[] { ExerciseLevel.Easy, ExerciseLevel.Medium, ExerciseLevel.Hard })
        {
            string name = $"sim-citizen-{FixtureSeeds.Citizen}_tka_{level.ToString().ToLowerInvariant()}.csv.gz";
            yield return Write(Path.Combine(root, "sessions", name), level, FixtureSeeds.Citizen);
        }
    }

    public static string Write(string path, ExerciseLevel level, int seed)
    {
        CitizenProfile citizen = CitizenProfile.Draw(seed, CitizenArchetype.LatePostOp);
        var program = TkaPrograms.Full(level);
        var session = new SessionSimulator(citizen, program, 100.0, seed + (int)level);
        var (thighPart, shankPart) = BenchFixtureFiles.BandParts();
        var thigh = new SimulatedImu(thighPart, seed * 10 + 1);
        var shank = new SimulatedImu(shankPart, seed * 10 + 2);

        RecordingMetadata meta = BenchFixtureFiles.Metadata(
            $"Simulated knee-replacement session, full program at level {level.ToString().ToLowerInvariant()}: one citizen (late post-op), right knee, two bands with misaligned straps and one strap slip.",
            "thigh+shank", "session");
        meta.Placement["imu1"] = "thigh, lateral mid-thigh";
        meta.Placement["imu2"] = "shank, anterior-lateral below the knee";
        meta.TextColumns.Add("exercise");
        meta.TextColumns.Add("level");
        meta.SetExtra("citizen_seed", seed);
        meta.SetExtra("citizen", new
        {
            archetype = citizen.Archetype.ToString(),
            side = citizen.Side.ToString(),
            knee_extension_limit_rad = citizen.KneeExtensionLimitRad,
            max_knee_flexion_rad = citizen.MaxKneeFlexionRad,
        });
        meta.SetExtra("program", program.Select(p => new { exercise = p.ExerciseId, level = p.Level.ToString().ToLowerInvariant(), sets = p.Sets, reps = p.Reps }).ToArray());
        meta.SetExtra("reps", session.Reps.Select(r => new
        {
            exercise = r.ExerciseId, set = r.SetIndex, rep = r.RepIndex, start_s = r.StartS, end_s = r.EndS,
            hold_start_s = r.HoldStartS, hold_end_s = r.HoldEndS, peak_rad = r.PeakRad, min_rad = r.MinRad,
            complete = r.Complete, partial = r.Partial, driving_joint = r.DrivingJoint.ToString(),
        }).ToArray());
        meta.SetExtra("events", session.Events.Select(e => new
        {
            kind = e.Kind.ToString(), start_s = e.StartS, end_s = e.EndS, program_index = e.ProgramIndex, set = e.SetIndex,
            slip_site = e.Slip?.Site.ToString(), slip_angle_rad = e.Slip?.AngleRad,
        }).ToArray());
        meta.ExpectedResults["reps_complete"] = session.Reps.Count(r => r.Complete);
        meta.ExpectedResults["reps_incomplete"] = session.Reps.Count(r => !r.Complete);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using RecordingWriter writer = RecordingWriter.Create(path, Columns, meta);
        var values = new double[Columns.Length];
        var texts = new string?[2];
        foreach (SessionSample s in session.Samples())
        {
            ImuSample a = thigh.Process(s.Thigh);
            ImuSample b = shank.Process(s.Shank);
            values[0] = BenchFixtureFiles.Round(s.TimeS, 6);
            Put(values, 1, a);
            Put(values, 7, b);
            values[13] = BenchFixtureFiles.Round(s.KneeFlexionRad, 6);
            values[14] = BenchFixtureFiles.Round(s.HipFlexionRad, 6);
            values[15] = BenchFixtureFiles.Round(s.HipAbductionRad, 6);
            values[16] = s.SetIndex < 0 ? double.NaN : s.SetIndex;
            values[17] = s.RepIndex < 0 ? double.NaN : s.RepIndex;
            values[18] = values[19] = double.NaN;
            texts[0] = s.ExerciseId;
            texts[1] = s.Level.ToString().ToLowerInvariant();
            writer.WriteRow(values, texts);
        }
        writer.Complete();
        return path;
    }

    private static void Put(double[] v, int at, ImuSample s)
    {
        v[at] = BenchFixtureFiles.Round(s.AccelerationMPerS2.X, 5);
        v[at + 1] = BenchFixtureFiles.Round(s.AccelerationMPerS2.Y, 5);
        v[at + 2] = BenchFixtureFiles.Round(s.AccelerationMPerS2.Z, 5);
        v[at + 3] = BenchFixtureFiles.Round(s.AngularVelocityRadPerS.X, 6);
        v[at + 4] = BenchFixtureFiles.Round(s.AngularVelocityRadPerS.Y, 6);
        v[at + 5] = BenchFixtureFiles.Round(s.AngularVelocityRadPerS.Z, 6);
    }
}
