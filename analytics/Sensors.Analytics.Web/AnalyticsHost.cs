using System;
using System.IO;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sensors.Analytics.Web.Api;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Kpis;
using Sensors.Analytics.Web.Programs;
using Sensors.Analytics.Web.Security;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web;

/// <summary>
/// Composition of the analytics web service: configuration, logging, relational store, telemetry, security,
/// pages and API. <see cref="ConfigureServices"/> and <see cref="ConfigurePipeline"/> are used by Program and by
/// tests that host the service on a real Kestrel port.
/// </summary>
public static class AnalyticsHost
{
    public const string PolicyCitizenData = "citizen-data";
    public const string PolicyBands = "bands";
    public const string PolicyManagement = "management";

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        IConfiguration cfg = builder.Configuration;
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });

        string connection = cfg.GetConnectionString("Clinic") ?? "Data Source=data/clinic.db";
        EnsureFolder(connection);
        builder.Services.AddSingleton(new ClinicDb(connection));
        builder.Services.AddSingleton<ClinicRepository>();
        builder.Services.AddSingleton<CitizenAccess>();
        builder.Services.AddSingleton<Erasure>();
        builder.Services.AddSingleton<CitizenOverviewBuilder>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(cfg.GetSection("Clinic").Get<ClinicSettings>() ?? new ClinicSettings());

        MqttSettings mqtt = cfg.GetSection("Mqtt").Get<MqttSettings>() ?? new MqttSettings();
        if (builder.Environment.IsProduction() && !mqtt.UseTls)
            throw new InvalidOperationException("Mqtt:UseTls must be true in Production (municipal requirement: encrypted connections).");
        builder.Services.AddSingleton(mqtt);
        builder.Services.AddSingleton<IProgramPublisher, MqttProgramPublisher>();

        TelemetryRegistration.Add(builder.Services, cfg, builder.Environment.IsProduction());

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "sensors.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers with status codes, pages redirect.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx.Request, ctx.Response, StatusCodes.Status401Unauthorized, ctx.RedirectUri);
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                AuditRefusal(ctx.HttpContext);
                return ApiOr(ctx.Request, ctx.Response, StatusCodes.Status403Forbidden, ctx.RedirectUri);
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PolicyCitizenData, p => p.RequireRole(Roles.Therapist, Roles.Admin))
            .AddPolicy(PolicyBands, p => p.RequireRole(Roles.Technician, Roles.Admin))
            .AddPolicy(PolicyManagement, p => p.RequireRole(Roles.Admin));
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "sensors.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Denied");
            o.Conventions.AuthorizeFolder("/Citizens", PolicyCitizenData);
            o.Conventions.AuthorizeFolder("/Sessions", PolicyCitizenData);
            o.Conventions.AuthorizeFolder("/Programs", PolicyCitizenData);
            o.Conventions.AuthorizeFolder("/Technician", PolicyBands);
            o.Conventions.AuthorizeFolder("/Management", PolicyManagement);
            o.Conventions.AuthorizeFolder("/Admin", PolicyManagement);
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
    }

    public static void ConfigurePipeline(WebApplication app)
    {
        int found = Migrations.Apply(app.Services.GetRequiredService<ClinicDb>());
        ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sensors.Analytics.Web");
        if (log.IsEnabled(LogLevel.Information))
            log.LogInformation("Clinic database schema {Found} -> {Latest}; environment {Environment}", found, Migrations.Latest, app.Environment.EnvironmentName);
        TelemetryRegistration.Initialize(app.Services);
        Sensors.Analytics.Ingest.IngestOptions ingest = app.Services.GetRequiredService<Sensors.Analytics.Ingest.IngestOptions>();
        if (log.IsEnabled(LogLevel.Information))
            log.LogInformation("Telemetry store {Backend}; MQTT ingest {State} (Mqtt:IngestEnabled) from {Host}:{Port}, TLS {Tls}",
                app.Services.GetRequiredService<ITelemetryReader>().Backend, ingest.Enabled ? "enabled" : "disabled", ingest.Host, ingest.EffectivePort, ingest.UseTls);

        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers.XFrameOptions = "DENY";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            ctx.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; frame-ancestors 'none'";
            await next(ctx).ConfigureAwait(false);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/health", HealthEndpoint.Get).AllowAnonymous();
        ApiEndpoints.Map(app);
        app.MapRazorPages();
    }

    /// <summary>Builds the service for <paramref name="args"/> (used by Program).</summary>
    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder);
        WebApplication app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>The user's display name for audit rows.</summary>
    public static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    /// <summary>
    /// A request refused by role (e.g. a technician on a citizen URL) is audited like the citizen gate's refusals: user,
    /// "denied:" + method and path, and the pseudonym when the route names an existing citizen.
    /// </summary>
    private static void AuditRefusal(HttpContext http)
    {
        ClinicRepository repo = http.RequestServices.GetRequiredService<ClinicRepository>();
        Microsoft.AspNetCore.Routing.RouteValueDictionary route = Microsoft.AspNetCore.Routing.RoutingHttpContextExtensions.GetRouteData(http).Values;
        string? pseudonym = null;
        if ((route["id"] ?? route["citizenId"])?.ToString() is { } raw && long.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out long id))
            pseudonym = repo.Citizen(id)?.Pseudonym;
        repo.Audit(UserName(http.User), $"denied:{http.Request.Method} {http.Request.Path}", pseudonym, "role");
    }

    private static System.Threading.Tasks.Task ApiOr(HttpRequest request, HttpResponse response, int status, string redirect)
    {
        if (request.Path.StartsWithSegments("/api")) response.StatusCode = status;
        else response.Redirect(redirect);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    private static void EnsureFolder(string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:") return;
        string? dir = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (dir is not null) Directory.CreateDirectory(dir);
    }
}
