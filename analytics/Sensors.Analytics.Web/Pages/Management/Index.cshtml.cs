using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sensors.Analytics.Web.Api;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Kpis;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Pages.Management;

public sealed class IndexModel(ClinicRepository repo, ITelemetryReader telemetry) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Team { get; set; }
    public DateTime From { get; private set; }
    public DateTime To { get; private set; }
    public IReadOnlyList<Team> Teams { get; private set; } = [];
    public IReadOnlyList<KpiRow> Rows { get; private set; } = [];
    public string Query => Request.QueryString.HasValue ? Request.QueryString.Value!.TrimStart('?') : "";
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Teams = repo.Teams();
        if (!ApiEndpoints.TryPeriod(Request, out DateTime from, out DateTime to, out string? error))
        {
            Error = error;
            to = DateTime.UtcNow.Date.AddDays(1);
            from = to.AddDays(-84);
        }
        From = from;
        To = to;
        Rows = await ApiEndpoints.KpisAsync(repo, telemetry, Team, from, to, ct);
        repo.Audit(AnalyticsHost.UserName(User), "read-kpis", null, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
    }
}
