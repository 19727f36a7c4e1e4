using System;

namespace Sensors.Recording;

/// <summary>
/// The one exception type for bad recording input: a CSV / CSV.gz file or its JSON sidecar that breaks the
/// recording format (missing or duplicate column, non-numeric field, wrong field count, truncated gzip,
/// decreasing time, non-SI unit, malformed sidecar ...). The message always names the file, the line and,
/// when known, the column, e.g. <c>hinge/roll_slow.csv.gz:17: column 'imu1_acc_x': not a number: 'abc'</c>.
/// </summary>
public sealed class RecordingFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/> at <paramref name="line"/> (1-based, 0 = not line-specific).</summary>
    public RecordingFormatException(string filePath, long line, string? column, string reason, Exception? innerException = null)
        : base(Compose(filePath, line, column, reason), innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Standard constructor; prefer the one that names file, line and column.</summary>
    public RecordingFormatException() : this(string.Empty, 0, null, "bad recording") { }

    /// <summary>Standard constructor; prefer the one that names file, line and column.</summary>
    public RecordingFormatException(string message) : this(string.Empty, 0, null, message) { }

    /// <summary>Standard constructor; prefer the one that names file, line and column.</summary>
    public RecordingFormatException(string message, Exception innerException) : this(string.Empty, 0, null, message, innerException) { }

    /// <summary>The recording (or sidecar) file the problem is in.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem (the header is line 1); 0 when it is not line-specific.</summary>
    public long Line { get; }

    /// <summary>The column concerned (for a sidecar: the JSON path), or null when it is not column-specific.</summary>
    public string? Column { get; }

    /// <summary>The reason alone, without file, line and column.</summary>
    public string Reason { get; }

    private static string Compose(string filePath, long line, string? column, string reason)
    {
        string where = line > 0 ? $"{filePath}:{line}" : filePath;
        return column is null ? $"{where}: {reason}" : $"{where}: column '{column}': {reason}";
    }
}
