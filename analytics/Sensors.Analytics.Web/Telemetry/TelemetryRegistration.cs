using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sensors.Analytics.Ingest;
using Sensors.Analytics.Storage;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>
/// Wires the telemetry side of the host: the analytics storage chosen by <c>Storage:Backend</c> (<c>sqlite</c> default,
/// <c>influxdb</c>), the web's port over it (<see cref="StoreTelemetry"/>), and the MQTT ingest hosted service, configured
/// from the same <c>Mqtt</c> section as the program publisher (one broker, one set of credentials).
/// </summary>
public static class TelemetryRegistration
{
    public static void Add(IServiceCollection services, IConfiguration cfg, bool production)
    {
        string backend = (cfg["Storage:Backend"] ?? "sqlite").Trim().ToLowerInvariant();
        if (backend is not ("sqlite" or "influxdb"))
            throw new InvalidOperationException($"Storage:Backend '{cfg["Storage:Backend"]}' is not known (expected sqlite or influxdb).");
        services.AddSensorsStorage(cfg);
        services.AddSingleton<StoreTelemetry>();
        services.AddSingleton<ITelemetryReader>(sp => sp.GetRequiredService<StoreTelemetry>());
        services.AddSingleton<ITelemetrySink>(sp => sp.GetRequiredService<StoreTelemetry>());
        services.AddSensorsIngest(IngestOptionsFrom(cfg, production));
    }

    /// <summary>
    /// Ingest options from the <c>Mqtt</c> section (Host, Port, UseTls, CaCertificatePath, Username, Password, ClientId and the
    /// ingest's own keys such as BatchSize or TopicFilter). <c>Mqtt:IngestEnabled</c> (default true; false in
    /// appsettings.Development.json) switches ingest on. Plain MQTT is allowed outside Production only.
    /// </summary>
    public static IngestOptions IngestOptionsFrom(IConfiguration cfg, bool production)
    {
        var o = new IngestOptions();
        cfg.GetSection("Mqtt").Bind(o);
        o.Enabled = cfg.GetValue("Mqtt:IngestEnabled", true);
        o.AllowInsecure = !production;
        if (o.Enabled) o.Validate();
        return o;
    }

    /// <summary>Creates the telemetry schema (or InfluxDB database) before the first request or seed; throws naming the backend when it is unreachable.</summary>
    public static void Initialize(IServiceProvider services)
    {
        ITelemetryStore store = services.GetRequiredService<ITelemetryStore>();
        try
        {
            store.InitializeAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"Telemetry store '{store.Backend}' (Storage:Backend) could not be initialized: {e.Message}", e);
        }
    }
}
