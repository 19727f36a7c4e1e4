using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sensors.Analytics.Storage.Influx;
using Sensors.Analytics.Storage.Sqlite;

namespace Sensors.Analytics.Storage;

/// <summary>Registers the telemetry store chosen by <c>Storage:Backend</c> (sqlite | influxdb) and the dead-letter store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITelemetryStore"/> and <see cref="IDeadLetterStore"/> as singletons from the <c>Storage</c> section
    /// (see <see cref="StorageOptions"/>). The store is created, not initialized: the ingest service (or the host) calls
    /// <see cref="ITelemetryStore.InitializeAsync"/> at start.
    /// </summary>
    public static IServiceCollection AddSensorsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(options);
        return services.AddSensorsStorage(options);
    }

    /// <summary>Adds the stores from options given in code.</summary>
    public static IServiceCollection AddSensorsStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<ITelemetryStore>(_ => Create(options));
        services.TryAddSingleton<IDeadLetterStore>(_ => new SqliteDeadLetterStore(options.Sqlite));
        return services;
    }

    /// <summary>Creates the store for <see cref="StorageOptions.Backend"/>; throws naming the setting when it is unknown.</summary>
    public static ITelemetryStore Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.Backend ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "sqlite" or "" => new SqliteTelemetryStore(options.Sqlite),
            "influxdb" or "influx" => new InfluxTelemetryStore(options.Influx, options.Sqlite),
            _ => throw new InvalidOperationException($"Storage:Backend '{options.Backend}' is unknown (use sqlite or influxdb)"),
        };
    }
}
