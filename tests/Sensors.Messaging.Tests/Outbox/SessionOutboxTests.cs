using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using Sensors.Messaging.Tests.Recording;
using Sensors.OutboxWriter;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Messaging.Tests.Outbox;

public sealed class SessionOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("outbox");

    public void Dispose() => _folder.Dispose();

    private SessionOutbox Open(TimeProvider? clock = null, long quota = 256L << 20, TimeSpan? retention = null) =>
        SessionOutbox.Open(new OutboxSettings
        {
            DatabasePath = _folder.File("outbox.db"), QuotaBytes = quota, MinFreeDiskBytes = 0, Retention = retention ?? TimeSpan.FromDays(14),
        }, clock);

    [Fact]
    public void Rows_survive_reopening_stay_in_order_and_leave_the_pending_list_only_when_published()
    {
        IReadOnlyList<OutboxMessage> sent;
        using (SessionOutbox outbox = Open())
        {
            sent = new SessionRecorder(outbox, "odense", "gw-01").Record(SyntheticSession.Create("s-1", 300, Start)).Messages;
            new SessionRecorder(outbox, "odense", "gw-01").Record(SyntheticSession.Create("s-2", 60, Start.AddHours(1)));
            Assert.True(outbox.Add(OutboxMessage.From(Topics.BandStatus("odense", "gw-01", "band-01"),
                new BandStatusMessage { MessageId = "band-01/status/1", SentAt = Start, BandId = "band-01", BatteryFraction = 0.5 })));
        }
        using (SessionOutbox outbox = Open())
        {
            Assert.Equal("ok", outbox.IntegrityCheck());
            IReadOnlyList<OutboxEntry> pending = outbox.GetPending(1000);
            Assert.Equal(sent.Select(m => m.MessageId), pending.Take(sent.Count).Select(e => e.MessageId));
            Assert.Equal(sent.Select(m => m.Payload), pending.Take(sent.Count).Select(e => e.Payload));
            Assert.Equal("band-01/status/1", pending[^1].MessageId);
            Assert.True(pending.Zip(pending.Skip(1)).All(p => p.First.Seq < p.Second.Seq));

            outbox.MarkPublished(pending[0].Seq);
            outbox.MarkAttemptFailed(pending[1].Seq, "connection lost");
            outbox.MarkRejected(pending[2].Seq, "NotAuthorized");
            IReadOnlyList<OutboxEntry> after = outbox.GetPending(1000);
            Assert.Equal(pending.Count - 2, after.Count);
            Assert.Equal(pending[1].MessageId, after[0].MessageId);
            Assert.Equal(1, after[0].Attempts);
            Assert.Equal(new OutboxCounts(pending.Count - 2, 1, 1, 2, 0), outbox.GetCounts());
            Assert.False(outbox.Add(OutboxMessage.From(Topics.BandStatus("odense", "gw-01", "band-01"),
                new BandStatusMessage { MessageId = "band-01/status/1", SentAt = Start, BandId = "band-01" })));
        }
    }

    [Fact]
    public void Topics_outside_the_tree_and_repeated_ids_are_refused_and_nothing_of_the_session_is_written()
    {
        using SessionOutbox outbox = Open();
        byte[] p = [1];
        var bad = Assert.Throws<OutboxException>(() => outbox.AddSession("s-1", "c-1",
            [new OutboxMessage("s-1/summary", Topics.SessionSummary("odense", "gw-01", "s-1"), p), new OutboxMessage("s-1/x", "other/tree/s-1", p)]));
        Assert.Contains("s-1/x", bad.Message, StringComparison.Ordinal);
        Assert.Contains("other/tree/s-1", bad.Message, StringComparison.Ordinal);
        Assert.Throws<OutboxException>(() => outbox.AddSession("s-1", "c-1",
            [new OutboxMessage("s-1/summary", Topics.SessionSummary("odense", "gw-01", "s-1"), p), new OutboxMessage("s-1/summary", Topics.SessionReps("odense", "gw-01", "s-1"), p)]));
        Assert.Equal(new OutboxCounts(0, 0, 0, 0, 0), outbox.GetCounts());
    }

    [Fact]
    public void Pruning_removes_only_sessions_published_longer_ago_than_the_retention()
    {
        var clock = new ManualClock(Start);
        using SessionOutbox outbox = Open(clock, retention: TimeSpan.FromDays(7));
        var recorder = new SessionRecorder(outbox, "odense", "gw-01", new RecorderSettings { KeepRawSamples = true }, clock);
        foreach (string id in new[] { "old-published", "old-unpublished", "half-published", "new-published" })
            recorder.Record(SyntheticSession.Create(id, 60, Start));
        void Publish(string id, int count) { foreach (OutboxEntry e in outbox.GetSession(id).Take(count)) outbox.MarkPublished(e.Seq); }
        Publish("old-published", 99);
        Publish("half-published", 2);
        clock.Now = Start.AddDays(6);
        Publish("new-published", 99);
        Publish("half-published", 99); // finished later: counts from its last PUBACK
        clock.Now = Start.AddDays(8);

        int deleted = outbox.Prune();

        Assert.Equal(5, deleted); // the 5 messages of old-published (summary, reps, events, 2 curve chunks)
        Assert.Equal(["half-published", "new-published", "old-unpublished"], outbox.GetSessionIds()); // same created_at: by id
        Assert.False(outbox.TryGetRawSamples("old-published", out _));
        Assert.Empty(outbox.VerifySessions());
        clock.Now = Start.AddDays(14);
        outbox.Prune();
        Assert.Equal(["old-unpublished"], outbox.GetSessionIds());
    }

    [Fact]
    public void Quota_warns_then_drops_raw_samples_of_published_sessions_first_and_never_unpublished_summaries_or_reps()
    {
        var warnings = new List<OutboxWarningEventArgs>();
        long rawBytes;
        using (SessionOutbox probe = SessionOutbox.Open(new OutboxSettings { DatabasePath = _folder.File("probe.db"), MinFreeDiskBytes = 0 }))
            rawBytes = RawSamplesCsv.Write(SyntheticSession.Create("p", 600, Start).Angles).Length;
        long quota = 5 * rawBytes; // room for about four sessions with raw samples
        using SessionOutbox outbox = Open(quota: quota);
        outbox.Warning += (_, w) => warnings.Add(w);
        var recorder = new SessionRecorder(outbox, "odense", "gw-01", new RecorderSettings { KeepRawSamples = true });
        var ids = Enumerable.Range(0, 8).Select(i => $"s-{i}").ToList();
        for (int i = 0; i < ids.Count; i++)
        {
            RecordedSession r = recorder.Record(SyntheticSession.Create(ids[i], 600, Start.AddHours(i)));
            Assert.True(r.Stored);
            if (i < 3) foreach (OutboxEntry e in outbox.GetSession(ids[i])) outbox.MarkPublished(e.Seq); // s-0 … s-2 delivered
            // invariants after every session
            foreach (string id in ids.Take(i + 1).Skip(3))
            {
                Assert.True(outbox.TryGet(id + "/summary", out _), $"unpublished {id}/summary dropped");
                Assert.True(outbox.TryGet(id + "/reps", out _), $"unpublished {id}/reps dropped");
            }
            bool anyUnpublishedRawDropped = ids.Take(i + 1).Skip(3).Any(id => !outbox.TryGetRawSamples(id, out _));
            bool publishedRawLeft = ids.Take(Math.Min(i + 1, 3)).Any(id => outbox.TryGetRawSamples(id, out _));
            Assert.False(anyUnpublishedRawDropped && publishedRawLeft, $"after {ids[i]}: unpublished raw dropped while published raw was kept");
        }

        OutboxUsage usage = outbox.MeasureUsage();
        Assert.Contains(warnings, w => w.Level == OutboxLevel.Warning && w.Message.Contains("nearly full", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Message.Contains("dropped raw samples of published sessions", StringComparison.Ordinal));
        Assert.True(usage.UsedBytes < quota || warnings[^1].Level == OutboxLevel.Full, $"{usage}");
        Assert.False(outbox.TryGetRawSamples("s-0", out _));
        Assert.Empty(outbox.VerifySessions());
        Assert.Equal(ids.Skip(3).Sum(id => recorder.BuildMessages(SyntheticSession.Create(id, 600, Start)).Count), outbox.GetCounts().Pending);
    }
}
