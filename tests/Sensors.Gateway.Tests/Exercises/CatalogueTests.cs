using System;
using System.IO;
using System.Linq;
using System.Text;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Programs;
using Xunit;
using Hw = Sensors.Hardware.Exercises;

namespace Sensors.Gateway.Tests.Exercises;

public class CatalogueTests
{
    [Fact]
    public void Ids_and_every_level_agree_with_the_hardware_motion_model()
    {
        ExerciseCatalogue c = ExerciseCatalogue.Default;
        Assert.Equal(1, c.SchemaVersion);
        Assert.Equal(Hw.ExerciseCatalogue.All.Select(e => e.Id), c.Exercises.Select(e => e.Id));
        foreach (Hw.ExerciseDefinition hw in Hw.ExerciseCatalogue.All)
        {
            Exercise e = c.Get(hw.Id);
            Assert.Equal(hw.DrivingJoint.ToString(), e.PrimaryAngle.ToString());
            foreach (ExerciseLevel level in new[] { ExerciseLevel.Easy, ExerciseLevel.Medium, ExerciseLevel.Hard })
            {
                Hw.LevelPrescription h = hw.Level((Hw.ExerciseLevel)(int)level);
                LevelPrescription p = e.Level(level);
                Assert.Equal(h.StartRad, p.StartRad, 9);
                Assert.Equal(h.TargetRad, p.TargetRad, 9);
                Assert.Equal(h.HoldS, p.HoldS);
                Assert.Equal(h.UpS, p.UpS);
                Assert.Equal(h.DownS, p.DownS);
                Assert.Equal(h.Reps, p.Reps);
                Assert.Equal(h.Sets, p.Sets);
                Assert.Equal(h.RestBetweenSetsS, p.RestBetweenSetsS);
                Assert.Equal(h.Direction, p.Sign);
            }
        }
    }

    private static CatalogueFormatException Bad(string json) =>
        Assert.Throws<CatalogueFormatException>(() => ExerciseCatalogue.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "site.json"));

    [Fact]
    public void Bad_catalogue_files_are_refused_naming_source_and_path()
    {
        Assert.Contains("schema_version is 2", Bad("""{"schema_version":2,"exercises":[]}""").Message, StringComparison.Ordinal);
        Assert.Contains("site.json: not valid JSON", Bad("{").Message, StringComparison.Ordinal);
        string text = File.ReadAllText(Path.Combine(Sensors.Tests.Shared.TestPaths.RepoRoot, "gateway/Sensors.Gateway.Exercises/Catalogue/exercises.v1.json"));
        var ex = Bad(text.Replace("\"target_deg\": 40", "\"target_deg\": \"40\"", StringComparison.Ordinal));
        Assert.Contains("$.exercises[0].levels.easy.target_deg must be a number", ex.Message, StringComparison.Ordinal);
        ex = Bad(text.Replace("\"target_deg\": 40", "\"target_deg\": 400", StringComparison.Ordinal));
        Assert.Contains("outside", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rep_settings_start_where_the_citizen_can_start()
    {
        Exercise laq = ExerciseCatalogue.Default.Get("long_arc_quad");
        var stiff = new CitizenBaseline { MaxKneeFlexionRad = 85 * Math.PI / 180 };
        var s = ExerciseRepSettings.For(laq, ExerciseLevel.Easy, stiff);
        Assert.Equal(40 * Math.PI / 180, s.TargetExcursionRad, 6); // 85° → 45°
        Assert.Equal(Sensors.Gateway.Core.Reps.RepDirection.Extending, s.Direction);
    }

    [Fact]
    public void Program_round_trips_and_refuses_unknown_exercises()
    {
        var p = new CitizenProgram("c-7f3a", 3, [ProgramEntry.Prescribed(ExerciseCatalogue.Default.Get("heel_slide"), ExerciseLevel.Easy)]);
        CitizenProgram back = CitizenProgram.FromJson(p.ToJson());
        Assert.Equal(p.CitizenId, back.CitizenId);
        Assert.Equal(p.Items, back.Items);
        Assert.Contains("\"sessions_per_week\":7", p.ToJson(), StringComparison.Ordinal);
        var ex = Assert.Throws<CatalogueFormatException>(() => CitizenProgram.FromJson(p.ToJson().Replace("heel_slide", "heel_slid", StringComparison.Ordinal), "downlink"));
        Assert.Contains("items[0].exercise 'heel_slid'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, p.WithLevel("heel_slide", ExerciseLevel.Medium).Version);
    }

    private static ExerciseSessionResult S(int day, int complete, bool hyper = false) =>
        new("heel_slide", ExerciseLevel.Medium, new DateTimeOffset(2025, 1, day, 10, 0, 0, TimeSpan.Zero), 20, complete, hyper, false);

    [Fact]
    public void Progression_proposes_next_previous_or_stay()
    {
        var rule = new ProgressionRule();
        Assert.Equal(ExerciseLevel.Hard, rule.Propose("heel_slide", ExerciseLevel.Medium, [S(1, 16), S(2, 18), S(3, 20)]).ProposedLevel);
        Assert.Equal(ExerciseLevel.Medium, rule.Propose("heel_slide", ExerciseLevel.Medium, [S(1, 16), S(2, 15), S(3, 20)]).ProposedLevel); // one under 80 %
        Assert.Equal(ExerciseLevel.Medium, rule.Propose("heel_slide", ExerciseLevel.Medium, [S(1, 20), S(2, 20), S(3, 20, hyper: true)]).ProposedLevel);
        Assert.Equal(ExerciseLevel.Easy, rule.Propose("heel_slide", ExerciseLevel.Medium, [S(1, 9), S(2, 20), S(3, 5)]).ProposedLevel);
        Assert.Equal(ExerciseLevel.Medium, rule.Propose("heel_slide", ExerciseLevel.Medium, [S(1, 20), S(2, 20)]).ProposedLevel); // too few
    }
}
