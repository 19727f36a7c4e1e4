using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>
/// Telemetry held in memory, fed with contract messages exactly as ingest receives them. For the demo without a
/// store and for page tests; the service itself uses the storage adapter.
/// </summary>
public sealed class InMemoryTelemetry : ITelemetryReader, ITelemetrySink
{
    public Task WriteAsync(IReadOnlyList<(TopicPath Topic, ContractMessage Message)> messages, CancellationToken ct = default)
    {
        foreach ((TopicPath topic, ContractMessage message) in messages) Accept(topic, message);
        return Task.CompletedTask;
    }

    private readonly ConcurrentDictionary<string, SessionSummaryMessage> _summaries = new();
    private readonly ConcurrentDictionary<string, RepsMessage> _reps = new();
    private readonly ConcurrentDictionary<string, FeedbackEventsMessage> _events = new();
    private readonly ConcurrentDictionary<(string, int), AngleCurveMessage> _curves = new();
    private readonly ConcurrentDictionary<string, BandState> _bands = new();

    /// <summary>Accepts one uplink message (idempotent: the same ids overwrite themselves).</summary>
    public void Accept(TopicPath topic, ContractMessage message)
    {
        switch (message)
        {
            case SessionSummaryMessage s: _summaries[s.SessionId] = s; break;
            case RepsMessage r: _reps[r.SessionId] = r; break;
            case FeedbackEventsMessage e: _events[e.SessionId] = e; break;
            case AngleCurveMessage c: _curves[(c.SessionId, c.Chunk)] = c; break;
            case BandStatusMessage b: _bands[b.BandId] = ContractMapping.ToBand(topic.Site, topic.Gateway, null, b); break;
            default: throw new ArgumentException($"Message schema '{message.Schema}' is not telemetry this store keeps.", nameof(message));
        }
    }

    public Task<IReadOnlyList<SessionSummary>> SessionsAsync(string pseudonym, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<SessionSummary>>(_summaries.Values.Where(s => s.Citizen == pseudonym)
            .Select(ContractMapping.ToSummary).OrderBy(s => s.StartUtc).ToList());

    public Task<SessionTrace?> SessionAsync(string sessionId, CancellationToken ct = default)
    {
        if (!_summaries.TryGetValue(sessionId, out SessionSummaryMessage? s)) return Task.FromResult<SessionTrace?>(null);
        (List<double> t, List<double> a) = ContractMapping.JoinCurve(_curves.Where(kv => kv.Key.Item1 == sessionId).Select(kv => kv.Value));
        _reps.TryGetValue(sessionId, out RepsMessage? reps);
        _events.TryGetValue(sessionId, out FeedbackEventsMessage? ev);
        reps ??= new RepsMessage { MessageId = "none", SentAt = s.SentAt, SessionId = sessionId, Citizen = s.Citizen, SessionStartedAt = s.StartedAt };
        return Task.FromResult<SessionTrace?>(new SessionTrace(ContractMapping.ToSummary(s), t, a,
            reps.Reps.Select(ContractMapping.ToRep).ToList(), ContractMapping.ToFlags(reps, ev).OrderBy(f => f.AtS).ToList()));
    }

    public Task<IReadOnlyList<BandState>> BandsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<BandState>>(_bands.Values.OrderBy(b => b.BandId, StringComparer.Ordinal).ToList());

    public Task<long> EraseAsync(string pseudonym, CancellationToken ct = default)
    {
        long n = 0;
        foreach (var kv in _summaries.Where(kv => kv.Value.Citizen == pseudonym).ToList()) n += _summaries.TryRemove(kv.Key, out _) ? 1 : 0;
        foreach (var kv in _reps.Where(kv => kv.Value.Citizen == pseudonym).ToList()) n += _reps.TryRemove(kv.Key, out _) ? 1 : 0;
        foreach (var kv in _events.Where(kv => kv.Value.Citizen == pseudonym).ToList()) n += _events.TryRemove(kv.Key, out _) ? 1 : 0;
        foreach (var kv in _curves.Where(kv => kv.Value.Citizen == pseudonym).ToList()) n += _curves.TryRemove(kv.Key, out _) ? 1 : 0;
        return Task.FromResult(n);
    }
}
