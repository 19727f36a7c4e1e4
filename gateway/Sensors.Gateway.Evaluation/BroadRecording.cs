using System;
using System.Collections.Generic;
using System.IO;
using Sensors.Recording;

namespace Sensors.Gateway.Evaluation;

/// <summary>
/// One BROAD-layout recording (datasets README section 1): t_s, acc_*, gyr_*, mag_*, q_* (empty = missing),
/// movement. Read with the shared recording reader (.csv or .csv.gz); missing fields are NaN.
/// </summary>
public sealed class BroadRecording
{
    /// <summary>Columns an orientation evaluation needs (mag_* only for 9D).</summary>
    public static readonly string[] RequiredColumns =
    [
        "t_s", "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z", "q_w", "q_x", "q_y", "q_z", "movement",
    ];

    /// <summary>Magnetometer columns (needed for 9D).</summary>
    public static readonly string[] MagColumns = ["mag_x", "mag_y", "mag_z"];

    private BroadRecording(string path, Dictionary<string, double[]> columns, int rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
    }

    /// <summary>File the data came from.</summary>
    public string Path { get; }

    /// <summary>Number of data rows.</summary>
    public int Rows { get; }

    /// <summary>Columns by name.</summary>
    public IReadOnlyDictionary<string, double[]> Columns { get; }

    /// <summary>True when the column exists.</summary>
    public bool Has(string name) => Columns.ContainsKey(name);

    /// <summary>The column, or an <see cref="BroadFormatException"/> naming the file and the column.</summary>
    public double[] Get(string name) =>
        Columns.TryGetValue(name, out double[]? c) ? c : throw new BroadFormatException($"{Path}: column '{name}' is missing (not a BROAD layout?).");

    /// <summary>Loads a BROAD-layout file; checks the columns it needs (with magnetometer when requireMag).</summary>
    public static BroadRecording Load(string path, bool requireMag)
    {
        if (!File.Exists(path)) throw new BroadFormatException($"{path}: file not found.");
        RecordingTable table;
        try
        {
            table = RecordingTable.Load(path);
        }
        catch (RecordingFormatException e)
        {
            throw new BroadFormatException($"{path}: not a readable recording: {e.Message}", e);
        }
        var missing = new List<string>();
        foreach (string c in RequiredColumns)
        {
            if (!table.HasColumn(c) || table.IsTextColumn(c)) missing.Add(c);
        }
        if (requireMag)
        {
            foreach (string c in MagColumns)
            {
                if (!table.HasColumn(c) || table.IsTextColumn(c)) missing.Add(c);
            }
        }
        if (missing.Count > 0)
        {
            throw new BroadFormatException($"{path}: not a BROAD layout, missing column(s) {string.Join(", ", missing)}.");
        }
        if (table.RowCount == 0) throw new BroadFormatException($"{path}: no data rows.");
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (string name in table.Columns)
        {
            if (!table.IsTextColumn(name)) columns[name] = table.GetColumn(name);
        }
        int row = table.RowCount;
        return new BroadRecording(path, columns, row);
    }
}
