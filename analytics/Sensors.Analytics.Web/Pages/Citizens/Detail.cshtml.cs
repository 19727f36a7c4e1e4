using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sensors.Analytics.Web.Charts;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Security;

namespace Sensors.Analytics.Web.Pages.Citizens;

public sealed class DetailModel(CitizenAccess access, ClinicRepository repo, CitizenOverviewBuilder overview, Erasure erasure) : PageModel
{
    public CitizenOverview? Overview { get; private set; }
    public ChartSvg? Rom { get; private set; }
    public ChartSvg? Weeks { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        AccessResult r = access.Check(User, id, "read-citizen", out Citizen? c, "page");
        if (r != AccessResult.Allowed) return r == AccessResult.Forbidden ? Forbid() : NotFound();
        await LoadAsync(c!, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(long id, string? text, int minutes, CancellationToken ct)
    {
        AccessResult r = access.Check(User, id, "add-note", out Citizen? c);
        if (r != AccessResult.Allowed) return r == AccessResult.Forbidden ? Forbid() : NotFound();
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000 || minutes is < 0 or > 600)
        {
            Error = "A note needs 1-4000 characters and 0-600 minutes.";
            await LoadAsync(c!, ct);
            return Page();
        }
        repo.AddNote(c!.Id, AnalyticsHost.UserName(User), text.Trim(), minutes);
        return Redirect($"/citizens/{id}");
    }

    public async Task<IActionResult> OnPostEraseAsync(long id, string? confirm, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin)) return Forbid();
        AccessResult r = access.Check(User, id, "erase-request", out Citizen? c);
        if (r != AccessResult.Allowed) return NotFound();
        if (confirm != c!.Pseudonym)
        {
            Error = "Erasure not done: the pseudonym typed does not match.";
            await LoadAsync(c, ct);
            return Page();
        }
        await erasure.EraseAsync(c, AnalyticsHost.UserName(User), ct);
        return Redirect("/citizens");
    }

    private async Task LoadAsync(Citizen c, CancellationToken ct)
    {
        Overview = await overview.BuildAsync(c, ct);
        Rom = ChartRenderer.Rom(Overview.Sessions, Overview.TargetFlexionRad, Overview.TargetExtensionRad);
        Weeks = ChartRenderer.SessionsPerWeek(Overview.Sessions, Overview.Program?.SessionsPerWeek ?? 0);
    }
}
