using System.Collections.Generic;
using Sensors.Hardware.Exercises;
using Sensors.Hardware.People;
using Xunit;

namespace Sensors.Firmware.Tests.Joint;

/// <summary>
/// Regression (gateway accuracy study, citizen 2002 mini squat hard 216 → 181 reps): with a stored mounting, the one-in-2
/// first-fit window fill also ran after the loaded axes, so the first refinement saw only half a mini-squat descent (thigh
/// and shank turning about the same room axis), drifted the good axes and flipped their relative sign: the angle stuck at
/// 67–70° while the true knee moved 3.5–52°. Study wiring: raw parts, session seed citizen·100 + 3·7 (mini squat) + 2 (hard);
/// no reference pose here, so a few degrees of zero offset remain (RMSE 6.5° when following, 28° when stuck).
/// </summary>
public class StoredMountingSquatTests
{
    [Fact]
    public void Late_post_op_mini_squats_with_the_stored_mounting_follow_the_knee()
    {
        const int seed = 2002;
        CitizenProfile citizen = CitizenProfile.Draw(seed, CitizenArchetype.LatePostOp);
        IReadOnlyList<ProgramItem> fitting = [new(ExerciseCatalogue.HeelSlide, ExerciseLevel.Easy, 1, 6)];
        KneeSessionResult fit = SimulatedKneeSession.Run(citizen with { Slip = null }, fitting, seed, seed + 500_000, null, factoryCalibrated: false);
        Assert.True(fit.Record.HasAxes, "fitting: " + fit);

        IReadOnlyList<ProgramItem> squats = [new(ExerciseCatalogue.MiniSquat, ExerciseLevel.Hard, 1, 8)];
        KneeSessionResult home = SimulatedKneeSession.Run(citizen with { Slip = null }, squats, seed, seed * 100 + 3 * 7 + 2, fit.Record, factoryCalibrated: false);
        Assert.True(home.ScoredSamples > 0, home.ToString());
        Assert.True(home.RmseDeg <= 10.0, "mini squat hard with the stored record: " + home);
        Assert.True(home.MaxAbsErrorDeg <= 20.0, "mini squat hard with the stored record: " + home);
    }
}
