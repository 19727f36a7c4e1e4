using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;

namespace Sensors.Tests.Shared.Servers;

/// <summary>Options of a test broker.</summary>
public sealed class MosquittoOptions
{
    /// <summary>Also open a TLS listener with a fresh test CA (see <see cref="MosquittoBroker.CaCertificatePath"/>).</summary>
    public bool Tls { get; init; }

    /// <summary>Users (name → password). Empty = anonymous access allowed.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>Mosquitto ACL file text (e.g. "user gw-01\ntopic write sensors/v1/odense/gw-01/#"); null = no ACL.</summary>
    public string? Acl { get; init; }
}

/// <summary>
/// A real Mosquitto broker (Debian package mosquitto) on loopback, started by a test in its own temp folder, with
/// persistence on so that persistent sessions and queued QoS 1 messages survive <see cref="RestartAsync"/>.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable, IDisposable
{
    /// <summary>Where Debian installs the broker.</summary>
    public const string BinaryPath = "/usr/sbin/mosquitto";

    private readonly TempFolder _folder;
    private readonly string _configPath;
    private ServerProcess _process;

    private MosquittoBroker(MosquittoOptions options)
    {
        Options = options;
        _folder = new TempFolder("mosquitto");
        Port = ServerProcess.FreePort();
        TlsPort = options.Tls ? ServerProcess.FreePort() : 0;
        _configPath = Path.Combine(_folder.Path, "mosquitto.conf");
        WriteConfig();
        _process = NewProcess();
    }

    /// <summary>Loopback host name.</summary>
    public string Host => "127.0.0.1";

    /// <summary>Plain MQTT port.</summary>
    public int Port { get; }

    /// <summary>TLS port (0 without TLS).</summary>
    public int TlsPort { get; }

    /// <summary>The options the broker was started with.</summary>
    public MosquittoOptions Options { get; }

    /// <summary>PEM of the test CA that signed the broker's certificate (TLS only).</summary>
    public string CaCertificatePath => Path.Combine(_folder.Path, "ca.crt");

    /// <summary>The test CA certificate (TLS only).</summary>
    public X509Certificate2? CaCertificate { get; private set; }

    /// <summary>The broker's log so far (for failure messages).</summary>
    public string Log => File.Exists(Path.Combine(_folder.Path, "mosquitto.log"))
        ? File.ReadAllText(Path.Combine(_folder.Path, "mosquitto.log")) + _process.Output
        : _process.Output;

    /// <summary>Starts a broker; skips (or fails under CI=true) when mosquitto is not installed.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null)
    {
        ServerProcess.RequireBinary(BinaryPath, "mosquitto");
        var broker = new MosquittoBroker(options ?? new MosquittoOptions());
        await broker._process.StartAsync(broker.Port, TimeSpan.FromSeconds(15));
        return broker;
    }

    /// <summary>Stops the broker: gracefully (state saved) or killed (power loss).</summary>
    public void Stop(bool kill = false) => _process.Stop(kill);

    /// <summary>Starts the stopped broker again on the same ports with the same persistence file.</summary>
    public async Task StartAgainAsync()
    {
        _process.Dispose();
        _process = NewProcess();
        await _process.StartAsync(Port, TimeSpan.FromSeconds(15));
    }

    /// <summary>Stop (graceful unless <paramref name="kill"/>) then start again on the same port.</summary>
    public async Task RestartAsync(bool kill = false)
    {
        Stop(kill);
        await StartAgainAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _process.Dispose();
        _folder.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private ServerProcess NewProcess() => new(BinaryPath, $"-c \"{_configPath}\"", "mosquitto");

    private void WriteConfig()
    {
        string dir = _folder.Path;
        var conf = new StringBuilder();
        conf.AppendLine("per_listener_settings false");
        conf.AppendLine($"user {Environment.UserName}"); // when started as root (CI), do not drop to user 'mosquitto'
        conf.AppendLine("persistence true");
        conf.AppendLine($"persistence_location {dir}/");
        conf.AppendLine("autosave_interval 1");
        conf.AppendLine($"log_dest file {dir}/mosquitto.log");
        conf.AppendLine("log_type error\nlog_type warning\nlog_type notice\nlog_type information");
        conf.AppendLine("max_queued_messages 100000");
        if (Options.Users.Count == 0) conf.AppendLine("allow_anonymous true");
        else
        {
            conf.AppendLine("allow_anonymous false");
            string passwords = Path.Combine(dir, "passwords");
            File.WriteAllText(passwords, string.Empty);
            foreach (KeyValuePair<string, string> user in Options.Users)
                Run("/usr/bin/mosquitto_passwd", $"-b \"{passwords}\" \"{user.Key}\" \"{user.Value}\"");
            conf.AppendLine($"password_file {passwords}");
        }
        if (Options.Acl is not null)
        {
            File.WriteAllText(Path.Combine(dir, "acl"), Options.Acl + "\n");
            conf.AppendLine($"acl_file {dir}/acl");
        }
        conf.AppendLine($"listener {Port} 127.0.0.1");
        if (Options.Tls)
        {
            WriteCertificates(dir);
            conf.AppendLine($"listener {TlsPort} 127.0.0.1");
            conf.AppendLine($"cafile {dir}/ca.crt\ncertfile {dir}/server.crt\nkeyfile {dir}/server.key");
            conf.AppendLine("tls_version tlsv1.2");
        }
        File.WriteAllText(_configPath, conf.ToString());
    }

    private void WriteCertificates(string dir)
    {
        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Sensors Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CaCertificate = X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert));

        using RSA serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using X509Certificate2 server = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial);

        File.WriteAllText(Path.Combine(dir, "ca.crt"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.crt"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
    }

    private static void Run(string file, string arguments)
    {
        using Process p = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {err}");
    }
}
