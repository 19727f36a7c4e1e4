using System;

namespace Sensors.Gateway.Sessions.Recording;

/// <summary>A session handed to the recorder is not valid; the message names the session and the field.</summary>
public sealed class SessionRecordException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionRecordException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public SessionRecordException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public SessionRecordException() { }
}
