using System;
using System.Collections.Generic;

namespace Sensors.Recording;

/// <summary>
/// A whole recording in memory, column-major, for evaluation and batch work; read with <see cref="RecordingReader"/>
/// (same checks, same errors). Numeric columns are <c>double[]</c> in SI units where <b>NaN marks an empty
/// (missing) field</b>, e.g. BROAD's q_* while the optical system lost the IMU; the files themselves never hold NaN.
/// Text columns (phase, sidecar text_columns) are <c>string[]</c>, empty string when missing.
/// </summary>
public sealed class RecordingTable
{
    private readonly string[] _columns;
    private readonly Dictionary<string, int> _index;
    private readonly double[]?[] _numeric;
    private readonly string[]?[] _text;

    private RecordingTable(string path, string[] columns, double[]?[] numeric, string[]?[] text, int rows, RecordingMetadata? metadata)
    {
        FilePath = path;
        _columns = columns;
        _numeric = numeric;
        _text = text;
        RowCount = rows;
        Metadata = metadata;
        _index = new Dictionary<string, int>(columns.Length, StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++) _index[columns[i]] = i;
        Columns = Array.AsReadOnly(columns);
    }

    /// <summary>Loads a whole recording; any bad input raises <see cref="RecordingFormatException"/>.</summary>
    public static RecordingTable Load(string path) => Load(path, null);

    /// <summary>Loads a whole recording with explicit reader options (null = defaults).</summary>
    public static RecordingTable Load(string path, RecordingReaderOptions? options)
    {
        RecordingTable table = LoadPartial(path, options, out RecordingFormatException? error);
        return error is null ? table : throw error;
    }

    /// <summary>
    /// Loads every valid row up to the first bad one (e.g. a session recording cut off by a crash). Errors in the
    /// header, sidecar or file access still throw; a row-level error is returned in <paramref name="error"/>
    /// together with the rows before it.
    /// </summary>
    public static RecordingTable LoadPartial(string path, RecordingReaderOptions? options, out RecordingFormatException? error)
    {
        using RecordingReader reader = RecordingReader.Open(path, options);
        int n = reader.Columns.Count;
        string[] columns = new string[n];
        var numeric = new double[]?[n];
        var text = new string[]?[n];
        int capacity = 4096;
        for (int c = 0; c < n; c++)
        {
            columns[c] = reader.Columns[c];
            if (reader.IsTextColumn(c)) text[c] = new string[capacity];
            else numeric[c] = new double[capacity];
        }

        int rows = 0;
        error = null;
        try
        {
            while (reader.ReadRow())
            {
                if (rows == capacity)
                {
                    capacity = checked(capacity * 2);
                    for (int c = 0; c < n; c++)
                    {
                        if (numeric[c] is not null) Array.Resize(ref numeric[c], capacity);
                        else Array.Resize(ref text[c], capacity);
                    }
                }

                for (int c = 0; c < n; c++)
                {
                    if (numeric[c] is { } column)
                    {
                        reader.TryGetDouble(c, out column[rows]);
                    }
                    else
                    {
                        text[c]![rows] = reader.GetText(c);
                    }
                }

                rows++;
            }
        }
        catch (RecordingFormatException e)
        {
            error = e;
        }

        return new RecordingTable(path, columns, numeric, text, rows, reader.Metadata);
    }

    /// <summary>The file it was loaded from.</summary>
    public string FilePath { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The sidecar if present.</summary>
    public RecordingMetadata? Metadata { get; }

    /// <summary>The layout of the header.</summary>
    public RecordingLayout Layout => RecordingLayouts.Detect(Columns);

    /// <summary>True when the recording has <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> exists and is a text column.</summary>
    public bool IsTextColumn(string name) => _index.TryGetValue(name, out int i) && _text[i] is not null;

    /// <summary>
    /// A copy of numeric column <paramref name="name"/> (<see cref="RowCount"/> values); <b>NaN marks an empty
    /// (missing) field</b>. Raises <see cref="RecordingFormatException"/> when the column is absent.
    /// </summary>
    public double[] GetColumn(string name) => GetColumnSpan(name).ToArray();

    /// <summary>Numeric column <paramref name="name"/> without copying (NaN = missing).</summary>
    public ReadOnlySpan<double> GetColumnSpan(string name)
    {
        int i = Require(name);
        return _numeric[i] is { } values
            ? values.AsSpan(0, RowCount)
            : throw new InvalidOperationException($"Column '{name}' of {FilePath} is a text column: use GetTextColumn.");
    }

    /// <summary>A copy of text column <paramref name="name"/> (empty string = missing).</summary>
    public string[] GetTextColumn(string name)
    {
        int i = Require(name);
        return _text[i] is { } values
            ? values.AsSpan(0, RowCount).ToArray()
            : throw new InvalidOperationException($"Column '{name}' of {FilePath} is numeric: use GetColumn.");
    }

    private int Require(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _index.TryGetValue(name, out int i)
            ? i
            : throw new RecordingFormatException(FilePath, 1, name, $"required column is missing (the header has: {string.Join(", ", _columns)})");
    }
}
