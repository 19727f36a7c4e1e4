using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sensors.Gateway.Sessions;
using Sensors.Gateway.Sessions.Uplink;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Messaging.Tests.Mqtt;

/// <summary>The committed production config sample loads, and production without TLS is refused.</summary>
public sealed class GatewayConfigTests : IDisposable
{
    private readonly TempFolder _folder = new("config");

    public void Dispose() => _folder.Dispose();

    private string CopySample(Func<string, string>? edit = null)
    {
        string text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "gateway", "config", "gateway.production.json"));
        Directory.CreateDirectory(_folder.File("certs"));
        using RSA key = RSA.Create(2048);
        using X509Certificate2 ca = new CertificateRequest("CN=Sample CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(_folder.File("certs/ca.crt"), ca.ExportCertificatePem());
        return _folder.Write("gateway.json", edit is null ? text : edit(text));
    }

    [Fact]
    public void Production_sample_loads_with_tls_credentials_and_paths_relative_to_the_file()
    {
        string path = CopySample(t => t.Replace("SENSORS_MQTT_PASSWORD", "SENSORS_TEST_CONFIG_PASSWORD", StringComparison.Ordinal));
        Environment.SetEnvironmentVariable("SENSORS_TEST_CONFIG_PASSWORD", "s3cret");
        try
        {
            GatewaySessionsConfig config = GatewaySessionsConfig.Load(path);
            Assert.False(config.Mqtt.IsDevelopment);
            Assert.True(config.Mqtt.Tls.Enabled);
            Assert.Equal(_folder.File("certs/ca.crt"), config.Mqtt.Tls.CaFile);
            Assert.Equal("s3cret", config.Mqtt.EffectivePassword);
            Assert.Equal(_folder.File("data/gateway.db"), config.Outbox.DatabasePath);
            Assert.Equal(TimeSpan.FromDays(14), config.Outbox.Retention);
            Assert.Equal(600, config.Recorder.CurveChunkSamples);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SENSORS_TEST_CONFIG_PASSWORD", null);
        }
    }

    [Fact]
    public void Production_without_tls_or_with_a_missing_password_or_a_typo_is_refused_naming_the_key()
    {
        string noTls = CopySample(t => t.Replace("\"enabled\": true", "\"enabled\": false", StringComparison.Ordinal));
        Assert.Contains("requires TLS", Assert.Throws<UplinkConfigurationException>(() => GatewaySessionsConfig.Load(noTls)).Message, StringComparison.Ordinal);
        string noPassword = CopySample(t => t.Replace("SENSORS_MQTT_PASSWORD", "SENSORS_TEST_UNSET_PASSWORD", StringComparison.Ordinal));
        Assert.Contains("SENSORS_TEST_UNSET_PASSWORD", Assert.Throws<UplinkConfigurationException>(() => GatewaySessionsConfig.Load(noPassword)).Message, StringComparison.Ordinal);
        string typo = CopySample(t => t.Replace("\"keep_alive_s\"", "\"keepalive\"", StringComparison.Ordinal));
        Assert.Contains("keepalive", Assert.Throws<UplinkConfigurationException>(() => GatewaySessionsConfig.Load(typo)).Message, StringComparison.Ordinal);
    }
}
