using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Sensors.Analytics.Storage;
using Sensors.Contracts;
using Xunit;
using static Sensors.Analytics.Tests.TelemetryData;

namespace Sensors.Analytics.Tests;

/// <summary>
/// One behaviour suite for every <see cref="ITelemetryStore"/> backend: what is stored comes back exactly (truth =
/// the generated messages), redelivery is idempotent, gaps stay gaps, the queries the therapist UI needs, erasure.
/// </summary>
public abstract class TelemetryStoreContract : IAsyncLifetime
{
    private ITelemetryStore? _store;

    /// <summary>A fresh, empty store of the backend under test.</summary>
    protected abstract Task<ITelemetryStore> CreateStoreAsync();

    protected ITelemetryStore Store => _store ?? throw new InvalidOperationException("not initialized");

    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static System.Threading.CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Whole_session_comes_back_with_summary_curve_gaps_reps_and_events()
    {
        DateTimeOffset start = Monday.AddHours(9).AddMilliseconds(123);
        StoreResult r = await Store.StoreAsync(WholeSession("c-001", "s-1", start), Ct);
        Assert.Equal(6, r.Stored);
        Assert.Equal(0, r.Duplicates);
        Assert.Equal(300, r.Samples);

        var key = new SessionKey(Site, Gateway, "s-1");
        SessionDetail? d = await Store.GetSessionAsync(key, Ct);
        Assert.NotNull(d);
        Assert.Equal("c-001", d.Citizen);
        Assert.True(d.CurveComplete);
        SessionSummaryMessage truth = Summary("c-001", "s-1", start);
        SessionRecord s = d.Summary!;
        Assert.Equal(start, s.StartedAtUtc);
        Assert.Equal(truth.EndedAt, s.EndedAtUtc);
        Assert.Equal(("knee-basic", 2, 1.5, 12L, 1, 3), (s.ProgramId, s.ProgramVersion, s.GapsS, s.FramesLost, s.StrapSlips, s.CurveChunks));
        Assert.Equal(truth.Exercises.Count, s.Exercises.Count);
        for (int e = 0; e < truth.Exercises.Count; e++)
        {
            Assert.Equal(truth.Exercises[e].MaxFlexionRad, s.Exercises[e].MaxFlexionRad);
            Assert.Equal(truth.Exercises[e].MinFlexionRad, s.Exercises[e].MinFlexionRad);
            Assert.Equal(truth.Exercises[e].TargetExtensionRad, s.Exercises[e].TargetExtensionRad);
            Assert.Equal(truth.Exercises[e].FlagCounts["too_fast"], s.Exercises[e].FlagCounts["too_fast"]);
        }

        Assert.Equal(3, d.Curve.Count);
        for (int c = 0; c < 3; c++)
        {
            CurveChunk chunk = d.Curve[c];
            Assert.Equal(c, chunk.Chunk);
            Assert.Equal(10.0 * c, chunk.StartS);
            Assert.Equal(100, chunk.AngleRad.Count);
            for (int i = 0; i < 100; i++) Assert.Equal(TrueAngle(c, i), chunk.AngleRad[i]);
        }
        (double[] t, double?[] a) = d.Flatten();
        Assert.Equal(300, t.Length);
        Assert.Equal(14.5, t[145], 9);
        Assert.Null(a[145]); // chunk 1, sample 45: inside the 20-sample gap
        Assert.Equal(TrueAngle(2, 10), a[210]);

        RepsMessage reps = Reps("c-001", "s-1", start);
        Assert.Equal(reps.Reps.Count, d.Reps.Count);
        Assert.Equal(reps.Reps[3].Flags, d.Reps[3].Flags);
        Assert.Equal(reps.Reps[4].PeakFlexionRad, d.Reps[4].PeakFlexionRad);
        Assert.False(d.Reps[2].Complete);
        Assert.Equal(2, d.Events.Count);
        Assert.Equal(("slow_down", 23.25, "slower, please"), (d.Events[1].Kind, d.Events[1].TS, d.Events[1].Detail));
    }

    [Fact]
    public async Task Redelivered_and_republished_messages_create_no_duplicates()
    {
        DateTimeOffset start = Monday.AddHours(10);
        List<IncomingMessage> session = WholeSession("c-002", "s-2", start);
        await Store.StoreAsync(session, Ct);
        StoreResult again = await Store.StoreAsync(session, Ct);
        Assert.Equal(0, again.Stored);
        Assert.Equal(session.Count, again.Duplicates);

        // Twice within one batch, as a broker may redeliver before the first ack.
        IncomingMessage band = In(Topics.BandStatus(Site, Gateway, "band-7"), Band("band-7", start, 0.8));
        StoreResult twice = await Store.StoreAsync([band, band], Ct);
        Assert.Equal((1, 1), (twice.Stored, twice.Duplicates));

        Assert.Single(await Store.GetSessionsAsync("c-002", Monday, Monday.AddDays(7), Ct));
        Assert.Equal(2, (await Store.GetRomHistoryAsync("c-002", Monday, Monday.AddDays(7), Ct)).Count);
        SessionDetail d = (await Store.GetSessionAsync(new SessionKey(Site, Gateway, "s-2"), Ct))!;
        Assert.Equal(300, d.Curve.Sum(c => c.AngleRad.Count));
        Assert.Equal(5, d.Reps.Count);
        Assert.Single(await Store.GetBandStatusHistoryAsync("band-7", Monday, Monday.AddDays(1), Ct));
        Assert.Equal(new[] { new WeeklySessionCount("c-002", DateOnly.FromDateTime(Monday.UtcDateTime), 1) },
            await Store.GetSessionsPerWeekAsync("c-002", Monday, Monday.AddDays(7), Ct));
    }

    [Fact]
    public async Task Missing_chunk_leaves_the_curve_incomplete_and_parts_arrive_in_any_order()
    {
        DateTimeOffset start = Monday.AddHours(11);
        // Curve before summary; chunk 1 never arrives.
        await Store.StoreAsync([In(Topics.SessionCurve(Site, Gateway, "s-3", 2), Curve("c-003", "s-3", start, 2))], Ct);
        SessionDetail? early = await Store.GetSessionAsync(new SessionKey(Site, Gateway, "s-3"), Ct);
        Assert.NotNull(early);
        Assert.Null(early.Summary);
        Assert.False(early.CurveComplete);
        Assert.Empty(early.Reps);
        await Store.StoreAsync([In(Topics.SessionCurve(Site, Gateway, "s-3", 0), Curve("c-003", "s-3", start, 0)),
            In(Topics.SessionSummary(Site, Gateway, "s-3"), Summary("c-003", "s-3", start))], Ct);
        SessionDetail d = (await Store.GetSessionAsync(new SessionKey(Site, Gateway, "s-3"), Ct))!;
        Assert.False(d.CurveComplete);
        Assert.Equal(new[] { 0, 2 }, d.Curve.Select(c => c.Chunk));
        for (int i = 0; i < 100; i++) Assert.Equal(TrueAngle(2, i), d.Curve[1].AngleRad[i]);
        Assert.Null(await Store.GetSessionAsync(new SessionKey(Site, Gateway, "nope"), Ct));
    }

    [Fact]
    public async Task Rom_history_and_sessions_per_week_over_twelve_weeks()
    {
        var batch = new List<IncomingMessage>();
        var starts = new List<DateTimeOffset>();
        int n = 0;
        for (int week = 0; week < 12; week++)
            for (int k = 0; k < (week % 3) + 1; k++, n++)
            {
                DateTimeOffset start = Monday.AddDays(7 * week + 2 * k).AddHours(8 + k);
                starts.Add(start);
                batch.Add(In(Topics.SessionSummary(Site, Gateway, $"s-{n}"), Summary("c-010", $"s-{n}", start, n, chunks: 0)));
            }
        batch.Add(In(Topics.SessionSummary(Site, Gateway, "other"), Summary("c-011", "other", Monday.AddDays(3), 99)));
        await Store.StoreAsync(batch, Ct);

        IReadOnlyList<RomPoint> rom = await Store.GetRomHistoryAsync("c-010", Monday, Monday.AddDays(84), Ct);
        Assert.Equal(2 * n, rom.Count);
        for (int i = 0; i < n; i++)
            for (int e = 0; e < 2; e++)
            {
                RomPoint p = rom[2 * i + e];
                Assert.Equal($"s-{i}", p.Key.SessionId);
                Assert.Equal(starts[i], p.StartedAtUtc);
                Assert.Equal(MaxFlexion(i, e), p.MaxFlexionRad);
                Assert.Equal(MinFlexion(i, e), p.MinFlexionRad);
                Assert.Equal(Levels.All[e], p.Level);
            }
        // Period bounds: [from, to).
        IReadOnlyList<RomPoint> weeks2to3 = await Store.GetRomHistoryAsync("c-010", Monday.AddDays(14), Monday.AddDays(28), Ct);
        Assert.Equal(2 * (3 + 1), weeks2to3.Count);

        IReadOnlyList<WeeklySessionCount> perWeek = await Store.GetSessionsPerWeekAsync("c-010", Monday, Monday.AddDays(84), Ct);
        Assert.Equal(12, perWeek.Count);
        for (int week = 0; week < 12; week++)
        {
            Assert.Equal(DateOnly.FromDateTime(Monday.UtcDateTime.AddDays(7 * week)), perWeek[week].WeekStartUtc);
            Assert.Equal(week % 3 + 1, perWeek[week].Sessions);
        }
        IReadOnlyList<WeeklySessionCount> all = await Store.GetSessionsPerWeekAsync(null, Monday, Monday.AddDays(84), Ct);
        Assert.Contains(new WeeklySessionCount("c-011", DateOnly.FromDateTime(Monday.UtcDateTime), 1), all);

        IReadOnlyList<SessionRecord> sessions = await Store.GetSessionsAsync("c-010", Monday.AddDays(7), Monday.AddDays(14), Ct);
        Assert.Equal(new[] { "s-1", "s-2" }, sessions.Select(s => s.Key.SessionId));
        Assert.Equal(MaxFlexion(2, 1), sessions[1].Exercises[1].MaxFlexionRad);
    }

    [Fact]
    public async Task Band_status_latest_per_band_and_history()
    {
        DateTimeOffset t0 = Monday.AddHours(7);
        await Store.StoreAsync([
            In(Topics.BandStatus(Site, Gateway, "band-1"), Band("band-1", t0, 0.9)),
            In(Topics.BandStatus(Site, Gateway, "band-1"), Band("band-1", t0.AddHours(2), 0.7, ["imu2_not_responding"])),
            In(Topics.BandStatus(Site, "gw-02", "band-2"), Band("band-2", t0.AddHours(1), 0.15)),
            In(Topics.BandStatus(Site, Gateway, "band-1"), Band("band-1", t0.AddHours(1), 0.8)),
        ], Ct);
        IReadOnlyList<BandStatusRecord> latest = await Store.GetLatestBandStatusAsync(Ct);
        Assert.Equal(new[] { "band-1", "band-2" }, latest.Select(b => b.BandId));
        Assert.Equal(0.7, latest[0].BatteryFraction);
        Assert.Equal(t0.AddHours(2), latest[0].SentAtUtc);
        Assert.Equal(new[] { "imu2_not_responding" }, latest[0].ErrorFlags);
        Assert.Equal("gw-02", latest[1].Gateway);
        Assert.Equal(("cert-band-2", true, "1.4.2"), (latest[1].Calibration!.CertificateId, latest[1].Calibration!.Passed, latest[1].FirmwareVersion));
        Assert.Equal(3.3 + 0.15, latest[1].BatteryV);

        IReadOnlyList<BandStatusRecord> history = await Store.GetBandStatusHistoryAsync("band-1", t0, t0.AddHours(2), Ct);
        Assert.Equal(new double?[] { 0.9, 0.8 }, history.Select(h => h.BatteryFraction));
    }

    [Fact]
    public async Task Proposals_by_citizen_newest_first()
    {
        await Store.StoreAsync([
            In(Topics.Proposal(Site, Gateway, "c-020"), Proposal("c-020", "p-1", Monday.AddDays(1))),
            In(Topics.Proposal(Site, Gateway, "c-020"), Proposal("c-020", "p-2", Monday.AddDays(8))),
            In(Topics.Proposal(Site, Gateway, "c-021"), Proposal("c-021", "p-3", Monday.AddDays(2))),
        ], Ct);
        IReadOnlyList<ProposalRecord> mine = await Store.GetProposalsAsync("c-020", Ct);
        Assert.Equal(new[] { "p-2", "p-1" }, mine.Select(p => p.MessageId));
        Assert.Equal(("easy", "medium", "3 sessions with all reps at target (\"easy\" done)"), (mine[0].FromLevel, mine[0].ToLevel, mine[0].Reason));
        Assert.Equal(new[] { "s-1", "s-2", "s-3" }, mine[0].EvidenceSessions);
        Assert.Equal(3, (await Store.GetProposalsAsync(null, Ct)).Count);
    }

    [Fact]
    public async Task Erasure_removes_everything_of_one_pseudonym_only()
    {
        DateTimeOffset start = Monday.AddDays(1).AddHours(9);
        await Store.StoreAsync(WholeSession("c-030", "s-30", start), Ct);
        await Store.StoreAsync(WholeSession("c-031", "s-31", start), Ct);
        await Store.StoreAsync([In(Topics.Proposal(Site, Gateway, "c-030"), Proposal("c-030", "p-30", start))], Ct);

        ErasureReport report = await Store.EraseCitizenAsync("c-030", Ct);
        Assert.True(report.RecordsDeleted >= 7, $"erased {report.RecordsDeleted}");
        Assert.Empty(await Store.GetSessionsAsync("c-030", Monday, Monday.AddDays(7), Ct));
        Assert.Empty(await Store.GetRomHistoryAsync("c-030", Monday, Monday.AddDays(7), Ct));
        Assert.Null(await Store.GetSessionAsync(new SessionKey(Site, Gateway, "s-30"), Ct));
        Assert.Empty(await Store.FindSessionAsync("s-30", Ct));
        Assert.Empty(await Store.GetProposalsAsync("c-030", Ct));
        Assert.Empty(await Store.GetSessionsPerWeekAsync("c-030", Monday, Monday.AddDays(7), Ct));

        SessionDetail other = (await Store.GetSessionAsync(new SessionKey(Site, Gateway, "s-31"), Ct))!;
        Assert.Equal(300, other.Curve.Sum(c => c.AngleRad.Count(a => a is not null)) + other.Curve.Sum(c => c.AngleRad.Count(a => a is null)));
        Assert.Equal(TrueAngle(1, 5), other.Curve[1].AngleRad[5]);
        Assert.Equal(2, (await Store.GetRomHistoryAsync("c-031", Monday, Monday.AddDays(7), Ct)).Count);

        // The erased citizen's data may arrive again (a gateway's outbox): it is stored as new.
        StoreResult again = await Store.StoreAsync(WholeSession("c-030", "s-30", start), Ct);
        Assert.Equal(6, again.Stored);
    }

    [Fact]
    public async Task Same_session_id_on_two_gateways_are_two_sessions_and_odd_channel_names_round_trip()
    {
        DateTimeOffset start = Monday.AddDays(2).AddHours(9);
        await Store.StoreAsync(WholeSession("c-040", "s-dup", start, n: 1, chunks: 1, gateway: "gw-a"), Ct);
        await Store.StoreAsync(WholeSession("c-041", "s-dup", start.AddHours(1), n: 2, chunks: 1, gateway: "gw-b"), Ct);
        const string odd = "hip abduction,left=1 \"x\"";
        await Store.StoreAsync([In(Topics.SessionCurve(Site, "gw-a", "s-dup", 0), Curve("c-040", "s-dup", start, 0, channel: odd))], Ct);

        IReadOnlyList<SessionKey> keys = await Store.FindSessionAsync("s-dup", Ct);
        Assert.Equal(new[] { "gw-a", "gw-b" }, keys.Select(k => k.Gateway));
        SessionDetail a = (await Store.GetSessionAsync(keys[0], Ct))!;
        SessionDetail b = (await Store.GetSessionAsync(keys[1], Ct))!;
        Assert.Equal(("c-040", "c-041"), (a.Citizen, b.Citizen));
        Assert.Equal(MaxFlexion(2, 0), b.Summary!.Exercises[0].MaxFlexionRad);
        Assert.Equal(new[] { odd, "knee_flexion" }, a.Curve.Select(c => c.Channel).Order(StringComparer.Ordinal));
        (double[] _, double?[] oddCurve) = a.Flatten(odd);
        for (int i = 0; i < 100; i++) Assert.Equal(TrueAngle(0, i), oddCurve[i]);
    }
}
