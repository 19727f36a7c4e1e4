using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Sensors.Recording;

/// <summary>
/// Streams a recording (<c>.csv</c> or <c>.csv.gz</c>) row by row with bounded memory: one decode buffer, the
/// current row's fields parsed from a char buffer (no string per row or field). Every numeric field of a row is
/// parsed and checked by <see cref="ReadRow"/> (invariant culture, <c>.</c> decimal point, exponent allowed, an
/// empty field = missing, NaN/Infinity literals rejected), so a row you are given is fully valid.
/// Bad input raises <see cref="RecordingFormatException"/> naming file, line and column; the rows given before
/// stay valid, and the last good row stays readable after the error (further <see cref="ReadRow"/> calls rethrow it).
/// </summary>
public sealed class RecordingReader : IDisposable
{
    /// <summary>Longest line accepted, in characters.</summary>
    public const int MaxLineChars = 1 << 20;

    private const int InitialBufferChars = 64 * 1024;

    private readonly TextReader _text;
    private readonly string[] _columns;
    private readonly Dictionary<string, int> _index;
    private readonly bool[] _isText;
    private readonly bool _checkTime;
    private readonly string?[] _textCache;
    private char[] _buf = new char[InitialBufferChars];
    private int _start;
    private int _end;
    private int _scan;
    private bool _eof;
    private Exception? _streamError;
    private long _physicalLine;
    private Row _current;
    private Row _pending;
    private bool _hasRow;
    private long _rowsRead;
    private double _lastTime = double.NegativeInfinity;
    private long _lastTimeLine;
    private RecordingFormatException? _fault;
    private bool _disposed;

    private sealed class Row(int columns)
    {
        public char[] Line = new char[256];
        public readonly int[] Starts = new int[columns];
        public readonly int[] Lengths = new int[columns];
        public readonly double[] Values = new double[columns];
        public long LineNumber = 1;
    }

    private RecordingReader(string path, TextReader text, RecordingMetadata? metadata, RecordingReaderOptions options)
    {
        FilePath = path;
        _text = text;
        Metadata = metadata;

        if (!TryNextLine(out ReadOnlySpan<char> header))
        {
            throw Error(1, null, "empty file: no header line");
        }

        if (header.IsEmpty) throw Error(1, null, "empty header line: the first line must name the columns");
        _columns = header.ToString().Split(',');
        _index = new Dictionary<string, int>(_columns.Length, StringComparer.Ordinal);
        for (int i = 0; i < _columns.Length; i++)
        {
            string name = _columns[i];
            if (name.Length == 0) throw Error(1, $"#{i + 1}", $"empty column name (column {i + 1} of the header)");
            if (name.Trim().Length != name.Length) throw Error(1, name, "column name has leading or trailing white space");
            if (name.Contains('"', StringComparison.Ordinal)) throw Error(1, name, "quoted column names are not supported (the format has no quoting)");
            if (!_index.TryAdd(name, i)) throw Error(1, name, $"duplicate column name (columns {_index[name] + 1} and {i + 1})");
        }

        _checkTime = _columns[0] == RecordingLayouts.TimeColumn;
        if (options.RequireTimeColumn && !_checkTime)
        {
            throw _index.TryGetValue(RecordingLayouts.TimeColumn, out int at)
                ? Error(1, RecordingLayouts.TimeColumn, $"'{RecordingLayouts.TimeColumn}' must be the first column, found it as column {at + 1}")
                : Error(1, RecordingLayouts.TimeColumn, $"the first column must be '{RecordingLayouts.TimeColumn}' (time in seconds), found '{_columns[0]}'");
        }

        if (options.CheckUnits)
        {
            foreach (string name in _columns)
            {
                string? declared = null;
                metadata?.Units.TryGetValue(name, out declared);
                string? problem = RecordingUnits.Check(name, declared);
                if (problem is not null) throw Error(1, name, problem);
            }
        }

        _isText = new bool[_columns.Length];
        MarkText(RecordingLayouts.DefaultTextColumns);
        if (metadata is not null) MarkText(metadata.TextColumns);
        MarkText(options.TextColumns);
        if (_checkTime && _isText[0]) throw Error(1, RecordingLayouts.TimeColumn, "t_s cannot be a text column");

        _textCache = new string?[_columns.Length];
        Columns = new ReadOnlyCollection<string>(_columns);
        _current = new Row(_columns.Length);
        _pending = new Row(_columns.Length);
    }

    /// <summary>
    /// Opens a recording for streaming and reads its header and sidecar. Gzip is recognised by the <c>.gz</c>
    /// extension or the gzip magic bytes. A missing or unreadable file also raises <see cref="RecordingFormatException"/>.
    /// </summary>
    public static RecordingReader Open(string path) => Open(path, null);

    /// <summary>Opens a recording with explicit <paramref name="options"/> (null = <see cref="RecordingReaderOptions.Default"/>).</summary>
    public static RecordingReader Open(string path, RecordingReaderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= RecordingReaderOptions.Default;
        RecordingMetadata? metadata = options.ReadSidecar ? RecordingMetadata.LoadFor(path) : null;

        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordingFormatException(path, 0, null, "cannot open the recording: " + e.Message, e);
        }

        Stream? stream = file;
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Seek(0, SeekOrigin.Begin);
            bool gzipMagic = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            bool gzipName = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            if (gzipName && !gzipMagic)
            {
                throw got == 0
                    ? new RecordingFormatException(path, 1, null, "empty file: no gzip data, no header line")
                    : new RecordingFormatException(path, 0, null, "the file is named .gz but is not gzip data");
            }

            if (gzipMagic)
            {
                stream = new GzipTrailerCheckStream(new GZipStream(file, CompressionMode.Decompress), file);
            }

            var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, 64 * 1024);
            var reader = new RecordingReader(path, text, metadata, options);
            stream = null;
            return reader;
        }
        catch (IOException e)
        {
            throw new RecordingFormatException(path, 0, null, "cannot read the recording: " + e.Message, e);
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>Column names from the header, in file order (<c>t_s</c> first).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The sidecar (<c>&lt;name&gt;.json</c>) if present, else null.</summary>
    public RecordingMetadata? Metadata { get; }

    /// <summary>The layout of the header (<see cref="RecordingLayouts.Detect"/>).</summary>
    public RecordingLayout Layout => RecordingLayouts.Detect(Columns);

    /// <summary>1-based file line of the current row (the header is line 1; 1 before the first row).</summary>
    public long LineNumber => _current.LineNumber;

    /// <summary>Number of rows read so far.</summary>
    public long RowsRead => _rowsRead;

    /// <summary>Index of <paramref name="column"/>, or -1 when absent.</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out int i) ? i : -1;

    /// <summary>True when the file has <paramref name="column"/>.</summary>
    public bool HasColumn(string column) => _index.ContainsKey(column);

    /// <summary>Index of a column the caller cannot work without; raises <see cref="RecordingFormatException"/> naming file and column when absent.</summary>
    public int RequireColumn(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return _index.TryGetValue(column, out int i)
            ? i
            : throw Error(1, column, $"required column is missing (the header has: {string.Join(", ", _columns)})");
    }

    /// <summary>True when column <paramref name="column"/> is read as text (phase, sidecar text_columns, options).</summary>
    public bool IsTextColumn(int column) => _isText[CheckIndex(column)];

    /// <summary>Advances to the next row; false at the end of the file. Raises <see cref="RecordingFormatException"/> on a bad row.</summary>
    public bool ReadRow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is not null) throw _fault;
        try
        {
            return ReadRowCore();
        }
        catch (RecordingFormatException e)
        {
            _fault = e;
            throw;
        }
    }

    /// <summary>The numeric value of <paramref name="column"/> in the current row; false when the field is empty (missing).</summary>
    public bool TryGetDouble(int column, out double value)
    {
        CheckNumeric(column);
        value = _current.Values[column];
        return !double.IsNaN(value);
    }

    /// <summary>The numeric value of <paramref name="column"/>; raises <see cref="RecordingFormatException"/> when the field is empty.</summary>
    public double GetDouble(int column)
    {
        CheckNumeric(column);
        double value = _current.Values[column];
        return double.IsNaN(value)
            ? throw Error(_current.LineNumber, _columns[column], "value is missing (empty field)")
            : value;
    }

    /// <summary>True when the field of <paramref name="column"/> in the current row is empty (missing).</summary>
    public bool IsMissing(int column)
    {
        CheckRow();
        return _current.Lengths[CheckIndex(column)] == 0;
    }

    /// <summary>
    /// The field text of <paramref name="column"/> (any column; empty string when missing). Repeated values of a
    /// column return the same string instance, so a text column such as phase does not allocate per row.
    /// </summary>
    public string GetText(int column)
    {
        ReadOnlySpan<char> span = GetTextSpan(column);
        string? cached = _textCache[column];
        if (cached is not null && span.SequenceEqual(cached)) return cached;
        string text = span.ToString();
        _textCache[column] = text;
        return text;
    }

    /// <summary>The field text of <paramref name="column"/> without allocating; valid until the next <see cref="ReadRow"/>.</summary>
    public ReadOnlySpan<char> GetTextSpan(int column)
    {
        CheckRow();
        CheckIndex(column);
        return _current.Line.AsSpan(_current.Starts[column], _current.Lengths[column]);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _text.Dispose();
    }

    private bool ReadRowCore()
    {
        ReadOnlySpan<char> line;
        while (true)
        {
            if (!TryNextLine(out line)) return false;
            if (!line.IsEmpty) break;

            long emptyLine = _physicalLine;
            while (TryNextLine(out line))
            {
                if (!line.IsEmpty) throw Error(emptyLine, null, "empty line inside the data (only trailing empty lines are allowed)");
            }

            return false;
        }

        Row p = _pending;
        if (p.Line.Length < line.Length) p.Line = new char[Math.Max(line.Length, p.Line.Length * 2)];
        line.CopyTo(p.Line);
        ReadOnlySpan<char> text = p.Line.AsSpan(0, line.Length);
        int n = _columns.Length;
        int pos = 0;
        int fields = 0;
        while (true)
        {
            int comma = text[pos..].IndexOf(',');
            int length = comma < 0 ? text.Length - pos : comma;
            if (fields < n)
            {
                p.Starts[fields] = pos;
                p.Lengths[fields] = length;
            }

            fields++;
            if (comma < 0) break;
            pos += comma + 1;
        }

        if (fields != n)
        {
            string column = fields < n ? _columns[fields] : _columns[n - 1];
            throw Error(_physicalLine, column, fields < n
                ? $"wrong column count: {fields} fields, the header has {n} columns (first missing: '{column}')"
                : $"wrong column count: {fields} fields, the header has {n} columns (extra fields after '{column}')");
        }

        for (int c = 0; c < n; c++)
        {
            if (_isText[c] || p.Lengths[c] == 0)
            {
                p.Values[c] = double.NaN;
                continue;
            }

            ReadOnlySpan<char> field = text.Slice(p.Starts[c], p.Lengths[c]);
            if (!NumberParser.TryParse(field, out double v))
            {
                throw Error(_physicalLine, _columns[c], $"not a number: '{Shorten(field)}' (numbers use '.' and no thousands separator; an empty field means missing)");
            }

            p.Values[c] = v;
        }

        if (_checkTime)
        {
            double t = p.Values[0];
            if (double.IsNaN(t)) throw Error(_physicalLine, RecordingLayouts.TimeColumn, "time is missing (t_s must be present in every row)");
            if (t < _lastTime)
            {
                throw Error(_physicalLine, RecordingLayouts.TimeColumn, string.Create(CultureInfo.InvariantCulture,
                    $"time goes backwards: {t} s after {_lastTime} s on line {_lastTimeLine} (t_s must not decrease; equal is allowed)"));
            }

            _lastTime = t;
            _lastTimeLine = _physicalLine;
        }

        p.LineNumber = _physicalLine;
        _pending = _current;
        _current = p;
        _hasRow = true;
        _rowsRead++;
        return true;
    }

    /// <summary>The next line (without its line end) as a span into the decode buffer, valid until the next call.</summary>
    private bool TryNextLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            int rel = _buf.AsSpan(_scan, _end - _scan).IndexOf('\n');
            if (rel >= 0)
            {
                int nl = _scan + rel;
                int stop = nl > _start && _buf[nl - 1] == '\r' ? nl - 1 : nl;
                line = _buf.AsSpan(_start, stop - _start);
                _start = _scan = nl + 1;
                _physicalLine++;
                return true;
            }

            _scan = _end;
            if (_eof)
            {
                if (_streamError is not null) throw StreamError();
                if (_start < _end)
                {
                    int stop = _buf[_end - 1] == '\r' ? _end - 1 : _end;
                    line = _buf.AsSpan(_start, stop - _start);
                    _start = _scan = _end;
                    _physicalLine++;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            int keep = _end - _start;
            Array.Copy(_buf, _start, _buf, 0, keep);
            _end = keep;
            _scan -= _start;
            _start = 0;
        }

        if (_end == _buf.Length)
        {
            if (_buf.Length >= MaxLineChars) throw Error(_physicalLine + 1, null, $"line longer than {MaxLineChars} characters");
            Array.Resize(ref _buf, _buf.Length * 2);
        }

        try
        {
            int n = _text.Read(_buf, _end, _buf.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or DecoderFallbackException)
        {
            // Deliver the complete lines already decoded first; the error is raised where they end.
            _streamError = e;
            _eof = true;
        }
    }

    private RecordingFormatException StreamError()
    {
        Exception e = _streamError!;
        long last = Math.Max(1, _physicalLine);
        string what = e is DecoderFallbackException ? "invalid UTF-8 text" : "truncated or corrupt data";
        return new RecordingFormatException(FilePath, last, null,
            $"{what} after line {last} (the last complete line read; rows up to it are valid): {e.Message}", e);
    }

    private void MarkText(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (_index.TryGetValue(name, out int i)) _isText[i] = true;
        }
    }

    private void CheckRow()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_hasRow) throw new InvalidOperationException("No current row: call ReadRow() first.");
    }

    private int CheckIndex(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns.Length);
        return column;
    }

    private void CheckNumeric(int column)
    {
        CheckRow();
        if (_isText[CheckIndex(column)]) throw new InvalidOperationException($"Column '{_columns[column]}' is a text column: use GetText.");
    }

    private RecordingFormatException Error(long line, string? column, string reason) => new(FilePath, line, column, reason);

    private static string Shorten(ReadOnlySpan<char> field) => field.Length <= 40 ? field.ToString() : string.Concat(field[..40], "…");
}
