using System;
using System.Security.Claims;
using Sensors.Analytics.Web.Data;

namespace Sensors.Analytics.Web.Security;

/// <summary>Outcome of asking for a citizen's data.</summary>
public enum AccessResult
{
    /// <summary>Allowed; the read or change is audited by the caller.</summary>
    Allowed,
    /// <summary>The role never sees citizen data (technician): 403.</summary>
    Forbidden,
    /// <summary>Unknown citizen, or a therapist asking for a citizen not assigned to them: 404 (existence is not revealed).</summary>
    NotFound,
}

/// <summary>
/// The one gate in front of citizen data: admins see every citizen, therapists only citizens assigned to them,
/// technicians none. Every allowed access is written to the audit log (who, what, when, citizen pseudonym);
/// refused attempts are logged too.
/// </summary>
public sealed class CitizenAccess(ClinicRepository repo)
{
    public const string UserIdClaim = "sensors:user-id";

    /// <summary>Checks access and, when allowed, audits <paramref name="action"/>.</summary>
    public AccessResult Check(ClaimsPrincipal user, long citizenId, string action, out Citizen? citizen, string detail = "")
    {
        citizen = null;
        string name = user.Identity?.Name ?? "anonymous";
        // Refusals name the pseudonym when the citizen exists (the audit log is for admins only; the caller learns nothing),
        // so the admin's audit page filtered by citizen lists refused attempts too.
        Citizen? found = repo.Citizen(citizenId);
        if (user.IsInRole(Roles.Technician) && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Therapist))
        {
            repo.Audit(name, "denied:" + action, found?.Pseudonym, $"citizen #{citizenId}: role technician");
            return AccessResult.Forbidden;
        }
        bool ok = found is not null && (user.IsInRole(Roles.Admin)
            || (user.IsInRole(Roles.Therapist) && TryUserId(user, out long uid) && repo.IsAssigned(uid, citizenId)));
        if (!ok)
        {
            repo.Audit(name, "denied:" + action, found?.Pseudonym, $"citizen #{citizenId}: {(found is null ? "not found" : "not assigned")}");
            return AccessResult.NotFound;
        }
        citizen = found;
        repo.Audit(name, action, found!.Pseudonym, detail);
        return AccessResult.Allowed;
    }

    public static bool TryUserId(ClaimsPrincipal user, out long id)
    {
        id = 0;
        string? v = user.FindFirst(UserIdClaim)?.Value;
        return v is not null && long.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out id);
    }

    /// <summary>The citizens this user may see (list pages): all for admin, assigned for a therapist, none otherwise.</summary>
    public System.Collections.Generic.IReadOnlyList<Citizen> Visible(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin)) return repo.AllCitizens();
        if (user.IsInRole(Roles.Therapist) && TryUserId(user, out long uid)) return repo.CitizensAssignedTo(uid);
        return Array.Empty<Citizen>();
    }
}
