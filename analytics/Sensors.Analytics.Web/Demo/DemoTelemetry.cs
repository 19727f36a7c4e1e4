using System;
using System.Collections.Generic;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Demo;

/// <summary>
/// Synthetic uplink messages for one session, built exactly like a gateway would publish them (summary, reps,
/// curve chunks at 10 Hz, events). Each rep is a raised-cosine excursion from <c>minFlexionDeg</c> to a peak;
/// the summary's max/min flexion are the curve's own extremes, so pages can be checked against these inputs.
/// </summary>
public static class DemoTelemetry
{
    private const double Rad = Math.PI / 180;

    public static List<(TopicPath Topic, ContractMessage Message)> Session(string site, string gateway, string pseudonym, string sessionId,
        DateTimeOffset start, string exerciseId, string level, double maxFlexionDeg, double minFlexionDeg, int reps, int incompleteReps,
        double? targetFlexionDeg, double? targetExtensionDeg, int seed)
    {
        var rng = new Random(seed);
        const double rateHz = 10, repS = 4, restS = 1;
        var angles = new List<double?>();
        var repRecords = new List<RepRecord>();
        double t = 0;
        angles.AddRange(Hold(minFlexionDeg, 2 * rateHz));
        t += 2;
        int total = reps + incompleteReps;
        for (int i = 0; i < total; i++)
        {
            bool complete = i < reps;
            // The first complete rep reaches exactly the session's max; the others a little less.
            double peak = complete ? (i == 0 ? maxFlexionDeg : maxFlexionDeg - 1 - 4 * rng.NextDouble()) : minFlexionDeg + 0.45 * (maxFlexionDeg - minFlexionDeg);
            int n = (int)(repS * rateHz);
            for (int k = 0; k < n; k++)
            {
                double phase = (double)k / n;
                angles.Add((minFlexionDeg + (peak - minFlexionDeg) * 0.5 * (1 - Math.Cos(2 * Math.PI * phase))) * Rad);
            }
            var flags = new List<string>();
            if (complete && targetFlexionDeg is { } tf && peak >= tf) flags.Add("target_reached");
            if (!complete) flags.Add("hold_too_short");
            repRecords.Add(new RepRecord
            {
                Index = i, ExerciseId = exerciseId, Level = level, Set = 1, StartS = t, EndS = t + repS,
                PeakFlexionRad = peak * Rad, MinFlexionRad = minFlexionDeg * Rad, RomRad = (peak - minFlexionDeg) * Rad,
                PeakVelocityRadPerS = Math.PI * (peak - minFlexionDeg) * Rad / repS, Complete = complete, Flags = flags,
            });
            t += repS;
            angles.AddRange(Hold(minFlexionDeg, restS * rateHz));
            t += restS;
        }
        DateTimeOffset end = start.AddSeconds(t);
        var list = new List<(TopicPath, ContractMessage)>();
        const int chunkSize = 600;
        int chunks = (angles.Count + chunkSize - 1) / chunkSize;
        for (int c = 0; c < chunks; c++)
        {
            int from = c * chunkSize;
            List<double?> part = angles.GetRange(from, Math.Min(chunkSize, angles.Count - from));
            list.Add((Path(Topics.SessionCurve(site, gateway, sessionId, c)), new AngleCurveMessage
            {
                MessageId = $"{sessionId}/curve/{c}", SentAt = end, SessionId = sessionId, Citizen = pseudonym, SessionStartedAt = start,
                Chunk = c, StartS = from / rateHz, RateHz = rateHz, AngleRad = part,
            }));
        }
        list.Add((Path(Topics.SessionReps(site, gateway, sessionId)), new RepsMessage
        {
            MessageId = $"{sessionId}/reps", SentAt = end, SessionId = sessionId, Citizen = pseudonym, SessionStartedAt = start, Reps = repRecords,
        }));
        list.Add((Path(Topics.SessionEvents(site, gateway, sessionId)), new FeedbackEventsMessage
        {
            MessageId = $"{sessionId}/events", SentAt = end, SessionId = sessionId, Citizen = pseudonym, SessionStartedAt = start,
            Events = incompleteReps > 0 ? [new FeedbackEventRecord { TS = t - restS, Kind = "target_missed", ExerciseId = exerciseId, Detail = "bend a little further" }] : [],
        }));
        list.Add((Path(Topics.SessionSummary(site, gateway, sessionId)), new SessionSummaryMessage
        {
            MessageId = $"{sessionId}/summary", SentAt = end, SessionId = sessionId, Citizen = pseudonym, StartedAt = start, EndedAt = end,
            ProgramId = "program-" + pseudonym, ProgramVersion = 1, CurveChunks = chunks, Bands = ["band-" + pseudonym],
            Exercises =
            [
                new ExerciseSummary
                {
                    ExerciseId = exerciseId, Level = level, SetsPrescribed = 1, SetsDone = 1, RepsPrescribed = reps, RepsComplete = reps, RepsIncomplete = incompleteReps,
                    MaxFlexionRad = maxFlexionDeg * Rad, MinFlexionRad = minFlexionDeg * Rad, MeanRomRad = (maxFlexionDeg - minFlexionDeg) * Rad,
                    TargetFlexionRad = targetFlexionDeg * Rad, TargetExtensionRad = targetExtensionDeg * Rad,
                },
            ],
        }));
        return list;
    }

    public static (TopicPath, ContractMessage) BandStatus(string site, string gateway, string bandId, string firmware, double battery, string certificate, DateTimeOffset calibratedAt, DateTimeOffset sentAt, params string[] errors) =>
        (Path(Topics.BandStatus(site, gateway, bandId)), new BandStatusMessage
        {
            MessageId = $"{bandId}/status/{sentAt.ToUnixTimeSeconds()}", SentAt = sentAt, BandId = bandId, FirmwareVersion = firmware, BatteryFraction = battery,
            ErrorFlags = errors, Calibration = new CalibrationCertificate { CertificateId = certificate, CalibratedAt = calibratedAt, Passed = true },
        });

    /// <summary>A progression proposal as the gateway publishes it on <c>proposals/{citizen}</c>.</summary>
    public static (TopicPath, ContractMessage) Proposal(string site, string gateway, string pseudonym, string messageId, string exerciseId,
        string fromLevel, string toLevel, string reason, DateTimeOffset sentAt) =>
        (Path(Topics.Proposal(site, gateway, pseudonym)), new ProgressionProposalMessage
        {
            MessageId = messageId, SentAt = sentAt, Citizen = pseudonym, ProgramId = "program-" + pseudonym, ProgramVersion = 1,
            ExerciseId = exerciseId, FromLevel = fromLevel, ToLevel = toLevel, Reason = reason,
        });

    private static IEnumerable<double?> Hold(double deg, double samples)
    {
        for (int i = 0; i < (int)samples; i++) yield return deg * Rad;
    }

    private static TopicPath Path(string topic) =>
        TopicPath.TryParse(topic, out TopicPath? p, out string error) ? p! : throw new InvalidOperationException(error);
}
