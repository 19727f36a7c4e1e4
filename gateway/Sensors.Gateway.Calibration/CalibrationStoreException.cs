using System;

namespace Sensors.Gateway.Calibration;

/// <summary>Bad input to the calibration store (damaged record, unknown band, unreadable database), naming what and where.</summary>
public sealed class CalibrationStoreException : Exception
{
    public CalibrationStoreException() { }

    public CalibrationStoreException(string message) : base(message) { }

    public CalibrationStoreException(string message, Exception innerException) : base(message, innerException) { }
}
