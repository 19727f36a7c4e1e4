using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Sensors.Gateway.Evaluation;

/// <summary>
/// One BROAD-layout recording (datasets README section 1): t_s, acc_*, gyr_*, mag_*, q_* (empty = missing),
/// movement. Read from a .csv or .csv.gz file; missing fields become NaN.
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
        using Stream file = File.OpenRead(path);
        using Stream data = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(data);
        string? header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header)) throw new BroadFormatException($"{path}: empty file, no header line.");
        string[] names = header.Trim().Split(',');
        var missing = new List<string>();
        foreach (string c in RequiredColumns)
        {
            if (Array.IndexOf(names, c) < 0) missing.Add(c);
        }
        if (requireMag)
        {
            foreach (string c in MagColumns)
            {
                if (Array.IndexOf(names, c) < 0) missing.Add(c);
            }
        }
        if (missing.Count > 0)
        {
            throw new BroadFormatException($"{path}: not a BROAD layout, missing column(s) {string.Join(", ", missing)}.");
        }

        var lists = new List<double>[names.Length];
        for (int i = 0; i < names.Length; i++) lists[i] = new List<double>(65536);
        int row = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            row++;
            ReadOnlySpan<char> rest = line.AsSpan();
            for (int i = 0; i < names.Length; i++)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> field = comma < 0 ? rest : rest[..comma];
                double v = double.NaN;
                if (field.Length > 0 && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out v))
                {
                    v = double.NaN;
                    if (!field.IsWhiteSpace()) throw new BroadFormatException($"{path}: row {row + 1}, column '{names[i]}': '{field.ToString()}' is not a number.");
                }
                lists[i].Add(v);
                if (comma < 0)
                {
                    if (i < names.Length - 1) throw new BroadFormatException($"{path}: row {row + 1} has {i + 1} fields, the header {names.Length}.");
                    break;
                }
                rest = rest[(comma + 1)..];
            }
        }
        if (row == 0) throw new BroadFormatException($"{path}: no data rows.");
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++) columns[names[i]] = lists[i].ToArray();
        return new BroadRecording(path, columns, row);
    }
}
