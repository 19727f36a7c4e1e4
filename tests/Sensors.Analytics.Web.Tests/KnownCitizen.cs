using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Demo;
using Sensors.Analytics.Web.Telemetry;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Tests;

/// <summary>A citizen with three sessions whose ROM is chosen here: the truth the charts and exports are checked against.</summary>
public static class KnownCitizen
{
    public static readonly double[] MaxFlexionDeg = [82.5, 95.0, 101.5];
    public static readonly double[] MaxExtensionDeg = [8.0, 4.5, -2.0];
    public const double TargetFlexionDeg = 105, TargetExtensionDeg = 0;

    /// <summary>Registers the citizen (relational) and stores the sessions through the telemetry store.</summary>
    public static async Task<Citizen> AddAsync(ClinicRepository repo, ITelemetrySink sink, string therapist, string pseudonym, string name)
    {
        Citizen c = Register(repo, therapist, pseudonym, name);
        await sink.WriteAsync(Messages(pseudonym));
        return c;
    }

    /// <summary>Registers the citizen in the clinic database only (telemetry to come through MQTT).</summary>
    public static Citizen Register(ClinicRepository repo, string therapist, string pseudonym, string name)
    {
        long team = repo.Teams()[0].Id;
        long id = repo.AddCitizen(pseudonym, name, "NID-" + pseudonym, team, "north", "gw-test");
        repo.Assign(repo.FindUser(therapist)!.Id, id);
        repo.SaveProgram(id, therapist, [new Sensors.Analytics.Web.Data.ProgramExercise("heel_slide", "medium", 10, 3, 4)]);
        return repo.Citizen(id)!;
    }

    /// <summary>The three sessions' uplink messages as the gateway publishes them.</summary>
    public static List<(TopicPath Topic, ContractMessage Message)> Messages(string pseudonym)
    {
        var batch = new List<(TopicPath, ContractMessage)>();
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-20), TimeSpan.Zero);
        for (int i = 0; i < MaxFlexionDeg.Length; i++)
            batch.AddRange(DemoTelemetry.Session("north", "gw-test", pseudonym, $"{pseudonym}-s{i}", start.AddDays(7 * i), "heel_slide", "medium",
                MaxFlexionDeg[i], MaxExtensionDeg[i], 6, i == 0 ? 1 : 0, TargetFlexionDeg, TargetExtensionDeg, seed: i));
        return batch;
    }
}
