using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Security;

namespace Sensors.Analytics.Web.Pages.Citizens;

public sealed class IndexModel(CitizenAccess access, ClinicRepository repo, CitizenOverviewBuilder overview) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Light { get; set; }
    public List<CitizenOverview> Rows { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (Citizen c in access.Visible(User))
        {
            if (!string.IsNullOrWhiteSpace(Q) && !c.FullName.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase) && !c.Pseudonym.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            CitizenOverview o = await overview.BuildAsync(c, ct);
            if (!string.IsNullOrEmpty(Light) && !string.Equals(o.Week.Light.ToString(), Light, StringComparison.OrdinalIgnoreCase)) continue;
            Rows.Add(o);
        }
        repo.Audit(AnalyticsHost.UserName(User), "list-citizens", null, $"{Rows.Count} shown");
    }
}
