using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Sensors.Analytics.Ingest;
using Sensors.Analytics.Web.Telemetry;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Analytics.Web.Tests;

/// <summary>Configuration rules of the host: telemetry backend choice, MQTT ingest options, Production refuses plain MQTT.</summary>
public sealed class HostConfigurationTests
{
    private static WebApplicationBuilder Builder(string environment, TempFolder folder, Dictionary<string, string?> settings)
    {
        WebApplicationBuilder b = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ApplicationName = typeof(AnalyticsHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        settings["ConnectionStrings:Clinic"] = $"Data Source={folder.File("clinic.db")}";
        settings["Storage:Sqlite:Path"] = folder.File("telemetry.db");
        b.Configuration.AddInMemoryCollection(settings);
        return b;
    }

    [Fact]
    public void Production_refuses_plain_mqtt_for_programs_and_ingest()
    {
        using var folder = new TempFolder("web");
        WebApplicationBuilder b = Builder("Production", folder, new() { ["Mqtt:UseTls"] = "false", ["Mqtt:Port"] = "1883" });
        var e = Assert.Throws<InvalidOperationException>(() => AnalyticsHost.ConfigureServices(b));
        Assert.Contains("Mqtt:UseTls", e.Message, StringComparison.Ordinal);
        // The ingest's own rule, reached through the web's Mqtt section: no insecure transport in Production.
        IConfiguration cfg = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mqtt:UseTls"] = "false" }).Build();
        Assert.Throws<InvalidOperationException>(() => TelemetryRegistration.IngestOptionsFrom(cfg, production: true));
    }

    [Fact]
    public void Ingest_takes_broker_tls_and_credentials_from_the_mqtt_section()
    {
        IConfiguration cfg = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Host"] = "mqtt.example", ["Mqtt:Port"] = "8883", ["Mqtt:UseTls"] = "true", ["Mqtt:CaCertificatePath"] = "ca.pem",
            ["Mqtt:Username"] = "analytics", ["Mqtt:Password"] = "pw", ["Mqtt:ClientId"] = "svc-1", ["Mqtt:BatchSize"] = "64",
        }).Build();
        IngestOptions o = TelemetryRegistration.IngestOptionsFrom(cfg, production: true);
        Assert.Equal(("mqtt.example", 8883, true, "ca.pem", "analytics", "pw", "svc-1", 64, true, false),
            (o.Host, o.EffectivePort, o.UseTls, o.CaCertificatePath, o.Username, o.Password, o.ClientId, o.BatchSize, o.Enabled, o.AllowInsecure));
        IConfiguration off = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Mqtt:IngestEnabled"] = "false" }).Build();
        Assert.False(TelemetryRegistration.IngestOptionsFrom(off, production: false).Enabled);
    }

    [Fact]
    public void An_unknown_storage_backend_is_refused_naming_the_setting()
    {
        using var folder = new TempFolder("web");
        WebApplicationBuilder b = Builder("Development", folder, new() { ["Storage:Backend"] = "memory" });
        var e = Assert.Throws<InvalidOperationException>(() => AnalyticsHost.ConfigureServices(b));
        Assert.Contains("Storage:Backend 'memory'", e.Message, StringComparison.Ordinal);
    }
}
