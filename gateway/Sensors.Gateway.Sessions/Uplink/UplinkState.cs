namespace Sensors.Gateway.Sessions.Uplink;

/// <summary>Where the uplink is.</summary>
public enum UplinkState
{
    /// <summary>Not started or stopped.</summary>
    Stopped,
    /// <summary>Connecting to the broker.</summary>
    Connecting,
    /// <summary>Connected: draining the outbox and receiving programs.</summary>
    Connected,
    /// <summary>Connection failed or lost; waiting (backoff) before the next attempt. The outbox keeps everything.</summary>
    WaitingToReconnect,
    /// <summary>The broker refused the credentials; still retrying (slowly) but needs a technician.</summary>
    AuthenticationFailed,
}
