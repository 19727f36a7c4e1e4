using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Sensors.Recording;

/// <summary>Settings of <see cref="RecordingWriter"/>.</summary>
public sealed class RecordingWriterOptions
{
    /// <summary>Gzip level for <c>.csv.gz</c>. Default <see cref="CompressionLevel.Optimal"/>.</summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;

    /// <summary>Reject non-SI column names (<see cref="RecordingUnits"/>). Default true.</summary>
    public bool CheckUnits { get; init; } = true;
}

/// <summary>
/// Writes a recording: <c>.csv</c> or <c>.csv.gz</c> by extension, UTF-8 without BOM, <c>\n</c> line ends, header
/// first. Numbers are written in the shortest form that reads back to the identical double (invariant culture);
/// NaN is written as an empty field (missing). The file appears atomically: rows go to a temporary file beside the
/// target, which <see cref="Complete"/> (or <see cref="Dispose"/>) moves over the target; the sidecar, when
/// given, is written next (also atomically). <see cref="Abort"/> discards everything.
/// Bad arguments (column count, decreasing or missing t_s, infinite values, text with a comma or line break)
/// raise <see cref="ArgumentException"/> before anything of that row is written.
/// </summary>
public sealed class RecordingWriter : IDisposable
{
    private readonly string[] _columns;
    private readonly bool[] _isText;
    private readonly int[] _textIndexes;
    private readonly RecordingMetadata? _metadata;
    private readonly string _tempPath;
    private readonly StreamWriter _out;
    private readonly double[] _scratchValues;
    private readonly string?[] _scratchTexts;
    private char[] _row;
    private double _lastTime = double.NegativeInfinity;
    private bool _finished;

    private RecordingWriter(string path, string[] columns, RecordingMetadata? metadata, RecordingWriterOptions options)
    {
        FilePath = path;
        _columns = columns;
        _metadata = metadata;
        Columns = Array.AsReadOnly(columns);
        _isText = new bool[columns.Length];
        var textIndexes = new List<int>();
        for (int i = 0; i < columns.Length; i++)
        {
            string name = columns[i];
            bool isText = Contains(RecordingLayouts.DefaultTextColumns, name) || (metadata is not null && metadata.TextColumns.Contains(name));
            _isText[i] = isText;
            if (isText) textIndexes.Add(i);
        }

        if (_isText[0]) throw new ArgumentException("t_s cannot be a text column.", nameof(metadata));
        _textIndexes = [.. textIndexes];
        _scratchValues = new double[columns.Length];
        _scratchTexts = new string?[_textIndexes.Length];
        _row = new char[Math.Max(256, columns.Length * 32)];

        _tempPath = RecordingMetadata.TempPathFor(path);
        Stream stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, options.Compression);
        _out = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n" };
        _out.Write(string.Join(',', columns));
        _out.Write('\n');
    }

    /// <summary>
    /// Creates <paramref name="path"/> (<c>.csv</c> or <c>.csv.gz</c>) with <paramref name="columns"/> (t_s first).
    /// Text columns are phase plus <see cref="RecordingMetadata.TextColumns"/>; the sidecar is written on completion.
    /// </summary>
    public static RecordingWriter Create(string path, IReadOnlyList<string> columns, RecordingMetadata? metadata = null) =>
        Create(path, columns, metadata, null);

    /// <summary>Creates a recording with explicit <paramref name="options"/>.</summary>
    public static RecordingWriter Create(string path, IReadOnlyList<string> columns, RecordingMetadata? metadata, RecordingWriterOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        options ??= new RecordingWriterOptions();
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"A recording is named *.csv or *.csv.gz: '{path}'.", nameof(path));
        }

        if (columns.Count == 0 || columns[0] != RecordingLayouts.TimeColumn)
        {
            throw new ArgumentException($"The first column must be '{RecordingLayouts.TimeColumn}'.", nameof(columns));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string[] names = new string[columns.Count];
        for (int i = 0; i < names.Length; i++)
        {
            string name = columns[i] ?? throw new ArgumentException($"Column {i + 1} is null.", nameof(columns));
            if (name.Length == 0 || name.Trim().Length != name.Length || name.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                throw new ArgumentException($"Column {i + 1} '{name}' is empty, has surrounding white space, a comma, a quote or a line break.", nameof(columns));
            }

            if (!seen.Add(name)) throw new ArgumentException($"Duplicate column '{name}'.", nameof(columns));
            string? declared = null;
            metadata?.Units.TryGetValue(name, out declared);
            string? problem = options.CheckUnits ? RecordingUnits.Check(name, declared) : null;
            if (problem is not null) throw new ArgumentException($"Column '{name}': {problem}.", nameof(columns));
            names[i] = name;
        }

        return new RecordingWriter(path, names, metadata, options);
    }

    /// <summary>The target file (it appears on completion).</summary>
    public string FilePath { get; }

    /// <summary>The columns, t_s first.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Indexes of the text columns, in column order: the order of the texts in <see cref="WriteRow(ReadOnlySpan{double}, ReadOnlySpan{string})"/>.</summary>
    public IReadOnlyList<int> TextColumnIndexes => _textIndexes;

    /// <summary>Rows written so far.</summary>
    public long RowsWritten { get; private set; }

    /// <summary>Index of <paramref name="column"/>, or -1.</summary>
    public int IndexOf(string column) => Array.IndexOf(_columns, column);

    /// <summary>Writes one row of an all-numeric layout: one value per column, NaN = missing.</summary>
    public void WriteRow(ReadOnlySpan<double> values)
    {
        if (_textIndexes.Length > 0)
        {
            throw new InvalidOperationException($"This recording has text columns ({string.Join(", ", Array.ConvertAll(_textIndexes, i => _columns[i]))}): use WriteRow(values, texts) or WriteFields.");
        }

        WriteCore(values, []);
    }

    /// <summary>
    /// Writes one row with text columns: <paramref name="values"/> has one entry per column (entries at text columns
    /// are ignored), <paramref name="texts"/> one entry per text column in <see cref="TextColumnIndexes"/> order
    /// (null or empty = missing).
    /// </summary>
    public void WriteRow(ReadOnlySpan<double> values, ReadOnlySpan<string?> texts) => WriteCore(values, texts);

    /// <summary>
    /// Writes one row from mixed fields, one per column: numbers (double, float, int, long, bool as 1/0) for numeric
    /// columns, strings for text columns, null = missing. Convenient; boxes, so prefer WriteRow in hot loops.
    /// </summary>
    public void WriteFields(params object?[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length != _columns.Length) throw new ArgumentException($"{fields.Length} fields for {_columns.Length} columns.", nameof(fields));
        int t = 0;
        for (int c = 0; c < fields.Length; c++)
        {
            object? f = fields[c];
            if (_isText[c])
            {
                _scratchTexts[t++] = f switch
                {
                    null => null,
                    string s => s,
                    _ => throw new ArgumentException($"Column '{_columns[c]}' is a text column: pass a string.", nameof(fields)),
                };
                _scratchValues[c] = double.NaN;
            }
            else
            {
                _scratchValues[c] = f switch
                {
                    null => double.NaN,
                    double d => d,
                    float x => x,
                    int i => i,
                    long l => l,
                    short s => s,
                    byte b => b,
                    bool b => b ? 1 : 0,
                    _ => throw new ArgumentException($"Column '{_columns[c]}' is numeric: pass a number or null, not {f.GetType().Name}.", nameof(fields)),
                };
            }
        }

        WriteCore(_scratchValues, _scratchTexts);
    }

    /// <summary>Finishes the file and moves it (and the sidecar) into place. Further writes are refused.</summary>
    public void Complete()
    {
        if (_finished) return;
        _finished = true;
        _out.Dispose();
        File.Move(_tempPath, FilePath, overwrite: true);
        _metadata?.Save(RecordingMetadata.SidecarPathFor(FilePath));
    }

    /// <summary>Discards the temporary file; the target is left as it was.</summary>
    public void Abort()
    {
        if (_finished) return;
        _finished = true;
        _out.Dispose();
        File.Delete(_tempPath);
    }

    /// <summary>Completes the recording unless <see cref="Abort"/> or <see cref="Complete"/> was called: the rows written so far are kept.</summary>
    public void Dispose() => Complete();

    private void WriteCore(ReadOnlySpan<double> values, ReadOnlySpan<string?> texts)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (values.Length != _columns.Length) throw new ArgumentException($"{values.Length} values for {_columns.Length} columns.", nameof(values));
        if (texts.Length != _textIndexes.Length) throw new ArgumentException($"{texts.Length} texts for {_textIndexes.Length} text columns.", nameof(texts));

        double time = values[0];
        if (double.IsNaN(time)) throw new ArgumentException("t_s is missing (NaN).", nameof(values));
        if (time < _lastTime) throw new ArgumentException($"t_s goes backwards: {time} after {_lastTime}.", nameof(values));

        int length = 0;
        int t = 0;
        for (int c = 0; c < _columns.Length; c++)
        {
            if (c > 0) Append(ref length, ",");
            if (_isText[c])
            {
                string? text = texts[t++];
                if (string.IsNullOrEmpty(text)) continue;
                if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0) throw new ArgumentException($"Text of column '{_columns[c]}' has a comma, quote or line break: '{text}'.", nameof(texts));
                Append(ref length, text);
                continue;
            }

            double v = values[c];
            if (double.IsNaN(v)) continue;
            if (double.IsInfinity(v)) throw new ArgumentException($"Column '{_columns[c]}' is infinite; only finite numbers or NaN (missing) can be written.", nameof(values));
            EnsureRoom(length + 32);
            length += NumberFormatter.Format(v, _row.AsSpan(length));
        }

        Append(ref length, "\n");
        _out.Write(_row, 0, length);
        _lastTime = time;
        RowsWritten++;
    }

    private void Append(ref int length, ReadOnlySpan<char> text)
    {
        EnsureRoom(length + text.Length);
        text.CopyTo(_row.AsSpan(length));
        length += text.Length;
    }

    private void EnsureRoom(int needed)
    {
        if (needed > _row.Length) Array.Resize(ref _row, Math.Max(needed, _row.Length * 2));
    }

    private static bool Contains(IReadOnlyList<string> list, string name)
    {
        foreach (string s in list)
        {
            if (s == name) return true;
        }

        return false;
    }
}
