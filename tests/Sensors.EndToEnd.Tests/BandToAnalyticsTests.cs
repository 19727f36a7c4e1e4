using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Ingest;
using Sensors.Analytics.Storage;
using Sensors.Analytics.Storage.Sqlite;
using Sensors.Contracts;
using Sensors.Gateway.Calibration;
using Sensors.Gateway.Cli.Live;
using Sensors.Gateway.Exercises;
using ExerciseCatalogue = Sensors.Gateway.Exercises.ExerciseCatalogue;
using ExerciseLevel = Sensors.Gateway.Exercises.ExerciseLevel;
using Sensors.Gateway.Exercises.Programs;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Recording;
using Sensors.Gateway.Sessions.Uplink;
using SessionSummary = Sensors.Hardware.Exercises.SessionSummary;
using Sensors.Hardware.People;
using Sensors.Tests.Shared;
using Sensors.Tests.Shared.Servers;
using Xunit;

namespace Sensors.EndToEnd.Tests;

/// <summary>
/// One simulated citizen session through the whole chain: motion model → virtual band (firmware fusion) → simulated link →
/// <see cref="LiveSession"/> (intake, feedback/rep core, mounting store, recorder) → SQLite outbox → real Mosquitto →
/// analytics <see cref="MqttIngestService"/> → SQLite <see cref="ITelemetryStore"/>. Truth: what the gateway counted
/// (stored must equal it) and the simulator's ground truth (ROM within a few degrees).
/// </summary>
public sealed class BandToAnalyticsTests
{
    private const double Deg = Math.PI / 180;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_reaches_the_analytics_store_as_counted_across_a_broker_restart_and_without_duplicates()
    {
        using var folder = new TempFolder("e2e");
        await using MosquittoBroker broker = await MosquittoBroker.StartAsync();
        var sqlite = new SqliteStorageOptions { Path = folder.File("telemetry.db") };
        await using var store = new SqliteTelemetryStore(sqlite);
        await store.InitializeAsync(Ct);
        var ingestOptions = new IngestOptions
        {
            Host = broker.Host, Port = broker.Port, UseTls = false, AllowInsecure = true,
            ClientId = "analytics-e2e-" + Guid.NewGuid().ToString("N")[..8], ReconnectMinS = 0.1, ReconnectMaxS = 1,
        };
        using var ingest = new MqttIngestService(store, new SqliteDeadLetterStore(sqlite), ingestOptions);
        await ingest.StartAsync(Ct);
        await Eventually(() => ingest.IsConnected, "ingest connected", broker);

        // The gateway: a two-exercise program for a simulated citizen wearing the virtual band.
        var citizen = new VirtualCitizen(11, CitizenArchetype.LatePostOp);
        var program = new CitizenProgram("cit-e2e", 3,
        [
            ProgramEntry.Prescribed(ExerciseCatalogue.Default.Get("mini_squat"), ExerciseLevel.Medium),
            ProgramEntry.Prescribed(ExerciseCatalogue.Default.Get("seated_knee_flexion"), ExerciseLevel.Medium),
        ]);
        var options = new LiveSessionOptions
        {
            Site = "site-e2e", Gateway = "gw-e2e", Citizen = "cit-e2e", SessionId = "s-e2e-1", ProgramId = "prog-e2e",
            Baseline = citizen.Baseline, RestOverrideS = 0, StartedAt = new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.Zero),
        };
        LiveSessionResult result;
        using (SessionOutbox outbox = SessionOutbox.Open(new OutboxSettings { DatabasePath = folder.File("outbox.db") }))
        using (SqliteCalibrationStore calibration = SqliteCalibrationStore.Open(folder.File("calibration.db")))
        {
            // The first fitting (a therapist-led session: reference pose from the goniometer) stores the mounting …
            var fitting = new CitizenProgram("cit-e2e", 3, [ProgramEntry.Prescribed(ExerciseCatalogue.Default.Get("heel_slide"), ExerciseLevel.Easy)]);
            LiveSessionResult first = await new LiveSession(fitting, new VirtualCitizen(11, CitizenArchetype.LatePostOp).OpenBand, null, calibration,
                options with { SessionId = "s-e2e-fitting" }).RunAsync(null, Ct);
            Assert.False(first.Exercises[0].MountingWasStored);
            Assert.Contains(calibration.GetMountingHistory("cit-e2e"), m => m.Reason == MountingReason.FirstFitting);

            // … and the home session loads it: no calibration step.
            result = await new LiveSession(program, citizen.OpenBand, outbox, calibration, options).RunAsync(null, Ct);
            Assert.NotNull(result.Recorded);
            Assert.True(result.Recorded.Stored);
            Assert.Equal(result.Recorded.Messages.Count, outbox.GetCounts().Pending); // durably queued before any publishing
            Assert.All(result.Exercises, x => Assert.True(x.MountingWasStored));

            // Broker down between session end and publishing: nothing is lost, the outbox drains after it returns.
            broker.Stop();
            var uplink = new MqttUplinkOptions
            {
                Site = "site-e2e", Gateway = "gw-e2e", Host = broker.Host, Port = broker.Port, Environment = "development",
                ReconnectInitialS = 0.2, ReconnectMaxS = 1,
            };
            Task<PublishOutcome> drain = OutboxPublisher.DrainAsync(uplink, outbox, TimeSpan.FromSeconds(40), null, Ct);
            await Task.Delay(1500, Ct);
            Assert.Equal(result.Recorded.Messages.Count, outbox.GetCounts().Pending);
            await broker.StartAgainAsync();
            PublishOutcome published = await drain;
            Assert.True(published.Pending == 0, $"still pending after the broker returned: {published.Pending} ({published.LastError})");
        }

        SessionKey key = new("site-e2e", "gw-e2e", "s-e2e-1");
        int gatewayReps = result.Record.Reps.Count;
        SessionDetail? detail = null;
        await Eventually(() =>
        {
            detail = store.GetSessionAsync(key, Ct).GetAwaiter().GetResult();
            return detail is { Summary: not null, CurveComplete: true } && detail.Reps.Count == gatewayReps && detail.Events.Count > 0;
        }, "session stored with summary, reps and every curve chunk", broker);

        // Stored reps and summary equal what the gateway counted.
        Assert.True(gatewayReps >= 10, $"gateway counted only {gatewayReps} reps");
        Assert.Equal(result.Record.Reps.Select(r => (r.ExerciseId, r.Complete)), detail!.Reps.Select(r => (r.ExerciseId, r.Complete)));
        for (int i = 0; i < gatewayReps; i++)
        {
            Assert.Equal(result.Record.Reps[i].PeakFlexionRad, detail.Reps[i].PeakFlexionRad, 1e-9);
            Assert.Equal(result.Record.Reps[i].MinFlexionRad, detail.Reps[i].MinFlexionRad, 1e-9);
        }

        Assert.Equal("prog-e2e", detail.Summary!.ProgramId);
        Assert.Equal(3, detail.Summary.ProgramVersion);
        for (int x = 0; x < program.Items.Count; x++)
        {
            ProgramEntry item = program.Items[x];
            LiveExerciseResult counted = result.Exercises[x];
            var stored = detail.Summary.Exercises.Single(e => e.ExerciseId == item.ExerciseId);
            Assert.Equal(counted.RepsComplete, stored.RepsComplete);
            Assert.Equal(counted.Reps.Count - counted.RepsComplete, stored.RepsIncomplete);
            double maxFlexion = counted.Reps.Max(r => r.PeakFlexionRad), minFlexion = counted.Reps.Min(r => r.MinFlexionRad);
            Assert.Equal(maxFlexion, stored.MaxFlexionRad, 1e-6);
            Assert.Equal(minFlexion, stored.MinFlexionRad, 1e-6);

            // ROM vs the simulator's truth (its reps of the same exercise), within a few degrees.
            SessionSummary truth = citizen.Truth(item, x);
            double truePeak = truth.Sets.Max(s => s.PeakFlexionDeg) * Deg;
            Assert.True(Math.Abs(maxFlexion - truePeak) < 5 * Deg,
                $"{item.ExerciseId}: max flexion {maxFlexion / Deg:F1}° vs true {truePeak / Deg:F1}°");
            // Counts like the accuracy study: within ±1 of the simulator's reps in every set.
            foreach (var set in truth.Sets)
            {
                int inSet = result.Record.Reps.Count(r => r.ExerciseId == item.ExerciseId && r.Set == set.SetIndex + 1);
                Assert.True(Math.Abs(inSet - set.RepsDone) <= 1,
                    $"{item.ExerciseId} set {set.SetIndex + 1}: {inSet} reps counted, the simulated citizen did {set.RepsDone}");
            }
        }

        // The curve is the gateway's, on the session clock; gaps stay null.
        Assert.Equal(result.Recorded!.Messages.Count - 3, detail.Curve.Count);

        // Publishing the same session again (a second gateway outbox holding it: deterministic ids) creates no duplicates.
        long duplicatesBefore = ingest.Counters.Duplicates;
        using (SessionOutbox again = SessionOutbox.Open(new OutboxSettings { DatabasePath = folder.File("outbox-again.db") }))
        {
            RecordedSession copy = new SessionRecorder(again, "site-e2e", "gw-e2e").Record(result.Record);
            var uplink = new MqttUplinkOptions { Site = "site-e2e", Gateway = "gw-e2e", Host = broker.Host, Port = broker.Port, Environment = "development", ClientId = "gw-e2e-second" };
            PublishOutcome o = await OutboxPublisher.DrainAsync(uplink, again, TimeSpan.FromSeconds(20), null, Ct);
            Assert.Equal(0, o.Pending);
            Assert.Equal(copy.Messages.Count, (int)o.Published);
        }

        await Eventually(() => ingest.Counters.Duplicates >= duplicatesBefore + result.Recorded.Messages.Count, "re-published messages seen as duplicates", broker);
        SessionDetail after = (await store.GetSessionAsync(key, Ct))!;
        Assert.Equal(gatewayReps, after.Reps.Count);
        Assert.Equal(detail.Curve.Count, after.Curve.Count);
        Assert.Single(await store.FindSessionAsync("s-e2e-1", Ct));
        await ingest.StopAsync(Ct);
    }

    private static async Task Eventually(Func<bool> condition, string what, MosquittoBroker broker)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}\nbroker log:\n{broker.Log}");
            await Task.Delay(50, Ct);
        }
    }
}
