using System;
using System.Collections.Generic;
using System.Linq;
using Sensors.Gateway.Sessions.Recording;
using Sensors.OutboxWriter;
using Xunit;

namespace Sensors.Messaging.Tests.Recording;

public sealed class CurveDownsamplerTests
{
    [Fact]
    public void Ten_hz_curve_follows_the_true_angle_and_is_null_exactly_where_no_valid_sample_fell()
    {
        SessionRecord s = SyntheticSession.Create("s-1", 120, DateTimeOffset.UnixEpoch, gapFromS: 30, gapToS: 42.37);
        double?[] curve = new CurveDownsampler(10).ApplyTo(s.Angles, 120);

        Assert.Equal(1201, curve.Length); // bins centred at 0, 0.1, … 120 s
        int full = 0, partial = 0, gaps = 0;
        for (int k = 0; k < curve.Length; k++)
        {
            // independent truth: which band samples fall in the bin and are valid
            var inBin = s.Angles.Where(a => a.TS >= (k - 0.5) / 10 - 1e-9 && a.TS < (k + 0.5) / 10 - 1e-9).ToList();
            int valid = inBin.Count(a => a.Valid);
            if (valid == 0)
            {
                Assert.Null(curve[k]);
                gaps++;
                continue;
            }
            Assert.NotNull(curve[k]);
            double truth = SyntheticSession.TrueAngleRad(k / 10.0);
            // a full bin's mean sits ≤ half a band sample (5 ms) off its centre: ≤ 0.77 rad/s × 5 ms ≈ 4 mrad
            bool isFull = valid == inBin.Count && inBin.Count >= 5;
            Assert.True(Math.Abs(curve[k]!.Value - truth) < (isFull ? 4e-3 : 0.02), $"bin {k}: {curve[k]} vs truth {truth}");
            if (isFull) full++; else partial++;
        }
        Assert.InRange(gaps, 122, 125); // 12.37 s gap ≈ 123 bins, never bridged
        Assert.True(full > 1000 && partial <= 4, $"full {full}, partial {partial}");
    }

    [Fact]
    public void Streaming_and_batch_give_identical_curves_on_jittered_gappy_input()
    {
        var rng = new Random(4);
        var samples = new List<AngleSample>();
        double t = 0;
        for (int i = 0; i < 20_000; i++)
        {
            t += 0.01 * (0.5 + rng.NextDouble()) + (rng.NextDouble() < 0.002 ? 1.5 : 0); // jitter and radio gaps
            samples.Add(new AngleSample(t, (rng.NextDouble() - 0.3) * 2, rng.NextDouble() > 0.05));
        }
        var streaming = new CurveDownsampler(10);
        foreach (AngleSample a in samples) streaming.Process(a);
        streaming.Flush(t + 3);
        double?[] batch = new CurveDownsampler(10).ApplyTo(samples, t + 3);

        Assert.Equal(batch, streaming.Output.ToArray());
        Assert.Contains(batch, v => v is null);
        Assert.Null(batch[^1]); // trailing 3 s without data stay gaps
    }

    [Fact]
    public void Bad_samples_are_refused_naming_the_sample()
    {
        var d = new CurveDownsampler(10);
        d.Process(new AngleSample(0.00, 0.1, true));
        d.Process(new AngleSample(0.01, 0.1, true));
        var deg = Assert.Throws<ArgumentException>(() => d.Process(new AngleSample(0.02, 75.0, true)));
        Assert.Contains("sample 2", deg.Message, StringComparison.Ordinal);
        Assert.Contains("degrees", deg.Message, StringComparison.Ordinal);
        var back = Assert.Throws<ArgumentException>(() => d.Process(new AngleSample(0.005, 0.1, true)));
        Assert.Contains("goes back", back.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => d.Process(new AngleSample(double.NaN, 0.1, true)));
        d.Process(new AngleSample(0.03, double.NaN, false)); // an invalid sample's angle is not read
        d.Flush(0.03);
        Assert.Single(d.Output);
        Assert.Equal(0.1, d.Output[0]!.Value, 12);
    }
}
