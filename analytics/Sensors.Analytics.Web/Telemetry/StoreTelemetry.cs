using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Storage;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>
/// The web's telemetry port over the analytics storage (<see cref="ITelemetryStore"/>, SQLite or InfluxDB as configured):
/// sessions with ROM per session (from the store's ROM history), session detail (curve, reps, flags), latest band
/// status, proposals and erasure. As a sink it stores contract messages exactly as ingest does (demo seeding).
/// </summary>
public sealed class StoreTelemetry(ITelemetryStore store, TimeProvider clock) : ITelemetryReader, ITelemetrySink
{
    // Whole history; both ends well inside every backend's time range (InfluxDB: int64 ns since 1970).
    private static readonly DateTimeOffset From = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Backend => store.Backend;

    public async Task<IReadOnlyList<SessionSummary>> SessionsAsync(string pseudonym, CancellationToken ct = default)
    {
        IReadOnlyList<SessionRecord> sessions = await store.GetSessionsAsync(pseudonym, From, To, ct).ConfigureAwait(false);
        if (sessions.Count == 0) return [];
        IReadOnlyList<RomPoint> rom = await store.GetRomHistoryAsync(pseudonym, From, To, ct).ConfigureAwait(false);
        Dictionary<SessionKey, List<RomPoint>> byKey = rom.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.ToList());
        return sessions.Select(s => ContractMapping.ToSummary(s, byKey.GetValueOrDefault(s.Key)))
            .OrderBy(s => s.StartUtc).ToList();
    }

    public async Task<SessionTrace?> SessionAsync(string pseudonym, string sessionId, CancellationToken ct = default)
    {
        foreach (SessionKey key in await store.FindSessionAsync(sessionId, ct).ConfigureAwait(false))
        {
            SessionDetail? d = await store.GetSessionAsync(key, ct).ConfigureAwait(false);
            if (d is null || d.Citizen != pseudonym || d.Summary is null) continue;
            (List<double> t, List<double> a) = ContractMapping.JoinCurve(d);
            return new SessionTrace(ContractMapping.ToSummary(d.Summary), t, a, d.Reps.Select(ContractMapping.ToRep).ToList(),
                ContractMapping.ToFlags(d.Reps, d.Events).OrderBy(f => f.AtS).ToList());
        }
        return null;
    }

    public async Task<IReadOnlyList<GatewayProposal>> ProposalsAsync(string pseudonym, CancellationToken ct = default) =>
        (await store.GetProposalsAsync(pseudonym, ct).ConfigureAwait(false)).Select(ContractMapping.ToProposal).ToList();

    public async Task<IReadOnlyList<BandState>> BandsAsync(CancellationToken ct = default) =>
        (await store.GetLatestBandStatusAsync(ct).ConfigureAwait(false)).Select(ContractMapping.ToBand)
            .OrderBy(b => b.BandId, StringComparer.Ordinal).ToList();

    public async Task<long> EraseAsync(string pseudonym, CancellationToken ct = default) =>
        (await store.EraseCitizenAsync(pseudonym, ct).ConfigureAwait(false)).RecordsDeleted;

    public async Task WriteAsync(IReadOnlyList<(TopicPath Topic, ContractMessage Message)> messages, CancellationToken ct = default)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var batch = new List<IncomingMessage>(messages.Count);
        foreach ((TopicPath topic, ContractMessage message) in messages)
        {
            if (message.Validate() is { } error) throw new ArgumentException($"Message {message.MessageId} on {topic}: {error}", nameof(messages));
            batch.Add(new IncomingMessage(topic, message, now));
        }
        await store.StoreAsync(batch, ct).ConfigureAwait(false);
    }
}
