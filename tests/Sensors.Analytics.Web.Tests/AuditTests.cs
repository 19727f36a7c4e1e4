using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Web.Data;
using Xunit;

namespace Sensors.Analytics.Web.Tests;

/// <summary>The admin's audit page: every read and change of a citizen's data is listed, filtered by citizen, user and period.</summary>
public sealed class AuditTests(WebTestEnvironment env) : IClassFixture<WebTestEnvironment>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<(string User, string Action, string Citizen)> Rows(string html) =>
        Regex.Matches(html, "<tr data-user=\"([^\"]*)\" data-action=\"([^\"]*)\" data-citizen=\"([^\"]*)\">")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();

    [Fact]
    public async Task Reads_changes_and_refusals_of_a_citizen_are_listed_and_filtered_by_citizen_user_and_period()
    {
        using HttpClient anna = await env.LoginAsync("anna");
        using HttpClient bo = await env.LoginAsync("bo");
        using HttpClient tom = await env.LoginAsync("tom");
        using HttpClient admin = await env.LoginAsync("admin");
        Citizen karen = env.CitizenNamed("Karen Jensen"); // anna's
        Citizen inge = env.CitizenNamed("Inge Pedersen"); // bo's

        // What anna, bo and tom do with Karen's data (the truth the page must list).
        await anna.GetStringAsync(new Uri($"/citizens/{karen.Id}", UriKind.Relative), Ct);
        await anna.GetStringAsync(new Uri($"/sessions/{karen.Id}/s01-000", UriKind.Relative), Ct);
        await anna.GetStringAsync(new Uri($"/api/citizens/{karen.Id}/sessions.csv", UriKind.Relative), Ct);
        await anna.GetStringAsync(new Uri($"/programs/{karen.Id}", UriKind.Relative), Ct);
        HttpResponseMessage saved = await WebTestEnvironment.PostFormAsync(anna, $"/programs/{karen.Id}", $"/programs/{karen.Id}?handler=Save", new()
        {
            ["Lines[0].ExerciseId"] = "heel_slide", ["Lines[0].Level"] = "medium", ["Lines[0].Reps"] = "10", ["Lines[0].Sets"] = "3", ["Lines[0].SessionsPerWeek"] = "5",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bo.GetAsync(new Uri($"/citizens/{karen.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tom.GetAsync(new Uri($"/api/citizens/{karen.Id}", UriKind.Relative), Ct)).StatusCode);
        await bo.GetStringAsync(new Uri($"/citizens/{inge.Id}", UriKind.Relative), Ct);

        // Karen's audit: every one of those, nobody else's citizen.
        var rows = Rows(await admin.GetStringAsync(new Uri($"/admin/audit?citizen={karen.Pseudonym}", UriKind.Relative), Ct));
        Assert.All(rows, r => Assert.Equal(karen.Pseudonym, r.Citizen));
        foreach ((string user, string action) in new[]
        {
            ("anna", "read-citizen"), ("anna", "read-session"), ("anna", "export-csv"), ("anna", "read-program"), ("anna", "program-saved"),
            ("bo", "denied:read-citizen"), ("tom", $"denied:GET /api/citizens/{karen.Id}"),
        })
            Assert.Contains((user, action, karen.Pseudonym), rows);
        Assert.DoesNotContain(rows, r => r.Action == "read-audit"); // the admin's own look is logged after the query

        // Filter by user: bo's entries only (his refused look at Karen and his read of Inge), across citizens.
        var bos = Rows(await admin.GetStringAsync(new Uri("/admin/audit?user=bo", UriKind.Relative), Ct));
        Assert.All(bos, r => Assert.Equal("bo", r.User));
        Assert.Contains(("bo", "read-citizen", inge.Pseudonym), bos);
        Assert.Contains(("bo", "denied:read-citizen", karen.Pseudonym), bos);

        // Period: today holds them, a past period none; a bad date is an error naming the field.
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEmpty(Rows(await admin.GetStringAsync(new Uri($"/admin/audit?citizen={karen.Pseudonym}&from={today}&to={today}", UriKind.Relative), Ct)));
        Assert.Empty(Rows(await admin.GetStringAsync(new Uri($"/admin/audit?citizen={karen.Pseudonym}&from=2001-01-01&to=2001-12-31", UriKind.Relative), Ct)));
        string bad = await admin.GetStringAsync(new Uri("/admin/audit?from=yesterday", UriKind.Relative), Ct);
        Assert.Contains("'yesterday' in 'from' is not a date", WebUtility.HtmlDecode(bad), StringComparison.Ordinal);

        // The admin's looks at the audit log are audited; therapists and technicians cannot open it.
        Assert.Contains(env.Repo.SearchAudit(karen.Pseudonym, "admin", null, null), e => e.Action == "read-audit");
        HttpResponseMessage denied = await anna.GetAsync(new Uri("/admin/audit", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await tom.GetAsync(new Uri("/admin/audit", UriKind.Relative), Ct)).StatusCode);
    }
}
