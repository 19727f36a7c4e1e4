using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Security;
using Sensors.Analytics.Web.Telemetry;
using Sensors.Contracts;
using ProgramExercise = Sensors.Analytics.Web.Data.ProgramExercise;

namespace Sensors.Analytics.Web.Demo;

/// <summary>
/// The embedded demo clinic: two teams, an admin, two therapists, a technician, eight citizens (fictitious names)
/// with programs, courses (completed, dropout with reasons, running), notes, six weeks of sessions with ROM
/// improving towards the targets, and band status. Refuses to seed a database that already has users.
/// </summary>
public static class DemoSeed
{
    /// <summary>Password of every demo user (demo only; never in Production).</summary>
    public const string DemoPassword = "demo-Password-1";

    public sealed record Result(int Users, int Citizens, int Sessions);

    public static Result Run(IServiceProvider services, DateTime nowUtc, int passwordIterations = PasswordHashing.DefaultIterations)
    {
        ClinicRepository repo = services.GetRequiredService<ClinicRepository>();
        ITelemetrySink sink = services.GetRequiredService<ITelemetrySink>();
        if (repo.Users().Count > 0) throw new InvalidOperationException("The clinic database already has users; the demo seed only fills an empty database.");
        string hash = PasswordHashing.Hash(DemoPassword, passwordIterations);
        long north = repo.AddTeam("Team North");
        long south = repo.AddTeam("Team South");
        repo.AddUser("admin", "Alex Admin", Roles.Admin, null, hash);
        long anna = repo.AddUser("anna", "Anna Therapist", Roles.Therapist, north, hash);
        long bo = repo.AddUser("bo", "Bo Therapist", Roles.Therapist, south, hash);
        repo.AddUser("tom", "Tom Technician", Roles.Technician, null, hash);

        (string Name, string Cpr, long Team, long Therapist, string Outcome, string? Reason)[] people =
        [
            ("Karen Jensen", "010150-1234", north, anna, "running", null),
            ("Ole Nielsen", "020251-2345", north, anna, "completed", null),
            ("Grete Hansen", "030352-3456", north, anna, "dropout", "pain"),
            ("Poul Larsen", "040453-4567", north, anna, "completed", null),
            ("Inge Pedersen", "050554-5678", south, bo, "running", null),
            ("Erik Madsen", "060655-6789", south, bo, "dropout", "moved to other municipality"),
            ("Lis Kristensen", "070756-7890", south, bo, "completed", null),
            ("Hans Olsen", "080857-8901", south, bo, "running", null),
        ];
        int sessions = 0;
        var batch = new List<(TopicPath, ContractMessage)>();
        for (int i = 0; i < people.Length; i++)
        {
            var p = people[i];
            string pseudonym = $"c-{(0x5A17 + i * 7919):x4}";
            string site = p.Team == north ? "north" : "south";
            string gateway = $"gw-{i + 1:00}";
            long id = repo.AddCitizen(pseudonym, p.Name, p.Cpr, p.Team, site, gateway);
            repo.Assign(p.Therapist, id);
            ProgramVersion program = repo.SaveProgram(id, p.Therapist == anna ? "anna" : "bo",
                [new ProgramExercise("heel_slide", "easy", 10, 3, 5), new ProgramExercise("knee_extension_seated", "easy", 10, 2, 5)]);
            repo.MarkPublished(program.Id, nowUtc.AddDays(-43));
            DateTime start = nowUtc.Date.AddDays(-42);
            long course = repo.StartCourse(id, start);
            int days = p.Outcome == "dropout" ? 17 : 42;
            if (p.Outcome != "running") repo.EndCourse(course, start.AddDays(days), p.Outcome == "completed", p.Reason);
            repo.AddNote(id, p.Therapist == anna ? "anna" : "bo", "Start of course: program explained, band fitted.", 30, start);
            repo.AddNote(id, p.Therapist == anna ? "anna" : "bo", "Follow-up call.", 15, start.AddDays(14));
            int perWeek = 3 + i % 3;
            for (int day = 0; day < days; day++)
            {
                if (day % 7 >= perWeek) continue;
                double progress = day / 42.0;
                double flex = 70 + 40 * progress + (i % 4);
                double ext = 12 - 10 * progress;
                string sid = $"s{i + 1:00}-{day:000}";
                batch.AddRange(DemoTelemetry.Session(site, gateway, pseudonym, sid, new DateTimeOffset(start.AddDays(day).AddHours(9 + i % 5), TimeSpan.Zero),
                    "heel_slide", "easy", Math.Round(flex, 1), Math.Round(ext, 1), 10, day % 5 == 0 ? 2 : 0, 90, 0, i * 1000 + day));
                sessions++;
            }
            batch.Add(DemoTelemetry.BandStatus(site, gateway, "band-" + pseudonym, i % 3 == 0 ? "1.2.0" : "1.3.1", 0.15 + 0.1 * i,
                $"CAL-2024-{100 + i}", new DateTimeOffset(nowUtc.AddDays(-60)), new DateTimeOffset(nowUtc.AddHours(-i))));
        }
        Citizen first = repo.AllCitizens()[0];
        batch.Add(DemoTelemetry.Proposal(first.Site, first.Gateway, first.Pseudonym, "demo-proposal-1", "heel_slide", "easy", "medium",
            "Target reached in 9 of the last 10 sessions with full reps.", new DateTimeOffset(nowUtc.AddDays(-1))));
        sink.WriteAsync(batch).GetAwaiter().GetResult();
        return new Result(4, people.Length, sessions);
    }
}
