using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Contracts;

namespace Sensors.Analytics.Web.Telemetry;

/// <summary>Writes uplink messages into the telemetry store as ingest would (demo seeding and page tests).</summary>
public interface ITelemetrySink
{
    Task WriteAsync(IReadOnlyList<(TopicPath Topic, ContractMessage Message)> messages, CancellationToken ct = default);
}
