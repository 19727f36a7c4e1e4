using System;

namespace Sensors.Gateway.Evaluation;

/// <summary>Bad input for a hinge-layout evaluation: the message names the file and the missing or wrong column.</summary>
public sealed class HingeFormatException : Exception
{
    /// <summary>Creates the exception with a message naming the file and the problem.</summary>
    public HingeFormatException(string message) : base(message) { }

    /// <summary>Standard constructor.</summary>
    public HingeFormatException() : base("bad hinge recording") { }

    /// <summary>Standard constructor.</summary>
    public HingeFormatException(string message, Exception innerException) : base(message, innerException) { }
}
