using System;
using Microsoft.AspNetCore.Builder;
using Sensors.Analytics.Web;
using Sensors.Analytics.Web.Demo;

// Analytics service host. `dotnet run -- seed-demo` fills the configured databases with the demo clinic and exits.
if (args.Length > 0 && args[0] == "seed-demo")
{
    await using WebApplication seedApp = AnalyticsHost.Build(args[1..]);
    DemoSeed.Result r = DemoSeed.Run(seedApp.Services, DateTime.UtcNow);
    Console.WriteLine($"seeded {r.Citizens} citizens, {r.Sessions} sessions, {r.Users} users (password for every demo user: {DemoSeed.DemoPassword})");
    return 0;
}

WebApplication app = AnalyticsHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
