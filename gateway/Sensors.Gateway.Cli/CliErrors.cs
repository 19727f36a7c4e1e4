using System;
using System.IO;
using Sensors.Gateway.Evaluation;
using Sensors.Recording;

namespace Sensors.Gateway.Cli;

/// <summary>Turns bad input into one clear line on stderr and a non-zero exit code, never a stack trace.</summary>
internal static class CliErrors
{
    /// <summary>Exit code for bad input (file missing, malformed recording, wrong layout).</summary>
    public const int BadInput = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is RecordingFormatException or HingeFormatException or BroadFormatException
                                       or IOException or UnauthorizedAccessException or FormatException or InvalidDataException
                                       or ArgumentException or InvalidOperationException or NotSupportedException
                                       or Sensors.Gateway.Exercises.CatalogueFormatException or Sensors.Gateway.Sessions.Recording.SessionRecordException
                                       or Sensors.Gateway.Sessions.Outbox.OutboxException or Sensors.Gateway.Sessions.Uplink.UplinkConfigurationException
                                       or Sensors.Gateway.Calibration.CalibrationStoreException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
    }

    /// <summary>Checks that a recording file exists before any work starts.</summary>
    public static string RequireFile(FileInfo? file, string option)
    {
        if (file is null) throw new ArgumentException($"{option} is required.");
        if (!file.Exists) throw new FileNotFoundException($"{option}: file '{file.FullName}' does not exist.", file.FullName);
        return file.FullName;
    }
}
