using System;

namespace Sensors.Contracts;

/// <summary>A payload or topic that does not follow the contract; the message names topic, schema and field.</summary>
public sealed class ContractException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContractException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public ContractException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public ContractException() { }
}
