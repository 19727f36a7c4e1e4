using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sensors.Analytics.Web.Charts;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Security;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Pages.Sessions;

public sealed class DetailModel(CitizenAccess access, ITelemetryReader telemetry) : PageModel
{
    public long CitizenId { get; private set; }
    public SessionTrace? Trace { get; private set; }
    public ChartSvg? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(long citizenId, string sessionId, CancellationToken ct)
    {
        AccessResult r = access.Check(User, citizenId, "read-session", out Citizen? c, sessionId);
        if (r != AccessResult.Allowed) return r == AccessResult.Forbidden ? Forbid() : NotFound();
        // A session of another citizen is not found here, even for a therapist of this one.
        SessionTrace? trace = await telemetry.SessionAsync(c!.Pseudonym, sessionId, ct);
        if (trace is null) return NotFound();
        CitizenId = citizenId;
        Trace = trace;
        Chart = ChartRenderer.SessionTrace(trace);
        return Page();
    }
}
