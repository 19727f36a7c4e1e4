using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Sensors.Contracts;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Messaging.Tests.Mqtt;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.Messaging.Tests.Cli;

/// <summary>
/// The <c>sensors</c> command line with a production config file (<c>--config</c>): TLS with the site's CA and per-gateway
/// credentials against a real Mosquitto (test CA, password file, production ACL), the outbox where the file says, and
/// the progression proposal queued after the third session and published on <c>proposals/{citizen}</c>.
/// </summary>
public sealed class GatewayCliConfigTests : IDisposable
{
    private const string PasswordEnv = "SENSORS_TEST_GW01_PASSWORD";
    private readonly TempFolder _folder = new("cli-config");

    public void Dispose() => _folder.Dispose();

    /// <summary>The committed production sample, pointed at the test broker (host, TLS port, CA) and the test password variable.</summary>
    private string WriteConfig(MosquittoBroker broker, Action<JsonNode>? edit = null, string name = "gateway.json")
    {
        JsonNode config = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "gateway", "config", "gateway.production.json")))!;
        JsonNode mqtt = config["mqtt"]!;
        mqtt["site"] = "odense";
        mqtt["gateway"] = "gw-01";
        mqtt["host"] = broker.Host;
        mqtt["port"] = broker.TlsPort;
        mqtt["username"] = "gw-01";
        mqtt["password_env"] = PasswordEnv;
        mqtt["tls"]!["ca_file"] = broker.CaCertificatePath;
        mqtt["reconnect_initial_s"] = 0.2;
        mqtt["reconnect_max_s"] = 1;
        edit?.Invoke(config);
        return _folder.Write(name, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static readonly Dictionary<string, string?> WithPassword = new() { [PasswordEnv] = UplinkTestEnvironment.GatewayPassword };

    [Fact]
    public async Task Sessions_with_the_production_config_publish_over_tls_and_the_third_queues_the_progression_proposal()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            Tls = true, Users = UplinkTestEnvironment.Users, Acl = UplinkTestEnvironment.Acl,
        });
        await using TestSubscriber analytics = await TestSubscriber.StartAsync(broker, "analytics-ingest", user: "analytics",
            password: UplinkTestEnvironment.AnalyticsPassword, tls: true);
        string config = WriteConfig(broker);

        var sessions = new List<string>();
        var proposalsPrinted = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            var (code, stdout, stderr) = CliProcess.Run(WithPassword, "session", "--config", config, "--exercise", "heel_slide", "--level", "medium",
                "--seed", "7", "--citizen", "c-1", "--json");
            Assert.True(code == 0, stderr + "\n" + broker.Log);
            using JsonDocument json = JsonDocument.Parse(stdout);
            JsonElement r = json.RootElement;
            sessions.Add(r.GetProperty("session").GetString()!);
            proposalsPrinted.Add(r.GetProperty("proposals").GetArrayLength());
            Assert.Equal(0, r.GetProperty("outbox_pending").GetInt32());
            Assert.True(r.GetProperty("published").GetInt64() > 0, stdout);
        }

        Assert.Equal(3, sessions.Distinct().Count());
        // the outbox is where the config says (relative to the file), not in the default per-user folder
        Assert.True(File.Exists(_folder.File("data/gateway.db")));
        Assert.True(File.Exists(_folder.File("data/calibration.db")));

        // what analytics received: the three summaries, read back through the contracts …
        Assert.True(await analytics.WaitForAsync(s => sessions.All(id => s.Received.Any(r => r.Topic == Topics.SessionSummary("odense", "gw-01", id))),
            TimeSpan.FromSeconds(10)), broker.Log);
        List<ExerciseSessionResult> history = analytics.Received
            .Where(r => TopicPath.TryParse(r.Topic, out TopicPath? p, out _) && p!.Kind == TopicKind.SessionSummary)
            .DistinctBy(r => r.MessageId)
            .Select(r => (SessionSummaryMessage)ContractSerializer.Deserialize(r.Topic, r.Payload))
            .SelectMany(s => s.Exercises.Select(x => new ExerciseSessionResult(x.ExerciseId, ExerciseLevel.Medium, s.EndedAt, x.RepsPrescribed, x.RepsComplete,
                x.FlagCounts.GetValueOrDefault("hyperextension") > 0, x.FlagCounts.GetValueOrDefault("compensation") > 0)))
            .ToList();
        Assert.Equal(3, history.Count);
        // … decide what the rule must propose after each session from them: the gateway queued exactly that, once, after the
        // first session that moved the level (a later session proposing the same change queues nothing new)
        List<(string Session, ExerciseSessionResult Result)> ordered = sessions.Zip(history.OrderBy(h => h.EndedAt)).ToList();
        int first = Enumerable.Range(1, 3).FirstOrDefault(k => new ProgressionRule().Propose("heel_slide", ExerciseLevel.Medium, ordered.Take(k).Select(o => o.Result)).IsChange);
        Assert.True(first > 0, "the simulated citizen's sessions should move the level");
        ProgressionProposal expected = new ProgressionRule().Propose("heel_slide", ExerciseLevel.Medium, ordered.Take(first).Select(o => o.Result));
        Assert.Equal(Enumerable.Range(1, 3).Select(k => k == first ? 1 : 0), proposalsPrinted);
        Assert.True(await analytics.WaitForAsync(s => s.Received.Any(r => r.Topic == Topics.Proposal("odense", "gw-01", "c-1")), TimeSpan.FromSeconds(10)), broker.Log);
        List<ProgressionProposalMessage> proposals = analytics.Received
            .Where(r => r.Topic == Topics.Proposal("odense", "gw-01", "c-1"))
            .Select(r => (ProgressionProposalMessage)ContractSerializer.Deserialize(r.Topic, r.Payload)).ToList();
        ProgressionProposalMessage proposal = Assert.Single(proposals.DistinctBy(p => p.MessageId));
        Assert.Equal(("heel_slide", "medium", expected.ProposedLevel.ToId()), (proposal.ExerciseId, proposal.FromLevel, proposal.ToLevel));
        Assert.Equal(sessions.Take(first), proposal.EvidenceSessions);
    }

    [Fact]
    public async Task A_production_config_without_the_password_or_combined_with_bench_options_is_refused_in_one_line()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            Tls = true, Users = UplinkTestEnvironment.Users, Acl = UplinkTestEnvironment.Acl,
        });
        string config = WriteConfig(broker);

        var (code, _, stderr) = CliProcess.Run(new Dictionary<string, string?> { [PasswordEnv] = null }, "session", "--config", config, "--exercise", "heel_slide");
        Assert.Equal(2, code);
        Assert.Contains(PasswordEnv, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));

        (code, _, stderr) = CliProcess.Run(WithPassword, "outbox", "push", "--config", config, "--mqtt-host", "localhost");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --mqtt-host cannot be combined with --config", stderr, StringComparison.Ordinal);

        string plain = WriteConfig(broker, c => c["mqtt"]!["tls"]!["enabled"] = false, "plain.json");
        (code, _, stderr) = CliProcess.Run(WithPassword, "session", "--config", plain, "--exercise", "heel_slide");
        Assert.Equal(2, code);
        Assert.Contains("requires TLS", stderr, StringComparison.Ordinal);

        // a wrong password: the session is recorded and stays queued; the error names broker, gateway and user
        (code, string stdout, stderr) = CliProcess.Run(new Dictionary<string, string?> { [PasswordEnv] = "wrong" }, "session", "--config", config,
            "--exercise", "heel_slide", "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("outbox_pending").GetInt32() > 0, stdout);
        Assert.Equal(0, json.RootElement.GetProperty("published").GetInt64());
        string uplinkError = json.RootElement.GetProperty("uplink_error").GetString()!;
        Assert.Contains("gw-01", uplinkError, StringComparison.Ordinal);
    }
}
