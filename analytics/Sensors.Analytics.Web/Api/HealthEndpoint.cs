using System;
using Microsoft.AspNetCore.Http;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Api;

/// <summary><c>GET /health</c>: 200 with the schema version when the clinic database answers, 503 otherwise.</summary>
public static class HealthEndpoint
{
    public static IResult Get(ClinicDb db, ITelemetryReader telemetry, Sensors.Analytics.Ingest.MqttIngestService ingest, Sensors.Analytics.Ingest.IngestOptions ingestOptions)
    {
        try
        {
            using Microsoft.Data.Sqlite.SqliteConnection c = db.Open();
            int version = Migrations.CurrentVersion(c);
            return Results.Json(new
            {
                status = "ok", clinic_schema = version, telemetry = telemetry.Backend,
                ingest = new { enabled = ingestOptions.Enabled, connected = ingest.IsConnected, stored = ingest.Counters.StoredMessages, duplicates = ingest.Counters.Duplicates, dead_letters = ingest.Counters.DeadLetters },
            });
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return Results.Json(new { status = "unhealthy", error = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
