using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sensors.Analytics.Web.Data;

namespace Sensors.Analytics.Web.Pages.Admin;

/// <summary>
/// The audit log for admins: every read and change of citizen data (pages, API, exports, programs, proposals, erasure,
/// refused attempts), filtered by citizen pseudonym, user and period (dates in UTC, both days included). Opening the
/// page is itself audited.
/// </summary>
public sealed class AuditModel(ClinicRepository repo) : PageModel
{
    /// <summary>Most rows shown at once (newest first).</summary>
    public const int Limit = 1000;

    [BindProperty(SupportsGet = true)] public string? Citizen { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public string? Error { get; private set; }

    public void OnGet()
    {
        UserFilter = Blank(UserFilter);
        Citizen = Blank(Citizen);
        DateTime? from = ParseDay(From, "from");
        DateTime? to = ParseDay(To, "to")?.AddDays(1);
        if (Error is not null) return;
        if (from is not null && to is not null && to <= from)
        {
            Error = $"The period is empty: from {From} is after to {To}.";
            return;
        }
        Entries = repo.SearchAudit(Citizen, UserFilter, from, to, Limit);
        repo.Audit(AnalyticsHost.UserName(User), "read-audit", Citizen, $"user={UserFilter ?? "*"} from={From ?? "*"} to={To ?? "*"}; {Entries.Count} rows");
    }

    private DateTime? ParseDay(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTime.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime d))
            return DateTime.SpecifyKind(d, DateTimeKind.Utc);
        Error ??= $"'{value}' in '{name}' is not a date (yyyy-MM-dd).";
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
