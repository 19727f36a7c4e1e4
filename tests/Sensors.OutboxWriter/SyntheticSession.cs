using System;
using System.Collections.Generic;
using Sensors.Gateway.Sessions.Recording;

namespace Sensors.OutboxWriter;

/// <summary>
/// Synthetic knee sessions with a known truth: heel slides as a raised cosine between 0 and a peak flexion, at the band
/// rate, with an optional radio gap (invalid samples). The truth angle at any time is <see cref="TrueAngleRad"/>.
/// </summary>
public static class SyntheticSession
{
    /// <summary>Band rate of the synthetic samples, Hz.</summary>
    public const double BandRateHz = 100.0;

    /// <summary>Rep period, s.</summary>
    public const double RepPeriodS = 6.0;

    /// <summary>Peak flexion of every rep, rad (80°).</summary>
    public const double PeakFlexionRad = 80.0 * Math.PI / 180.0;

    /// <summary>The true knee angle at <paramref name="ts"/> s: 0 at rep start, peak at half period.</summary>
    public static double TrueAngleRad(double ts) => 0.5 * PeakFlexionRad * (1 - Math.Cos(2 * Math.PI * ts / RepPeriodS));

    /// <summary>A session of <paramref name="durationS"/> with whole reps, optional gap [gapFromS, gapToS).</summary>
    public static SessionRecord Create(string sessionId, double durationS, DateTimeOffset startedAt, string citizen = "c-7f3a",
        double gapFromS = double.NaN, double gapToS = double.NaN)
    {
        int n = (int)Math.Floor(durationS * BandRateHz);
        var angles = new AngleSample[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / BandRateHz;
            bool inGap = t >= gapFromS && t < gapToS;
            angles[i] = new AngleSample(t, inGap ? 0 : TrueAngleRad(t), !inGap);
        }
        var reps = new List<RepResult>();
        var events = new List<SessionEvent>();
        int repCount = (int)Math.Floor(durationS / RepPeriodS);
        for (int r = 0; r < repCount; r++)
        {
            bool complete = r % 5 != 4;
            reps.Add(new RepResult
            {
                ExerciseId = "heel_slide",
                Level = "easy",
                Set = 1 + r / 10,
                StartS = r * RepPeriodS,
                EndS = (r + 1) * RepPeriodS,
                PeakFlexionRad = complete ? PeakFlexionRad : PeakFlexionRad / 2,
                MinFlexionRad = 0,
                PeakRateRadPerS = PeakFlexionRad * Math.PI / RepPeriodS,
                HoldS = 0.5,
                Smoothness = 0.9,
                Complete = complete,
                Flags = complete ? ["target_reached"] : [],
            });
            events.Add(new SessionEvent { TS = (r + 1) * RepPeriodS, Kind = complete ? "rep_counted" : "target_missed", ExerciseId = "heel_slide", Set = 1 + r / 10, Rep = r });
        }
        return new SessionRecord
        {
            SessionId = sessionId,
            Citizen = citizen,
            Bands = ["band-01"],
            StartedAt = startedAt,
            EndedAt = startedAt.AddSeconds(durationS),
            ProgramId = "knee-basic",
            ProgramVersion = 3,
            Exercises =
            [
                new ExerciseResult
                {
                    ExerciseId = "heel_slide", Level = "easy", SetsPrescribed = 3, SetsDone = 1 + Math.Max(0, repCount - 1) / 10,
                    RepsPrescribed = 30, TargetFlexionRad = PeakFlexionRad * 0.9, TargetExtensionRad = 0,
                },
            ],
            Reps = reps,
            Events = events,
            Angles = angles,
            GapsS = double.IsNaN(gapFromS) ? 0 : gapToS - gapFromS,
        };
    }
}
