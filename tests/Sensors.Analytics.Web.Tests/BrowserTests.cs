using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Demo;
using Sensors.Analytics.Web.Telemetry;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Analytics.Web.Tests;

/// <summary>
/// The therapist UI in real Debian Chromium (Playwright, headless) against the service on a real Kestrel port:
/// log in, open a citizen, and check that the ROM chart renders the sessions published through MQTT and ingested into
/// the store. Screenshot in the test output.
/// </summary>
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Therapist_logs_in_opens_a_citizen_and_the_rom_chart_shows_the_stored_sessions()
    {
        if (!File.Exists(Chromium))
        {
            string message = $"{Chromium} is missing: install the Debian package 'chromium'.";
            if (TestPaths.InCi) Assert.Fail(message);
            Assert.Skip(message);
        }
        // The data goes the production way: published to a real broker, ingested (manual ack) into the SQLite store.
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        await using LiveClinic clinic = await LiveClinic.StartAsync(broker, ct: TestContext.Current.CancellationToken);
        Citizen known = KnownCitizen.Register(clinic.Repo, "anna", "k-browser", "Birthe Browser");
        await clinic.PublishAndWaitAsync(KnownCitizen.Messages(known.Pseudonym), TestContext.Current.CancellationToken);
        string baseUrl = clinic.BaseUrl;

        using IPlaywright pw = await Playwright.CreateAsync();
        await using IBrowser browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        IPage page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 1600 } });
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync(baseUrl + "/login", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.FillAsync("#username", "anna");
        await page.FillAsync("#password", DemoSeed.DemoPassword);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync("**/citizens", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(5, await page.Locator("#citizen-list tbody tr").CountAsync()); // anna's 4 demo citizens + the known one

        await page.ClickAsync("text=Birthe Browser");
        await page.WaitForURLAsync($"**/citizens/{known.Id}", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        ILocator svg = page.Locator("#rom-chart svg");
        await svg.WaitForAsync();
        LocatorBoundingBoxResult? box = await svg.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 400 && box.Height > 150, $"chart box {box.Width}x{box.Height}");

        string json = await page.Locator("#rom-chart").GetAttributeAsync("data-points") ?? "";
        using JsonDocument doc = JsonDocument.Parse(json);
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(KnownCitizen.MaxFlexionDeg, points.Select(p => p.GetProperty("max_flexion_deg").GetDouble()));
        Assert.Equal(KnownCitizen.MaxExtensionDeg, points.Select(p => p.GetProperty("max_extension_deg").GetDouble()));

        string shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        string file = Path.Combine(shots, "citizen-rom.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);
    }
}
