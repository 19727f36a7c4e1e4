using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Sensors.Gateway.Sessions.Downlink;
using Sensors.Gateway.Sessions.Outbox;
using Sensors.Gateway.Sessions.Uplink;

namespace Sensors.Gateway.Cli.Live;

/// <summary>What one drain achieved.</summary>
/// <param name="Published">Messages acknowledged by the broker in this drain.</param>
/// <param name="Pending">Messages still waiting (broker unreachable within the time limit).</param>
/// <param name="LastError">The uplink's last error, when any.</param>
public sealed record PublishOutcome(long Published, int Pending, string? LastError);

/// <summary>
/// Drains the outbox through the <see cref="MqttUplink"/> (QoS 1, rows marked only after PUBACK; reconnects with back-off)
/// until nothing is pending or the time limit passes. What is not acknowledged stays queued for the next drain.
/// </summary>
public static class OutboxPublisher
{
    /// <summary>Starts the uplink, waits until the outbox has no pending row (or <paramref name="timeout"/>), stops it.</summary>
    public static async Task<PublishOutcome> DrainAsync(MqttUplinkOptions options, SessionOutbox outbox, TimeSpan timeout,
        ProgramCache? programs = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outbox);
        await using var uplink = new MqttUplink(options, outbox, programs);
        uplink.Start();
        var clock = Stopwatch.StartNew();
        // Wrong credentials are not cured by waiting: stop at the first refusal (the rows stay queued for the next drain).
        while (outbox.GetCounts().Pending > 0 && clock.Elapsed < timeout && !ct.IsCancellationRequested && uplink.State != UplinkState.AuthenticationFailed)
        {
            try
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await uplink.StopAsync().ConfigureAwait(false);
        return new PublishOutcome(uplink.PublishedCount, outbox.GetCounts().Pending, uplink.LastError);
    }
}
