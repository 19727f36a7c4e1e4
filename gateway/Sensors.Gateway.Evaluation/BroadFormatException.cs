using System;

namespace Sensors.Gateway.Evaluation;

/// <summary>Bad input for a BROAD-layout evaluation: the message names the file and what is missing or wrong.</summary>
public sealed class BroadFormatException : Exception
{
    /// <summary>Creates the exception with a message naming the file and the problem.</summary>
    public BroadFormatException(string message) : base(message) { }

    /// <summary>Standard constructor.</summary>
    public BroadFormatException() : base("bad BROAD recording") { }

    /// <summary>Standard constructor.</summary>
    public BroadFormatException(string message, Exception innerException) : base(message, innerException) { }
}
