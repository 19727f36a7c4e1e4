using System;
using System.Buffers;
using System.Linq;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Downlink;
using Sensors.Gateway.Sessions.Outbox;

namespace Sensors.Gateway.Sessions.Uplink;

/// <summary>
/// The gateway's MQTT link (MQTTnet 5, MQTT 5): a persistent session (clean start off, session expiry), QoS 1, TLS and
/// per-gateway credentials from <see cref="MqttUplinkOptions"/>. Drains the <see cref="SessionOutbox"/> in order and
/// marks a row published only after its PUBACK; a connection lost before the PUBACK re-publishes the row after the
/// reconnect (same message id, so a duplicate is harmless). Reconnects with exponential backoff and jitter.
/// Downlink: subscribes to <see cref="Topics.ProgramsOf"/> (retained) and hands programs to the <see cref="ProgramCache"/>.
/// End-to-end receipts (<see cref="MqttUplinkOptions.ReceiptTimeoutS"/> &gt; 0): subscribes to <see cref="Topics.ReceiptsOf"/>,
/// marks the rows analytics confirms, and publishes again what stays unconfirmed after the timeout (at most
/// <see cref="MqttUplinkOptions.MaxRepublish"/> times) — a broker crash between its PUBACK and its next save loses nothing.
/// </summary>
public sealed class MqttUplink : IAsyncDisposable
{
    private readonly SessionOutbox _outbox;
    private readonly ProgramCache? _programs;
    private readonly IMqttClient _client;
    private readonly ReconnectBackoff _backoff;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly X509Certificate2? _ca;
    private readonly X509Certificate2? _clientCertificate;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private long _published;
    private long _connects;
    private DateTime _lastHousekeeping = DateTime.MinValue;
    private DateTime _lastReceiptCheck = DateTime.MinValue;
    private volatile bool _receiptsSubscribed;
    private long _confirmed;
    private long _republished;

    /// <summary>Creates the uplink; validates the options (production without TLS or credentials is refused here).</summary>
    /// <exception cref="UplinkConfigurationException">The options are not usable.</exception>
    public MqttUplink(MqttUplinkOptions options, SessionOutbox outbox, ProgramCache? programs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outbox);
        options.Validate();
        Options = options;
        _outbox = outbox;
        _programs = programs;
        _backoff = new ReconnectBackoff(options.ReconnectInitialS, options.ReconnectMaxS, options.ReconnectJitter);
        try
        {
            if (options.Tls.CaFile is { } ca) _ca = X509CertificateLoader.LoadCertificateFromFile(ca);
            if (options.Tls.ClientCertificateFile is { } cert) _clientCertificate = X509Certificate2.CreateFromPemFile(cert, options.Tls.ClientKeyFile);
        }
        catch (CryptographicException ex)
        {
            throw new UplinkConfigurationException($"mqtt.tls: cannot read certificate: {ex.Message}", ex);
        }
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += _ =>
        {
            _wake.Release();
            return Task.CompletedTask;
        };
        _outbox.Enqueued += OnEnqueued;
    }

    private void OnEnqueued(object? sender, EventArgs e) => _wake.Release();

    /// <summary>The options.</summary>
    public MqttUplinkOptions Options { get; }

    /// <summary>Current state.</summary>
    public UplinkState State { get; private set; } = UplinkState.Stopped;

    /// <summary>The last connection or publish error in words (null when none since the last connect).</summary>
    public string? LastError { get; private set; }

    /// <summary>Rows published (PUBACK received) since start.</summary>
    public long PublishedCount => Interlocked.Read(ref _published);

    /// <summary>Rows confirmed by analytics receipts since start.</summary>
    public long ConfirmedCount => Interlocked.Read(ref _confirmed);

    /// <summary>Rows put back for re-publishing because their receipt did not come in time, since start.</summary>
    public long RepublishedCount => Interlocked.Read(ref _republished);

    /// <summary>Successful connects since start.</summary>
    public long ConnectCount => Interlocked.Read(ref _connects);

    /// <summary>True while connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Raised after a row's PUBACK was recorded (on the uplink's loop: keep handlers short).</summary>
    public event EventHandler<OutboxEntry>? Published;

    /// <summary>Raised on a connection, publish or downlink error, with words naming broker, gateway and reason.</summary>
    public event EventHandler<string>? Error;

    /// <summary>Starts the background loop (connect, drain, reconnect).</summary>
    public void Start()
    {
        if (_loop is not null) throw new InvalidOperationException("uplink already started");
        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Stops the loop and disconnects (the broker keeps the session for <see cref="MqttUplinkOptions.SessionExpiryS"/>).</summary>
    public async Task StopAsync()
    {
        if (_loop is null || _stop is null) return;
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        _loop = null;
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build());
            }
            catch (MqttCommunicationException)
            {
                // already gone
            }
        }
        State = UplinkState.Stopped;
    }

    /// <summary>One connect attempt (and the program subscription); throws with a clear reason.</summary>
    /// <exception cref="UplinkConnectionException">Refused (credentials, TLS) or unreachable.</exception>
    public async Task ConnectOnceAsync(CancellationToken ct = default)
    {
        string where = $"broker {Options.Host}:{Options.Port} ({(Options.Tls.Enabled ? "TLS" : "plain")}), gateway {Options.Site}/{Options.Gateway}, client '{Options.EffectiveClientId}'";
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(BuildClientOptions(), ct);
        }
        catch (MqttConnectingFailedException ex)
        {
            // MQTTnet 5 names the CONNACK reason code only in the message
            bool auth = ex.Message.Contains(nameof(MqttClientConnectResultCode.BadUserNameOrPassword), StringComparison.Ordinal)
                || ex.Message.Contains(nameof(MqttClientConnectResultCode.NotAuthorized), StringComparison.Ordinal);
            throw new UplinkConnectionException(auth
                ? $"{where}: the broker refused the credentials of user '{Options.Username}' ({ex.Message}); check mqtt.username / the password for this gateway"
                : $"{where}: connect refused ({ex.Message})", auth, ex);
        }
        catch (MqttCommunicationException ex)
        {
            Exception root = ex.GetBaseException();
            string reason = root is AuthenticationException ? $"TLS handshake failed: {root.Message}" : root.Message;
            throw new UplinkConnectionException($"{where}: {reason}", false, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new UplinkConnectionException($"{where}: connect timed out after {Options.ConnectTimeoutS} s", false, ex);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            bool auth = result.ResultCode is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized;
            throw new UplinkConnectionException(auth
                ? $"{where}: the broker refused the credentials of user '{Options.Username}' ({result.ResultCode}); check mqtt.username / the password for this gateway"
                : $"{where}: connect refused ({result.ResultCode} {result.ReasonString})", auth);
        }
        Interlocked.Increment(ref _connects);
        if (_programs is not null)
        {
            string filter = Topics.ProgramsOf(Options.Site, Options.Gateway);
            if (!await SubscribeAsync(filter, ct))
                RaiseError($"{where}: subscription to {filter} refused; programs arrive only from the cache");
        }
        if (Options.ReceiptTimeoutS > 0)
        {
            string filter = Topics.ReceiptsOf(Options.Site, Options.Gateway);
            _receiptsSubscribed = await SubscribeAsync(filter, ct);
            if (!_receiptsSubscribed)
                RaiseError($"{where}: subscription to {filter} refused (broker ACL: topic read {filter}); without receipts the gateway trusts the broker's PUBACK");
        }
        State = UplinkState.Connected;
        LastError = null;
    }

    private async Task<bool> SubscribeAsync(string filter, CancellationToken ct)
    {
        MqttClientSubscribeResult sub = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build(), ct);
        foreach (MqttClientSubscribeResultItem item in sub.Items)
            if ((int)item.ResultCode >= 0x80) return false;
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _outbox.Enqueued -= OnEnqueued; // the outbox outlives this uplink (a later uplink drains it)
        await StopAsync();
        _client.Dispose();
        _stop?.Dispose();
        _wake.Dispose();
        _ca?.Dispose();
        _clientCertificate?.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    State = UplinkState.Connecting;
                    await ConnectOnceAsync(ct);
                    _backoff.Reset();
                }
                await DrainAsync(ct);
                if (RequeueUnconfirmed() > 0) continue;
                Housekeeping();
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is UplinkConnectionException or MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                bool auth = ex is UplinkConnectionException { IsAuthenticationFailure: true };
                State = auth ? UplinkState.AuthenticationFailed : UplinkState.WaitingToReconnect;
                TimeSpan delay = _backoff.Next();
                RaiseError($"{ex.Message} — retry {_backoff.Attempt} in {delay.TotalSeconds:F1} s; {_outbox.GetCounts().Pending} messages wait in the outbox");
                if (_client.IsConnected)
                {
                    try
                    {
                        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                    }
                    catch (MqttCommunicationException)
                    {
                        // already broken
                    }
                }
                try
                {
                    await Task.Delay(delay, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        while (true)
        {
            var batch = _outbox.GetPending(64);
            if (batch.Count == 0) return;
            foreach (OutboxEntry e in batch)
            {
                if (!_client.IsConnected) throw new UplinkConnectionException($"broker {Options.Host}:{Options.Port}: connection lost while publishing");
                MqttApplicationMessage message = new MqttApplicationMessageBuilder()
                    .WithTopic(e.Topic)
                    .WithPayload(e.Payload)
                    .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)e.Qos)
                    .WithRetainFlag(e.Retain)
                    .Build();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(Options.PublishTimeoutS));
                MqttClientPublishResult result;
                try
                {
                    result = await _client.PublishAsync(message, timeout.Token);
                }
                catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
                {
                    _outbox.MarkAttemptFailed(e.Seq, ex.Message);
                    throw new UplinkConnectionException($"broker {Options.Host}:{Options.Port}: no PUBACK for {e.MessageId} ({ex.Message})", false, ex);
                }
                if ((int)result.ReasonCode < 0x80)
                {
                    _outbox.MarkPublished(e.Seq);
                    Interlocked.Increment(ref _published);
                    Published?.Invoke(this, e);
                }
                else
                {
                    string reason = $"broker refused {e.Topic} ({result.ReasonCode}{(result.ReasonString is { Length: > 0 } s ? ": " + s : string.Empty)}); gateway {Options.Gateway} may publish only below sensors/v1/{Options.Site}/{Options.Gateway}/";
                    _outbox.MarkRejected(e.Seq, reason);
                    RaiseError(reason);
                }
            }
        }
    }

    /// <summary>At most every second while connected: rows PUBACKed but not confirmed within the receipt timeout go back to pending.</summary>
    private int RequeueUnconfirmed()
    {
        if (!_receiptsSubscribed || DateTime.UtcNow - _lastReceiptCheck < TimeSpan.FromSeconds(1)) return 0;
        _lastReceiptCheck = DateTime.UtcNow;
        int n = _outbox.RequeueUnconfirmed(TimeSpan.FromSeconds(Options.ReceiptTimeoutS), Options.MaxRepublish);
        if (n > 0)
        {
            Interlocked.Add(ref _republished, n);
            RaiseError($"{n} message(s) acknowledged by broker {Options.Host}:{Options.Port} but not confirmed by analytics within {Options.ReceiptTimeoutS:F0} s: publishing them again");
        }
        return n;
    }

    private void Housekeeping()
    {
        if (DateTime.UtcNow - _lastHousekeeping < TimeSpan.FromMinutes(10)) return;
        _lastHousekeeping = DateTime.UtcNow;
        _outbox.Prune();
        _outbox.EnforceQuota();
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        if (TopicPath.TryParse(e.ApplicationMessage.Topic, out TopicPath? path, out _) && path!.Kind == TopicKind.Receipt)
        {
            // recorded before the handler returns, so the PUBACK goes out after the write
            if (ContractSerializer.TryDeserialize(e.ApplicationMessage.Topic, payload, out ContractMessage? m, out _, out string why) && m is ReceiptMessage receipt)
                Interlocked.Add(ref _confirmed, _outbox.MarkConfirmed(receipt.MessageIds.ToArray()));
            else
                RaiseError($"receipt refused: {why}");
            return Task.CompletedTask;
        }
        if (_programs is null) return Task.CompletedTask;
        if (payload.Length == 0) return Task.CompletedTask; // a cleared retained program: keep the cached one
        // stored (or refused) before the handler returns, so the PUBACK goes out after the write
        if (_programs.Offer(e.ApplicationMessage.Topic, payload, out string error) == ProgramOfferResult.Invalid)
            RaiseError($"downlink program refused: {error}");
        return Task.CompletedTask;
    }

    private MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Options.Host, Options.Port)
            .WithClientId(Options.EffectiveClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(Options.SessionExpiryS)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(Options.KeepAliveS))
            .WithTimeout(TimeSpan.FromSeconds(Options.ConnectTimeoutS));
        if (Options.Username is { } user) builder = builder.WithCredentials(user, Options.EffectivePassword);
        if (Options.Tls.Enabled)
        {
            builder = builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                tls.WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
                tls.WithTargetHost(Options.Tls.TargetHost ?? Options.Host);
                if (_ca is not null) tls.WithCertificateValidationHandler(args => ValidateWithCa(args.Certificate, args.SslPolicyErrors, _ca));
                if (_clientCertificate is not null) tls.WithClientCertificates([_clientCertificate]);
            });
        }
        return builder.Build();
    }

    private static bool ValidateWithCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using X509Certificate2 server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    private void RaiseError(string message)
    {
        LastError = message;
        Error?.Invoke(this, message);
    }
}
