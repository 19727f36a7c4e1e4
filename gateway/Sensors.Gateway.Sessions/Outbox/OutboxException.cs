using System;

namespace Sensors.Gateway.Sessions.Outbox;

/// <summary>The outbox cannot store or read something (disk full, corrupted file, topic outside the tree).</summary>
public sealed class OutboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutboxException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public OutboxException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public OutboxException() { }
}
