using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>Chooses the telemetry backend from configuration (<c>Storage:Backend</c>).</summary>
public static class TelemetryRegistration
{
    public static void Add(IServiceCollection services, IConfiguration cfg)
    {
        string backend = cfg["Storage:Backend"] ?? "memory";
        switch (backend)
        {
            case "memory":
                services.AddSingleton<InMemoryTelemetry>();
                services.AddSingleton<ITelemetryReader>(sp => sp.GetRequiredService<InMemoryTelemetry>());
                services.AddSingleton<ITelemetrySink>(sp => sp.GetRequiredService<InMemoryTelemetry>());
                break;
            default:
                throw new InvalidOperationException($"Storage:Backend '{backend}' is not known (expected memory, sqlite or influxdb).");
        }
    }

    public static void Initialize(IServiceProvider services)
    {
        _ = services.GetRequiredService<ITelemetryReader>();
    }
}
