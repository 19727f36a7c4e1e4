using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Sensors.Analytics.Storage;
using Sensors.Contracts;

namespace Sensors.Analytics.Ingest;

/// <summary>
/// MQTT ingest (hosted service): subscribes to the uplink tree with QoS 1 on a persistent session (CleanStart = false,
/// session expiry) and acknowledges a message only after it is durably stored. Valid messages are stored in batches
/// (one transaction); invalid ones (malformed JSON, unknown version, wrong schema for the topic, out-of-range values,
/// topic outside the tree) go to the dead-letter table with the reason and raw bytes, then are acknowledged. When the
/// store fails nothing of the batch is acknowledged: the client disconnects and reconnects (back-off), and the broker
/// redelivers the unacknowledged messages on the resumed session; the message-id record makes the redelivery a no-op
/// where it was stored before. Downlink program messages (matched by the same filter) are acknowledged and ignored.
/// After each stored batch a receipt per gateway names the stored message ids (<see cref="IngestOptions.SendReceipts"/>):
/// end to end, a message is done only when analytics has it, not when the broker acknowledged it.
/// </summary>
public sealed class MqttIngestService : BackgroundService
{
    private readonly ITelemetryStore _store;
    private readonly IDeadLetterStore _deadLetters;
    private readonly IngestOptions _options;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly IngestCounters _counters = new();
    private volatile bool _connected;
    private long _receiptSeq;

    /// <summary>Creates the service (nothing connects before the host starts it).</summary>
    public MqttIngestService(ITelemetryStore store, IDeadLetterStore deadLetters, IngestOptions options,
        ILogger<MqttIngestService>? logger = null, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _deadLetters = deadLetters ?? throw new ArgumentNullException(nameof(deadLetters));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>True while connected and subscribed.</summary>
    public bool IsConnected => _connected;

    /// <summary>Counters for diagnostics (stored, duplicates, dead letters, acks, store failures, connects).</summary>
    public IngestCounters Counters => _counters;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            _log.LogInformation("MQTT ingest is disabled (Ingest:Enabled = false)");
            return;
        }
        _options.Validate();
        TimeSpan delay = TimeSpan.FromSeconds(_options.ReconnectMinS);
        bool initialized = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool sessionWorked = false;
            try
            {
                if (!initialized)
                {
                    await _store.InitializeAsync(stoppingToken);
                    initialized = true;
                }
                sessionWorked = await RunConnectionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (_log.IsEnabled(LogLevel.Warning))
                    _log.LogWarning(ex, "MQTT ingest: connection to {Host}:{Port} ended: {Reason}", _options.Host, _options.EffectivePort, ex.Message);
            }
            _connected = false;
            if (stoppingToken.IsCancellationRequested) break;
            if (sessionWorked) delay = TimeSpan.FromSeconds(_options.ReconnectMinS);
            try
            {
                await Task.Delay(delay, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, _options.ReconnectMaxS));
        }
    }

    /// <summary>One connection: connect, subscribe, consume until disconnected, stopped or a store failure. True when it got connected.</summary>
    private async Task<bool> RunConnectionAsync(CancellationToken stoppingToken)
    {
        var factory = new MqttClientFactory();
        using IMqttClient client = factory.CreateMqttClient();
        var inbox = Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions { SingleReader = true });
        using var connectionEnded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);

        client.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false; // acknowledged by the consumer after the store commits
            inbox.Writer.TryWrite(e);
            return Task.CompletedTask;
        };
        client.DisconnectedAsync += e =>
        {
            inbox.Writer.TryComplete();
            return Task.CompletedTask;
        };

        MqttClientConnectResult connect = await client.ConnectAsync(BuildClientOptions(), stoppingToken);
        if (connect.ResultCode != MqttClientConnectResultCode.Success)
            throw new IOException($"broker refused the connection: {connect.ResultCode} {connect.ReasonString}");
        MqttClientSubscribeResult sub = await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(_options.TopicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithNoLocal(true)) // not our own receipts
            .Build(), stoppingToken);
        foreach (MqttClientSubscribeResultItem item in sub.Items)
            if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
                throw new IOException($"broker refused the subscription to '{_options.TopicFilter}': {item.ResultCode}");
        _connected = true;
        _counters.Connect();
        if (_log.IsEnabled(LogLevel.Information))
            _log.LogInformation("MQTT ingest connected to {Host}:{Port} as {ClientId} (session present: {SessionPresent})",
            _options.Host, _options.EffectivePort, _options.ClientId, connect.IsSessionPresent);

        try
        {
            await ConsumeAsync(client, inbox.Reader, stoppingToken);
        }
        finally
        {
            _connected = false;
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _log.LogDebug(ex, "MQTT ingest: disconnect failed");
                }
            }
        }
        return true;
    }

    private async Task ConsumeAsync(IMqttClient client, ChannelReader<MqttApplicationMessageReceivedEventArgs> inbox, CancellationToken ct)
    {
        var received = new List<MqttApplicationMessageReceivedEventArgs>(_options.BatchSize);
        var valid = new List<IncomingMessage>(_options.BatchSize);
        var validArgs = new List<MqttApplicationMessageReceivedEventArgs>(_options.BatchSize);
        while (await inbox.WaitToReadAsync(ct))
        {
            received.Clear();
            while (received.Count < _options.BatchSize && inbox.TryRead(out MqttApplicationMessageReceivedEventArgs? e)) received.Add(e);
            valid.Clear();
            validArgs.Clear();
            DateTimeOffset now = _time.GetUtcNow();
            foreach (MqttApplicationMessageReceivedEventArgs e in received)
            {
                string topic = e.ApplicationMessage.Topic;
                byte[] payload = e.ApplicationMessage.Payload.ToArray();
                if (TopicPath.TryParse(topic, out TopicPath? path, out _) && path!.Kind is TopicKind.Program or TopicKind.Receipt)
                {
                    _counters.IgnoredDownlink();
                    await AckAsync(e, ct); // our own downlink (retained programs, receipts), not telemetry
                    continue;
                }
                if (ContractSerializer.TryDeserialize(topic, payload, out ContractMessage? message, out path, out string error))
                {
                    valid.Add(new IncomingMessage(path!, message!, now));
                    validArgs.Add(e);
                    continue;
                }
                // Durable before the ack; if this write fails the exception ends the connection unacknowledged (redelivered).
                long id = await _deadLetters.AddAsync(topic, error, payload, now, ct);
                _counters.DeadLetter();
                _log.LogWarning("MQTT ingest: dead letter {Id} from {Topic}: {Reason}", id, topic, error);
                await AckAsync(e, ct);
            }
            if (valid.Count == 0) continue;
            StoreResult result;
            try
            {
                result = await _store.StoreAsync(valid, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                _counters.StoreFailure();
                _log.LogError(ex, "MQTT ingest: storing {Count} message(s) failed; not acknowledged, reconnecting for redelivery", valid.Count);
                throw new IOException($"store failed for {valid.Count} message(s): {ex.Message}", ex);
            }
            _counters.Stored(result);
            foreach (MqttApplicationMessageReceivedEventArgs e in validArgs) await AckAsync(e, ct);
            if (_options.SendReceipts) await SendReceiptsAsync(client, valid, now, ct);
        }
    }

    /// <summary>
    /// One receipt per gateway for the ids just stored (or already held). A receipt that cannot be sent is only logged: the
    /// gateway then publishes those messages again and the next batch confirms them (duplicates are no-ops).
    /// </summary>
    private async Task SendReceiptsAsync(IMqttClient client, List<IncomingMessage> stored, DateTimeOffset now, CancellationToken ct)
    {
        string sender = _options.ReceiptSenderId;
        foreach (IGrouping<(string Site, string Gateway), IncomingMessage> g in stored.GroupBy(m => (m.Path.Site, m.Path.Gateway)))
        {
            List<string> ids = g.Select(m => m.Message.MessageId).Distinct(StringComparer.Ordinal).ToList();
            for (int from = 0; from < ids.Count; from += ReceiptMessage.MaxIds)
            {
                long n = Interlocked.Increment(ref _receiptSeq);
                var receipt = new ReceiptMessage
                {
                    MessageId = string.Create(CultureInfo.InvariantCulture, $"{sender}/{now.ToUnixTimeMilliseconds()}/{n}"),
                    SentAt = now,
                    MessageIds = ids.GetRange(from, Math.Min(ReceiptMessage.MaxIds, ids.Count - from)),
                };
                try
                {
                    await client.PublishAsync(new MqttApplicationMessageBuilder()
                        .WithTopic(Topics.Receipt(g.Key.Site, g.Key.Gateway, sender))
                        .WithPayload(ContractSerializer.Serialize(receipt))
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build(), ct);
                    _counters.Receipt();
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
                {
                    _log.LogWarning(ex, "MQTT ingest: receipt for {Count} message(s) of {Site}/{Gateway} not sent: {Reason}", receipt.MessageIds.Count, g.Key.Site, g.Key.Gateway, ex.Message);
                }
            }
        }
    }

    private async Task AckAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken ct)
    {
        await e.AcknowledgeAsync(ct);
        _counters.Ack();
    }

    private MqttClientOptions BuildClientOptions()
    {
        MqttClientOptionsBuilder b = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.EffectivePort)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(_options.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(_options.SessionExpiryS)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(Math.Max(5, _options.KeepAliveS)))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_options.Username is not null) b = b.WithCredentials(_options.Username, _options.Password ?? string.Empty);
        if (_options.UseTls)
        {
            X509Certificate2? ca = _options.CaCertificatePath is null ? null : X509CertificateLoader.LoadCertificateFromFile(_options.CaCertificatePath);
            b = b.WithTlsOptions(o =>
            {
                o.UseTls();
                if (ca is not null) o.WithCertificateValidationHandler(args => ValidateWithCa(args.Certificate, args.SslPolicyErrors, ca));
            });
        }
        return b.Build();
    }

    /// <summary>Accepts the broker's certificate when it chains to the configured CA and its name matches.</summary>
    internal static bool ValidateWithCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (certificate is null) return false;
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using X509Certificate2 server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }
}

/// <summary>Ingest counters (thread-safe), for diagnostics and tests.</summary>
public sealed class IngestCounters
{
    private long _stored, _duplicates, _samples, _deadLetters, _acks, _storeFailures, _connects, _ignored, _receipts;

    /// <summary>Receipts sent to gateways.</summary>
    public long Receipts => Interlocked.Read(ref _receipts);

    /// <summary>Messages stored.</summary>
    public long StoredMessages => Interlocked.Read(ref _stored);
    /// <summary>Messages skipped as already stored (redelivered or re-published).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);
    /// <summary>Curve samples stored.</summary>
    public long Samples => Interlocked.Read(ref _samples);
    /// <summary>Messages sent to the dead-letter table.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);
    /// <summary>Acknowledgements sent.</summary>
    public long Acks => Interlocked.Read(ref _acks);
    /// <summary>Store failures (each ends the connection without ack).</summary>
    public long StoreFailures => Interlocked.Read(ref _storeFailures);
    /// <summary>Successful connections (1 + reconnects).</summary>
    public long Connects => Interlocked.Read(ref _connects);
    /// <summary>Downlink program messages seen and ignored.</summary>
    public long IgnoredDownlinkMessages => Interlocked.Read(ref _ignored);

    internal void Stored(StoreResult r)
    {
        Interlocked.Add(ref _stored, r.Stored);
        Interlocked.Add(ref _duplicates, r.Duplicates);
        Interlocked.Add(ref _samples, r.Samples);
    }
    internal void DeadLetter() => Interlocked.Increment(ref _deadLetters);
    internal void Ack() => Interlocked.Increment(ref _acks);
    internal void StoreFailure() => Interlocked.Increment(ref _storeFailures);
    internal void Connect() => Interlocked.Increment(ref _connects);
    internal void IgnoredDownlink() => Interlocked.Increment(ref _ignored);
    internal void Receipt() => Interlocked.Increment(ref _receipts);
}
