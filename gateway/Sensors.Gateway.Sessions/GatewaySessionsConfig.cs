using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using Sensors.Gateway.Sessions.Uplink;

namespace Sensors.Gateway.Sessions;

/// <summary>
/// The <c>outbox</c>, <c>recorder</c> and <c>mqtt</c> sections of a gateway config file (snake_case JSON, e.g.
/// gateway/config/gateway.production.json). Relative paths are relative to the config file. Unknown keys are errors.
/// </summary>
public sealed record GatewaySessionsConfig(OutboxSettings Outbox, RecorderSettings Recorder, MqttUplinkOptions Mqtt)
{
    /// <summary>Reads and validates the three sections; throws <see cref="UplinkConfigurationException"/> naming file and key.</summary>
    public static GatewaySessionsConfig Load(string configPath)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
            JsonElement root = doc.RootElement;
            OutboxSection outbox = Section<OutboxSection>(root, "outbox", configPath);
            RecorderSettings recorder = root.TryGetProperty("recorder", out JsonElement r)
                ? r.Deserialize<RecorderSettings>(Json) ?? new RecorderSettings() : new RecorderSettings();
            var outboxSettings = new OutboxSettings
            {
                DatabasePath = Path.GetFullPath(outbox.DatabasePath, dir),
                QuotaBytes = outbox.QuotaBytes,
                WarnFraction = outbox.WarnFraction,
                MinFreeDiskBytes = outbox.MinFreeDiskBytes,
                Retention = TimeSpan.FromDays(outbox.RetentionDays),
            };
            outboxSettings.Validate();
            recorder.Validate();
            return new GatewaySessionsConfig(outboxSettings, recorder, MqttUplinkOptions.Load(configPath));
        }
        catch (Exception ex) when (ex is JsonException or IOException or ArgumentException)
        {
            throw new UplinkConfigurationException($"{configPath}: {ex.Message}", ex);
        }
    }

    private static T Section<T>(JsonElement root, string name, string path) =>
        root.TryGetProperty(name, out JsonElement e)
            ? e.Deserialize<T>(Json) ?? throw new UplinkConfigurationException($"{path}: '{name}' is null")
            : throw new UplinkConfigurationException($"{path}: no '{name}' section");

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record OutboxSection
    {
        public required string DatabasePath { get; init; }
        public long QuotaBytes { get; init; } = 256L * 1024 * 1024;
        public double WarnFraction { get; init; } = 0.8;
        public long MinFreeDiskBytes { get; init; } = 64L * 1024 * 1024;
        public double RetentionDays { get; init; } = 14;
    }
}
