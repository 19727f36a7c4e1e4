using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Contracts;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using Sensors.OutboxWriter;
using Sensors.Tests.Shared;
using Xunit;

namespace Sensors.Messaging.Tests.Recording;

public sealed class SessionRecorderTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("outbox");
    private readonly SessionOutbox _outbox;

    public SessionRecorderTests() =>
        _outbox = SessionOutbox.Open(new OutboxSettings { DatabasePath = _folder.File("outbox.db"), MinFreeDiskBytes = 0 });

    public void Dispose()
    {
        _outbox.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Messages_have_deterministic_ids_publish_order_and_read_back_under_the_contract()
    {
        var clock = new ManualClock(Start.AddMinutes(30));
        var recorder = new SessionRecorder(_outbox, "odense", "gw-01", clock: clock);
        SessionRecord s = SyntheticSession.Create("s-0042", 25 * 60, Start, gapFromS: 100, gapToS: 110);

        IReadOnlyList<OutboxMessage> messages = recorder.BuildMessages(s);

        // 25 min at 10 Hz = 15 001 curve samples → 26 chunks of ≤ 600
        string[] expectedIds = ["s-0042/summary", "s-0042/reps", "s-0042/events", .. Enumerable.Range(0, 26).Select(c => $"s-0042/curve/{c}")];
        Assert.Equal(expectedIds, messages.Select(m => m.MessageId));
        Assert.Equal(messages.Select(m => m.Payload), recorder.BuildMessages(s).Select(m => m.Payload)); // byte-identical when rebuilt
        var curve = new List<double?>();
        foreach (OutboxMessage m in messages)
        {
            Assert.True(ContractSerializer.TryDeserialize(m.Topic, m.Payload, out ContractMessage? msg, out TopicPath? path, out string error), error);
            Assert.Equal(("odense", "gw-01", "s-0042"), (path!.Site, path.Gateway, m.Topic.Contains("/sessions/", StringComparison.Ordinal) ? path.Id : "s-0042"));
            Assert.Equal(m.MessageId, msg!.MessageId);
            Assert.Equal(1, m.Qos);
            Assert.False(m.Retain);
            if (msg is AngleCurveMessage c)
            {
                Assert.Equal(c.Chunk * 60.0, c.StartS, 9);
                Assert.Equal(10.0, c.RateHz);
                Assert.True(c.AngleRad.Count == 600 || c.Chunk == 25);
                curve.AddRange(c.AngleRad);
            }
        }
        Assert.Equal(15_001, curve.Count);
        Assert.Equal(99, curve.Count(v => v is null)); // bins 100.1 … 109.9 s: no valid sample, not interpolated

        var summary = (SessionSummaryMessage)ContractSerializer.Deserialize(messages[0].Topic, messages[0].Payload);
        int reps = 25 * 60 / 6, incomplete = reps / 5;
        ExerciseSummary x = Assert.Single(summary.Exercises);
        Assert.Equal(reps - incomplete, x.RepsComplete);
        Assert.Equal(incomplete, x.RepsIncomplete);
        Assert.Equal(SyntheticSession.PeakFlexionRad, x.MaxFlexionRad, 12);
        Assert.Equal(SyntheticSession.PeakFlexionRad, x.MeanRomRad, 12);
        Assert.Equal(reps - incomplete, x.FlagCounts["target_reached"]);
        Assert.Equal(26, summary.CurveChunks);
        Assert.Equal(10, summary.GapsS, 9);
        Assert.Equal(Start.AddMinutes(30), summary.SentAt);
        var repsMsg = (RepsMessage)ContractSerializer.Deserialize(messages[1].Topic, messages[1].Payload);
        Assert.Equal(Enumerable.Range(0, reps), repsMsg.Reps.Select(r => r.Index));
    }

    [Fact]
    public void Record_commits_the_session_to_the_outbox_once_with_its_raw_samples()
    {
        var recorder = new SessionRecorder(_outbox, "odense", "gw-01", new RecorderSettings { KeepRawSamples = true });
        SessionRecord s = SyntheticSession.Create("s-7", 120, Start, gapFromS: 10, gapToS: 12);

        RecordedSession first = recorder.Record(s);
        RecordedSession again = recorder.Record(s);

        Assert.True(first.Stored);
        Assert.True(first.RawSamplesStored);
        Assert.False(again.Stored);
        Assert.Equal(first.Messages.Select(m => m.MessageId), _outbox.GetPending().Select(e => e.MessageId));
        Assert.Empty(_outbox.VerifySessions());
        Assert.True(_outbox.TryGetRawSamples("s-7", out byte[]? raw));
        IReadOnlyList<AngleSample> back = RawSamplesCsv.Read(raw!);
        Assert.Equal(s.Angles, back);
    }

    [Fact]
    public void Invalid_sessions_are_refused_naming_session_and_field_and_nothing_is_written()
    {
        var recorder = new SessionRecorder(_outbox, "odense", "gw-01");
        SessionRecord good = SyntheticSession.Create("s-9", 60, Start);
        var degrees = good with { Angles = good.Angles.Select(a => a with { FlexionRad = a.FlexionRad * 180 / Math.PI }).ToList() };
        var name = good with { Citizen = "Jens Hansen" };
        var backwards = good with { EndedAt = Start.AddSeconds(-1) };
        var stray = good with { Reps = [.. good.Reps, good.Reps[0] with { ExerciseId = "straight_leg_raise" }] };
        var badRep = good with { Reps = [good.Reps[0] with { PeakFlexionRad = 80 }] };

        Assert.Contains("session s-9", Assert.Throws<SessionRecordException>(() => recorder.Record(degrees)).Message, StringComparison.Ordinal);
        Assert.Contains("degrees", Assert.Throws<SessionRecordException>(() => recorder.Record(degrees)).Message, StringComparison.Ordinal);
        Assert.Contains("citizen", Assert.Throws<SessionRecordException>(() => recorder.Record(name)).Message, StringComparison.Ordinal);
        Assert.Contains("before", Assert.Throws<SessionRecordException>(() => recorder.Record(backwards)).Message, StringComparison.Ordinal);
        Assert.Contains("straight_leg_raise", Assert.Throws<SessionRecordException>(() => recorder.Record(stray)).Message, StringComparison.Ordinal);
        Assert.Contains("out of range", Assert.Throws<SessionRecordException>(() => recorder.Record(badRep)).Message, StringComparison.Ordinal);
        Assert.Equal(0, _outbox.GetCounts().Sessions);
    }
}
