using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Demo;
using Sensors.Contracts;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Analytics.Web.Tests;

/// <summary>A real Mosquitto (and, for the InfluxDB backend, a real influxd) and the service started against them, once per class.</summary>
public abstract class LiveClinicFixture(bool influx) : IAsyncLifetime
{
    private MosquittoBroker? _broker;
    private InfluxServer? _influx;
    public LiveClinic Clinic { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        if (influx) _influx = await InfluxServer.StartAsync();
        Clinic = await LiveClinic.StartAsync(_broker, _influx);
    }

    public async ValueTask DisposeAsync()
    {
        if (Clinic is not null) await Clinic.DisposeAsync();
        if (_influx is not null) await _influx.DisposeAsync();
        if (_broker is not null) await _broker.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteClinicFixture() : LiveClinicFixture(influx: false);

public sealed class InfluxClinicFixture() : LiveClinicFixture(influx: true);

/// <summary>
/// End to end: contract messages published to a real broker as a gateway would → MQTT ingest (manual ack) → the
/// configured telemetry store → the therapist's pages. The truth is what was published.
/// </summary>
public abstract class IngestEndToEndTests(LiveClinic clinic)
{
    private const double Deg = 180 / Math.PI;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A citizen registered in the clinic (relational) whose telemetry has not arrived yet.</summary>
    private Citizen Register(string pseudonym, string gateway)
    {
        ClinicRepository repo = clinic.Repo;
        long id = repo.AddCitizen(pseudonym, "E2E " + pseudonym, "NID-" + pseudonym, repo.Teams()[0].Id, "north", gateway);
        repo.Assign(repo.FindUser("anna")!.Id, id);
        repo.SaveProgram(id, "anna", [new Sensors.Analytics.Web.Data.ProgramExercise("heel_slide", "easy", 10, 3, 4)]);
        return repo.Citizen(id)!;
    }

    /// <summary>Three sessions: the second carries two exercises (ROM over both), the first a 2 s gap in its curve.</summary>
    private static List<(TopicPath Topic, ContractMessage Message)> Sessions(Citizen c)
    {
        double[] flex = [78.25, 91.5, 99.75];
        double[] ext = [9.5, 5.25, -1.5];
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-15).AddHours(10), TimeSpan.Zero);
        var all = new List<(TopicPath, ContractMessage)>();
        for (int i = 0; i < flex.Length; i++)
        {
            List<(TopicPath Topic, ContractMessage Message)> s = DemoTelemetry.Session(c.Site, c.Gateway, c.Pseudonym, $"{c.Pseudonym}-s{i}",
                start.AddDays(5 * i), "heel_slide", "easy", flex[i], ext[i], 5, i == 0 ? 1 : 0, 90, 0, seed: 40 + i);
            for (int k = 0; k < s.Count; k++)
            {
                if (i == 0 && s[k].Message is AngleCurveMessage { Chunk: 0 } curve)
                    s[k] = (s[k].Topic, curve with { AngleRad = curve.AngleRad.Select((v, j) => j is >= 100 and < 120 ? null : v).ToList() });
                if (i == 1 && s[k].Message is SessionSummaryMessage summary)
                    s[k] = (s[k].Topic, summary with
                    {
                        Exercises = [.. summary.Exercises, new ExerciseSummary
                        {
                            ExerciseId = "knee_extension_seated", Level = "easy", RepsPrescribed = 5, RepsComplete = 5,
                            MaxFlexionRad = 60 / Deg, MinFlexionRad = 3.75 / Deg, MeanRomRad = 50 / Deg,
                        }],
                    });
            }
            all.AddRange(s);
        }
        return all;
    }

    [Fact]
    public async Task Sessions_published_through_the_broker_appear_on_the_citizen_and_session_pages()
    {
        Citizen c = Register("e2e-rom-" + Suffix, "gw-e2e");
        List<(TopicPath Topic, ContractMessage Message)> published = Sessions(c);
        await clinic.PublishAndWaitAsync(published, Ct);
        using HttpClient anna = await clinic.LoginAsync("anna");

        // ROM chart: per session the largest max flexion and the smallest min flexion over its exercises, as published.
        var summaries = published.Select(m => m.Message).OfType<SessionSummaryMessage>().OrderBy(s => s.StartedAt).ToList();
        string html = await anna.GetStringAsync(new Uri($"/citizens/{c.Id}", UriKind.Relative), Ct);
        using JsonDocument rom = JsonDocument.Parse(Island(html, "rom-chart-data"));
        var points = rom.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(summaries.Select(s => s.SessionId), points.Select(p => p.GetProperty("session").GetString()));
        Assert.Equal(summaries.Select(s => Math.Round(s.Exercises.Max(e => e.MaxFlexionRad) * Deg, 2)), points.Select(p => p.GetProperty("max_flexion_deg").GetDouble()));
        Assert.Equal(summaries.Select(s => Math.Round(s.Exercises.Min(e => e.MinFlexionRad) * Deg, 2)), points.Select(p => p.GetProperty("max_extension_deg").GetDouble()));
        Assert.Equal(3.75, points[1].GetProperty("max_extension_deg").GetDouble()); // from the second exercise

        // Session trace: every published sample on its time axis, the gap left out (not interpolated), one marker per rep.
        foreach (SessionSummaryMessage s in summaries)
        {
            string page = await anna.GetStringAsync(new Uri($"/sessions/{c.Id}/{s.SessionId}", UriKind.Relative), Ct);
            using JsonDocument trace = JsonDocument.Parse(Island(page, "session-chart-data"));
            var curve = published.Select(m => m.Message).OfType<AngleCurveMessage>().Where(m => m.SessionId == s.SessionId).OrderBy(m => m.Chunk).ToList();
            var expectedT = new List<double>();
            var expectedA = new List<double>();
            foreach (AngleCurveMessage chunk in curve)
                for (int i = 0; i < chunk.AngleRad.Count; i++)
                    if (chunk.AngleRad[i] is { } v)
                    {
                        expectedT.Add(Math.Round(chunk.StartS + i / chunk.RateHz, 3));
                        expectedA.Add(Math.Round(v * Deg, 2));
                    }
            Assert.Equal(expectedT, trace.RootElement.GetProperty("time_s").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(expectedA, trace.RootElement.GetProperty("angle_deg").EnumerateArray().Select(e => e.GetDouble()));
            RepsMessage reps = published.Select(m => m.Message).OfType<RepsMessage>().Single(r => r.SessionId == s.SessionId);
            var marks = trace.RootElement.GetProperty("reps").EnumerateArray().ToList();
            Assert.Equal(reps.Reps.Select(r => r.Complete), marks.Select(m => m.GetProperty("complete").GetBoolean()));
            Assert.Equal(reps.Reps.Select(r => Math.Round(r.PeakFlexionRad * Deg, 2)), marks.Select(m => m.GetProperty("peak_flexion_deg").GetDouble()));
        }
        int samples = published.Select(m => m.Message).OfType<AngleCurveMessage>().Where(m => m.SessionId == summaries[0].SessionId).Sum(m => m.AngleRad.Count);
        string first = await anna.GetStringAsync(new Uri($"/sessions/{c.Id}/{summaries[0].SessionId}", UriKind.Relative), Ct);
        using JsonDocument firstTrace = JsonDocument.Parse(Island(first, "session-chart-data"));
        Assert.Equal(samples - 20, firstTrace.RootElement.GetProperty("samples").GetInt32());

        // Publishing the same messages again (a gateway retry) changes nothing.
        await clinic.PublishAndWaitAsync(published, Ct);
        string again = await anna.GetStringAsync(new Uri($"/citizens/{c.Id}", UriKind.Relative), Ct);
        Assert.Equal(Island(html, "rom-chart-data"), Island(again, "rom-chart-data"));
    }

    [Fact]
    public async Task A_proposal_from_the_gateway_appears_on_the_program_page_and_accepting_it_writes_a_new_version()
    {
        Citizen c = Register("e2e-prop-" + Suffix, "gw-e2e");
        (TopicPath, ContractMessage) proposal = DemoTelemetry.Proposal(c.Site, c.Gateway, c.Pseudonym, "prop-" + Suffix, "heel_slide", "easy", "medium",
            "Target reached in 8 of the last 10 sessions.", DateTimeOffset.UtcNow.AddMinutes(-5));
        await clinic.PublishAndWaitAsync([proposal], Ct);
        await clinic.PublishAndWaitAsync([proposal], Ct); // redelivered by the gateway: still one proposal
        using HttpClient anna = await clinic.LoginAsync("anna");

        string page = await anna.GetStringAsync(new Uri($"/programs/{c.Id}", UriKind.Relative), Ct);
        MatchCollection rows = Regex.Matches(page, "<tr data-proposal=\"(\\d+)\">(.*?)</tr>", RegexOptions.Singleline);
        Match row = Assert.Single(rows);
        Assert.Contains("easy → medium", row.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("Target reached in 8 of the last 10 sessions.", row.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("pending", row.Groups[2].Value, StringComparison.Ordinal);

        HttpResponseMessage res = await WebTestEnvironment.PostFormAsync(anna, $"/programs/{c.Id}", $"/programs/{c.Id}?handler=Decide",
            new() { ["proposal"] = row.Groups[1].Value, ["accept"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        ProgramVersion current = clinic.Repo.CurrentProgram(c.Id)!;
        Assert.Equal(2, current.Version);
        Assert.Equal("medium", Assert.Single(current.Exercises).Level);
        Assert.Equal("accepted", Assert.Single(clinic.Repo.Proposals(c.Id)).Status);
        // Opening the page again does not import the decided proposal a second time.
        await anna.GetStringAsync(new Uri($"/programs/{c.Id}", UriKind.Relative), Ct);
        Assert.Single(clinic.Repo.Proposals(c.Id));
    }

    [Fact]
    public async Task Band_status_reaches_the_technician_page_and_erasure_removes_the_citizens_telemetry_from_the_store()
    {
        Citizen c = Register("e2e-erase-" + Suffix, "gw-e2e");
        string band = "band-" + Suffix;
        var sentAt = new DateTimeOffset(DateTime.UtcNow.AddMinutes(-3).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        List<(TopicPath, ContractMessage)> messages = Sessions(c);
        messages.Add(DemoTelemetry.BandStatus(c.Site, c.Gateway, band, "2.4.1", 0.62, "CAL-E2E-1", sentAt.AddDays(-30), sentAt));
        await clinic.PublishAndWaitAsync(messages, Ct);

        using HttpClient tom = await clinic.LoginAsync("tom");
        string bands = await tom.GetStringAsync(new Uri("/technician/bands", UriKind.Relative), Ct);
        Match row = Regex.Match(bands, $"<tr data-band=\"{band}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "band row missing");
        Assert.Contains("2.4.1", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("62", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("CAL-E2E-1", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains(sentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), row.Groups[1].Value, StringComparison.Ordinal);

        ITelemetryStore store = clinic.Services.GetRequiredService<ITelemetryStore>();
        DateTimeOffset from = DateTimeOffset.UnixEpoch, to = DateTimeOffset.UtcNow.AddDays(1);
        Assert.Equal(3, (await store.GetSessionsAsync(c.Pseudonym, from, to, Ct)).Count);
        using HttpClient admin = await clinic.LoginAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/citizens/{c.Id}");
        request.Headers.Add("X-CSRF-TOKEN", await WebTestEnvironment.CsrfTokenAsync(admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(request, Ct)).StatusCode);
        Assert.Empty(await store.GetSessionsAsync(c.Pseudonym, from, to, Ct));
        Assert.Empty(await store.GetRomHistoryAsync(c.Pseudonym, from, to, Ct));
        Assert.Null(await store.GetSessionAsync(new SessionKey(c.Site, c.Gateway, c.Pseudonym + "-s0"), Ct));
        Assert.Null(clinic.Repo.Citizen(c.Id));
    }

    private static readonly string Suffix = Guid.NewGuid().ToString("N")[..6];

    private static string Island(string html, string id)
    {
        Match m = Regex.Match(html, $"<script type=\"application/json\" id=\"{id}\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no {id} island");
        return m.Groups[1].Value;
    }
}

/// <summary>End to end on the embedded SQLite backend.</summary>
public sealed class SqliteIngestEndToEndTests(SqliteClinicFixture f) : IngestEndToEndTests(f.Clinic), IClassFixture<SqliteClinicFixture>;

/// <summary>End to end on the InfluxDB backend (real influxd; sessions' relational rest in SQLite beside it).</summary>
public sealed class InfluxIngestEndToEndTests(InfluxClinicFixture f) : IngestEndToEndTests(f.Clinic), IClassFixture<InfluxClinicFixture>;
