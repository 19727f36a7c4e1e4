using System;
using Microsoft.AspNetCore.Http;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Api;

/// <summary><c>GET /health</c>: 200 with the schema version when the clinic database answers, 503 otherwise.</summary>
public static class HealthEndpoint
{
    public static IResult Get(ClinicDb db, ITelemetryReader telemetry)
    {
        try
        {
            using Microsoft.Data.Sqlite.SqliteConnection c = db.Open();
            int version = Migrations.CurrentVersion(c);
            return Results.Json(new { status = "ok", clinic_schema = version, telemetry = telemetry.GetType().Name });
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return Results.Json(new { status = "unhealthy", error = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
