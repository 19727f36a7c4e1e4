using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Web.Data;
using Sensors.Analytics.Web.Telemetry;

namespace Sensors.Analytics.Web;

/// <summary>Result of erasing a citizen: what went from each store.</summary>
public sealed record ErasureResult(string Pseudonym, bool RelationalDeleted, long TelemetryRecordsDeleted);

/// <summary>
/// Erases a citizen across all stores: first the time-series store (by pseudonym), then the relational rows
/// (identity, programs, proposals, notes, courses, assignments). The audit log keeps the erasure itself
/// (user, time, pseudonym) but never held identities. Telemetry goes first so a failure there leaves the
/// citizen visible and the erasure can be retried.
/// </summary>
public sealed class Erasure(ClinicRepository repo, ITelemetryReader telemetry)
{
    public async Task<ErasureResult> EraseAsync(Citizen citizen, string byUser, CancellationToken ct = default)
    {
        long n = await telemetry.EraseAsync(citizen.Pseudonym, ct).ConfigureAwait(false);
        bool deleted = repo.DeleteCitizen(citizen.Id);
        repo.Audit(byUser, "erase", citizen.Pseudonym, $"telemetry records {n}; relational {(deleted ? "deleted" : "already gone")}");
        return new ErasureResult(citizen.Pseudonym, deleted, n);
    }
}
