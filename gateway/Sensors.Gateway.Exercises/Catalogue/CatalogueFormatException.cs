using System;

namespace Sensors.Gateway.Exercises;

/// <summary>A catalogue or program file that cannot be used; the message names the source and the JSON path.</summary>
public sealed class CatalogueFormatException : Exception
{
    public CatalogueFormatException()
    {
    }

    public CatalogueFormatException(string message)
        : base(message)
    {
    }

    public CatalogueFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
