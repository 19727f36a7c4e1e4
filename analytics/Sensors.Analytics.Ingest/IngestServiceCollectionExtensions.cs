using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sensors.Analytics.Storage;

namespace Sensors.Analytics.Ingest;

/// <summary>Registers the MQTT ingest hosted service (and the storage it writes to).</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MqttIngestService"/> as a singleton and hosted service, configured from the <c>Ingest</c> section
    /// (<see cref="IngestOptions"/>), plus <see cref="StorageServiceCollectionExtensions.AddSensorsStorage(IServiceCollection, IConfiguration)"/>
    /// when not yet added.
    /// </summary>
    public static IServiceCollection AddSensorsIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new IngestOptions();
        configuration.GetSection(IngestOptions.SectionName).Bind(options);
        services.AddSensorsStorage(configuration);
        return services.AddSensorsIngest(options);
    }

    /// <summary>Adds the ingest with options given in code (storage must be registered).</summary>
    public static IServiceCollection AddSensorsIngest(this IServiceCollection services, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<MqttIngestService>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngestService>());
        return services;
    }
}
