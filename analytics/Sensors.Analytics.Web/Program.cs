using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Sensors.Analytics.Web;
using Sensors.Analytics.Web.Demo;

// Analytics service host. `dotnet run -- seed-demo` fills the configured databases with the demo clinic and exits.
if (args.Length > 0 && args[0] == "seed-demo")
{
    WebApplicationBuilder seedBuilder = WebApplication.CreateBuilder(args[1..]);
    if (seedBuilder.Environment.IsProduction())
    {
        // Checked before anything is created: demo users share one published password.
        Console.Error.WriteLine("seed-demo refuses to run in Production; set ASPNETCORE_ENVIRONMENT=Development (dotnet run does, via launchSettings.json).");
        return 2;
    }
    AnalyticsHost.ConfigureServices(seedBuilder);
    await using WebApplication seedApp = seedBuilder.Build();
    AnalyticsHost.ConfigurePipeline(seedApp);
    DemoSeed.Result r = DemoSeed.Run(seedApp.Services, DateTime.UtcNow);
    Console.WriteLine($"seeded {r.Citizens} citizens, {r.Sessions} sessions, {r.Users} users (password for every demo user: {DemoSeed.DemoPassword})");
    return 0;
}

WebApplication app = AnalyticsHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
