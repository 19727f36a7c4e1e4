using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Telemetry;
using Xunit;

namespace Sensors.Analytics.Web.Tests;

/// <summary>ROM chart data, CSV and FHIR exports and KPIs against the values written into the stores.</summary>
public sealed class ExportTests(WebTestEnvironment env) : IClassFixture<WebTestEnvironment>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, Citizen Citizen)> KnownAsync(string pseudonym)
    {
        HttpClient anna = await env.LoginAsync("anna");
        Citizen c = await KnownCitizen.AddAsync(env.Repo, env.Services.GetRequiredService<ITelemetrySink>(), "anna", pseudonym, "Test Person " + pseudonym);
        return (anna, c);
    }

    [Fact]
    public async System.Threading.Tasks.Task Citizen_page_rom_chart_carries_the_stored_session_rom_and_level_targets()
    {
        (HttpClient anna, Citizen c) = await KnownAsync("k-rom");
        string html = await anna.GetStringAsync(new Uri($"/citizens/{c.Id}", UriKind.Relative), Ct);
        Match island = Regex.Match(html, "<script type=\"application/json\" id=\"rom-chart-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(island.Success);
        using JsonDocument doc = JsonDocument.Parse(island.Groups[1].Value);
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(KnownCitizen.MaxFlexionDeg, points.Select(p => p.GetProperty("max_flexion_deg").GetDouble()));
        Assert.Equal(KnownCitizen.MaxExtensionDeg, points.Select(p => p.GetProperty("max_extension_deg").GetDouble()));
        Assert.Equal(KnownCitizen.TargetFlexionDeg, doc.RootElement.GetProperty("target_flexion_deg").GetDouble(), 6);
        Assert.Contains("<svg", html, StringComparison.Ordinal);

        // The session page: the curve's extremes are the session's ROM, one marker per rep.
        string session = await anna.GetStringAsync(new Uri($"/sessions/{c.Id}/k-rom-s0", UriKind.Relative), Ct);
        Match trace = Regex.Match(session, "<script type=\"application/json\" id=\"session-chart-data\">(.*?)</script>", RegexOptions.Singleline);
        using JsonDocument t = JsonDocument.Parse(trace.Groups[1].Value);
        double[] angles = t.RootElement.GetProperty("angle_deg").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(KnownCitizen.MaxFlexionDeg[0], angles.Max(), 1);
        Assert.Equal(KnownCitizen.MaxExtensionDeg[0], angles.Min(), 1);
        var reps = t.RootElement.GetProperty("reps").EnumerateArray().ToList();
        Assert.Equal(7, reps.Count);
        Assert.Equal(6, reps.Count(r => r.GetProperty("complete").GetBoolean()));
        anna.Dispose();
    }

    [Fact]
    public async System.Threading.Tasks.Task Fhir_bundle_parses_back_with_the_sdk_and_holds_one_flexion_and_one_extension_per_session()
    {
        (HttpClient anna, Citizen c) = await KnownAsync("k-fhir");
        string json = await anna.GetStringAsync(new Uri($"/api/citizens/{c.Id}/rom.fhir.json", UriKind.Relative), Ct);
        // FhirJsonDeserializer is the SDK's successor of FhirJsonParser (obsolete in 6.x); it validates while parsing.
        Bundle bundle = new FhirJsonDeserializer().Deserialize<Bundle>(json);
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        var obs = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToList();
        Assert.Equal(2 * KnownCitizen.MaxFlexionDeg.Length, obs.Count);
        decimal[] flex = obs.Where(o => o.Code.Coding[0].Code == "knee-max-flexion").Select(o => ((Quantity)o.Value!).Value!.Value).ToArray();
        decimal[] ext = obs.Where(o => o.Code.Coding[0].Code == "knee-max-extension").Select(o => ((Quantity)o.Value!).Value!.Value).ToArray();
        Assert.Equal(KnownCitizen.MaxFlexionDeg.Select(d => (decimal)d), flex);
        Assert.Equal(KnownCitizen.MaxExtensionDeg.Select(d => (decimal)d), ext);
        Assert.All(obs, o =>
        {
            Assert.Equal(ObservationStatus.Final, o.Status);
            Assert.Equal("deg", ((Quantity)o.Value!).Code);
            Assert.Equal("http://snomed.info/sct", o.BodySite!.Coding[0].System);
            Assert.Equal("k-fhir", o.Subject!.Identifier!.Value);
        });
        Assert.DoesNotContain(c.FullName, json, StringComparison.Ordinal);
        Assert.DoesNotContain(c.NationalId, json, StringComparison.Ordinal);
        anna.Dispose();
    }

    [Fact]
    public async System.Threading.Tasks.Task Sessions_csv_has_one_row_per_stored_session_with_its_rom()
    {
        (HttpClient anna, Citizen c) = await KnownAsync("k-csv");
        string csv = await anna.GetStringAsync(new Uri($"/api/citizens/{c.Id}/sessions.csv", UriKind.Relative), Ct);
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + KnownCitizen.MaxFlexionDeg.Length, lines.Length);
        string[] header = lines[0].Split(',');
        int flexCol = Array.IndexOf(header, "max_flexion_deg"), extCol = Array.IndexOf(header, "max_extension_deg");
        for (int i = 0; i < KnownCitizen.MaxFlexionDeg.Length; i++)
        {
            string[] cells = lines[1 + i].Split(',');
            Assert.Equal("k-csv", cells[0]);
            Assert.Equal(KnownCitizen.MaxFlexionDeg[i], double.Parse(cells[flexCol], System.Globalization.CultureInfo.InvariantCulture), 3);
            Assert.Equal(KnownCitizen.MaxExtensionDeg[i], double.Parse(cells[extCol], System.Globalization.CultureInfo.InvariantCulture), 3);
        }
        anna.Dispose();
    }

    [Fact]
    public async System.Threading.Tasks.Task Kpi_csv_counts_the_seeded_courses_completions_and_dropout_reasons()
    {
        using HttpClient admin = await env.LoginAsync("admin");
        string csv = await admin.GetStringAsync(new Uri("/api/kpis.csv", UriKind.Relative), Ct);
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        string[] all = lines.Single(l => l.StartsWith("all teams,", StringComparison.Ordinal)).Split(',');
        string Col(string name) => all[Array.IndexOf(header, name)];
        // Demo seed truth: 8 courses started 42 days ago; 3 completed, 2 dropouts (pain; moved), 3 running.
        Assert.Equal("8", Col("courses_started"));
        Assert.Equal("3", Col("courses_completed"));
        Assert.Equal("2", Col("dropouts"));
        Assert.Equal(0.6, double.Parse(Col("completion_rate"), System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Contains("pain: 1", Col("dropout_reasons"), StringComparison.Ordinal);
        Assert.Contains("moved to other municipality: 1", Col("dropout_reasons"), StringComparison.Ordinal);
        Assert.True(double.Parse(Col("rom_change_deg"), System.Globalization.CultureInfo.InvariantCulture) > 30); // seeded ROM rises 40° over the 6 weeks
    }
}
