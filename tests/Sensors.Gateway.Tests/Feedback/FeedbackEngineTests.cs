using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Gateway.Exercises;
using Sensors.Gateway.Exercises.Feedback;
using Sensors.Gateway.Exercises.Programs;
using Xunit;

namespace Sensors.Gateway.Tests.Feedback;

public class FeedbackEngineTests
{
    /// <summary>Heel slides 5° → 45° with a 2 s hold (the easy level), min-jerk, 100 Hz; the true count is known by construction.</summary>
    private static List<float> HeelSlides(int reps, double peakDeg)
    {
        var a = new List<float>();
        void Hold(double s, double deg) { for (int i = 0; i < s * 100; i++) a.Add((float)(deg * Math.PI / 180)); }
        void Move(double s, double from, double to) { int n = (int)(s * 100); for (int i = 0; i < n; i++) { double u = (double)i / n; double m = u * u * u * (10 - 15 * u + 6 * u * u); a.Add((float)((from + (to - from) * m) * Math.PI / 180)); } }
        Hold(3, 5);
        for (int r = 0; r < reps; r++) { Move(3, 5, peakDeg); Hold(2.2, peakDeg); Move(3, peakDeg, 5); Hold(1.5, 5); }
        Hold(3, 5);
        return a;
    }

    [Fact]
    public void Counts_each_rep_announces_target_hold_and_set_done_and_streaming_equals_batch()
    {
        var program = new CitizenProgram("c-1", 1, [new ProgramEntry("heel_slide", "easy", 1, 4, 7)]);
        List<float> angles = HeelSlides(4, 45);
        List<FeedbackEvent> batch = FeedbackEngine.ApplyTo(program, angles);
        var engine = new FeedbackEngine(program);
        var stream = new List<FeedbackEvent>();
        foreach (float a in angles) engine.Process(a, true, stream);
        Assert.Equal(batch, stream);
        Assert.Equal(4, batch.Count(e => e.Kind == FeedbackKind.RepCounted && e.Complete));
        Assert.Equal(4, batch.Count(e => e.Kind == FeedbackKind.TargetReached));
        Assert.Contains(batch, e => e.Kind == FeedbackKind.Hold && e.Value == 0);
        Assert.Equal(1, batch.Count(e => e.Kind == FeedbackKind.SetDone));
        Assert.Equal(FeedbackKind.SessionDone, batch[^1].Kind);
        Assert.True(engine.SessionDone);
    }

    [Fact]
    public void Partial_reps_are_counted_as_target_missed()
    {
        var program = new CitizenProgram("c-1", 1, [new ProgramEntry("heel_slide", "easy", 1, 3, 7)]);
        List<FeedbackEvent> events = FeedbackEngine.ApplyTo(program, HeelSlides(3, 25)); // 50 % of the ROM
        Assert.Equal(3, events.Count(e => e.Kind == FeedbackKind.RepCounted && !e.Complete));
        Assert.Equal(3, events.Count(e => e.Kind == FeedbackKind.TargetMissed));
        Assert.DoesNotContain(events, e => e.Kind == FeedbackKind.TargetReached);
    }
}
