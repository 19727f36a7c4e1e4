using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web.Pages.Technician;

/// <summary>Bands, firmware, calibration certificates, battery/status. Technicians see band ids and gateways, never citizens.</summary>
public sealed class BandsModel(ITelemetryReader telemetry) : PageModel
{
    public IReadOnlyList<BandState> Bands { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Bands = await telemetry.BandsAsync(ct);
}
