using System.Threading;
using System.Threading.Tasks;
using Sensors.Analytics.Web.Data;

namespace Sensors.Analytics.Web.Programs;

/// <summary>
/// Sends a citizen's program to their gateway. The message carries the pseudonym only; the topic is the
/// retained downlink <c>sensors/v1/{site}/{gateway}/programs/{pseudonym}</c> (Sensors.Contracts.Topics.Program).
/// </summary>
public interface IProgramPublisher
{
    /// <summary>Publishes (retained, QoS 1) and returns the topic used. Throws when the broker did not accept it.</summary>
    Task<string> PublishAsync(Citizen citizen, ProgramVersion program, CancellationToken ct = default);
}
