using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Telemetry;
using Xunit;

namespace Sensors.Analytics.Web.Tests;

/// <summary>Login, roles, the therapist↔citizen gate in API and pages, audit, CSRF and erasure.</summary>
public sealed class SecurityTests(WebTestEnvironment env) : IClassFixture<WebTestEnvironment>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_anonymous_and_reports_the_schema_version()
    {
        env.EnsureSeeded();
        using HttpClient client = env.CreateClient();
        using JsonDocument doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health", UriKind.Relative), Ct));
        Assert.Equal("ok", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(Migrations.Latest, doc.RootElement.GetProperty("clinic_schema").GetInt32());
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_audited_and_pages_redirect_to_login()
    {
        env.EnsureSeeded();
        await Assert.ThrowsAsync<InvalidOperationException>(() => env.LoginAsync("anna", "not-the-password"));
        Assert.Contains(env.Repo.AuditLog(), a => a.Username == "anna" && a.Action == "login-failed");
        using HttpClient anonymous = env.CreateClient(new() { AllowAutoRedirect = false });
        HttpResponseMessage page = await anonymous.GetAsync(new Uri("/citizens", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        HttpResponseMessage api = await anonymous.GetAsync(new Uri("/api/citizens", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Therapist_sees_only_assigned_citizens_in_api_and_pages()
    {
        using HttpClient anna = await env.LoginAsync("anna");
        Citizen own = env.CitizenNamed("Karen Jensen");
        Citizen other = env.CitizenNamed("Inge Pedersen"); // assigned to bo

        var list = await anna.GetFromJsonAsync<List<JsonElement>>(new Uri("/api/citizens", UriKind.Relative), Ct);
        string[] names = list!.Select(e => e.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Grete Hansen", "Karen Jensen", "Ole Nielsen", "Poul Larsen"], names);

        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(new Uri($"/api/citizens/{own.Id}", UriKind.Relative), Ct)).StatusCode);
        foreach (string path in new[] { $"/api/citizens/{other.Id}", $"/api/citizens/{other.Id}/sessions.csv", $"/api/citizens/{other.Id}/rom.fhir.json", $"/citizens/{other.Id}", $"/programs/{other.Id}", "/api/citizens/999999" })
            Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync(new Uri(path, UriKind.Relative), Ct)).StatusCode);

        string listHtml = await anna.GetStringAsync(new Uri("/citizens", UriKind.Relative), Ct);
        Assert.Contains("Karen Jensen", listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Inge Pedersen", listHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Technician_gets_403_for_citizen_data_and_sees_bands_without_names()
    {
        using HttpClient tom = await env.LoginAsync("tom");
        Citizen karen = env.CitizenNamed("Karen Jensen");
        Assert.Equal(HttpStatusCode.Forbidden, (await tom.GetAsync(new Uri($"/api/citizens/{karen.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tom.GetAsync(new Uri("/api/citizens", UriKind.Relative), Ct)).StatusCode);
        HttpResponseMessage page = await tom.GetAsync(new Uri($"/citizens/{karen.Id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await tom.GetAsync(new Uri("/api/kpis.csv", UriKind.Relative), Ct)).StatusCode);

        string bands = await tom.GetStringAsync(new Uri("/technician/bands", UriKind.Relative), Ct);
        Assert.Contains($"band-{karen.Pseudonym}", bands, StringComparison.Ordinal);
        Assert.Contains("CAL-2024-100", bands, StringComparison.Ordinal);
        foreach (Citizen c in env.Repo.AllCitizens()) Assert.DoesNotContain(c.FullName, bands, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_read_and_change_of_citizen_data_is_audited_with_who_what_and_citizen()
    {
        using HttpClient anna = await env.LoginAsync("anna");
        Citizen ole = env.CitizenNamed("Ole Nielsen");
        int before = env.Repo.AuditLog(ole.Pseudonym).Count;
        await anna.GetStringAsync(new Uri($"/citizens/{ole.Id}", UriKind.Relative), Ct);
        await anna.GetStringAsync(new Uri($"/api/citizens/{ole.Id}/sessions.csv", UriKind.Relative), Ct);
        HttpResponseMessage posted = await WebTestEnvironment.PostFormAsync(anna, $"/citizens/{ole.Id}", $"/citizens/{ole.Id}?handler=Note",
            new() { ["Text"] = "Knee less swollen today.", ["Minutes"] = "12" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var entries = env.Repo.AuditLog(ole.Pseudonym);
        Assert.Equal(before + 4, entries.Count); // page read, csv export, form page read before the post, note
        Assert.Contains(entries, a => a.Username == "anna" && a.Action == "read-citizen");
        Assert.Contains(entries, a => a.Username == "anna" && a.Action == "export-csv");
        Assert.Contains(entries, a => a.Username == "anna" && a.Action == "add-note");
        Assert.All(entries, a => Assert.True(a.AtUtc > DateTime.UtcNow.AddMinutes(-5)));
        Assert.Contains(env.Repo.Notes(ole.Id), n => n.Text == "Knee less swollen today." && n.Minutes == 12 && n.Author == "anna");
        // The audit log holds pseudonyms, never names.
        Assert.DoesNotContain(env.Repo.AuditLog(), a => (a.Detail + a.CitizenPseudonym).Contains("Nielsen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Posts_without_antiforgery_token_are_rejected()
    {
        using HttpClient anna = await env.LoginAsync("anna");
        Citizen poul = env.CitizenNamed("Poul Larsen");
        int notes = env.Repo.Notes(poul.Id).Count;

        HttpResponseMessage api = await anna.PostAsJsonAsync(new Uri($"/api/citizens/{poul.Id}/notes", UriKind.Relative), new { text = "x", minutes = 1 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Text"] = "x", ["Minutes"] = "1" });
        HttpResponseMessage page = await anna.PostAsync(new Uri($"/citizens/{poul.Id}?handler=Note", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(notes, env.Repo.Notes(poul.Id).Count);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/citizens/{poul.Id}/notes") { Content = JsonContent.Create(new { text = "Called about pain.", minutes = 5 }) };
        request.Headers.Add("X-CSRF-TOKEN", await WebTestEnvironment.CsrfTokenAsync(anna));
        Assert.Equal(HttpStatusCode.Created, (await anna.SendAsync(request, Ct)).StatusCode);
        Assert.Equal(notes + 1, env.Repo.Notes(poul.Id).Count);
    }

    [Fact]
    public async Task Erasure_removes_the_citizen_from_relational_and_time_series_stores()
    {
        using HttpClient admin = await env.LoginAsync("admin");
        using HttpClient bo = await env.LoginAsync("bo");
        Citizen hans = env.CitizenNamed("Hans Olsen");
        ITelemetryReader telemetry = env.Services.GetRequiredService<ITelemetryReader>();
        Assert.NotEmpty(await telemetry.SessionsAsync(hans.Pseudonym, Ct));

        // A therapist cannot erase (403), and without the CSRF header even the admin cannot.
        using (var byTherapist = new HttpRequestMessage(HttpMethod.Delete, $"/api/citizens/{hans.Id}"))
        {
            byTherapist.Headers.Add("X-CSRF-TOKEN", await WebTestEnvironment.CsrfTokenAsync(bo));
            Assert.Equal(HttpStatusCode.Forbidden, (await bo.SendAsync(byTherapist, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync(new Uri($"/api/citizens/{hans.Id}", UriKind.Relative), Ct)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/citizens/{hans.Id}");
        request.Headers.Add("X-CSRF-TOKEN", await WebTestEnvironment.CsrfTokenAsync(admin));
        HttpResponseMessage res = await admin.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using JsonDocument doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync(Ct));
        Assert.True(doc.RootElement.GetProperty("telemetry_records_deleted").GetInt64() > 0);

        Assert.Empty(await telemetry.SessionsAsync(hans.Pseudonym, Ct));
        Assert.Null(env.Repo.Citizen(hans.Id));
        Assert.Empty(env.Repo.Notes(hans.Id));
        Assert.Empty(env.Repo.Courses(hans.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await bo.GetAsync(new Uri($"/api/citizens/{hans.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Contains(env.Repo.AuditLog(hans.Pseudonym), a => a.Action == "erase" && a.Username == "admin");
    }
}
