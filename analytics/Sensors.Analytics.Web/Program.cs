using Microsoft.AspNetCore.Builder;

// Analytics service host (ingest, storage, therapist web). Filled in by issue #5.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
WebApplication app = builder.Build();
app.MapGet("/health", () => "ok");
app.Run();
