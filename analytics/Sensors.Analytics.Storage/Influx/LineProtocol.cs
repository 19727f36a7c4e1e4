using System;
using System.Globalization;
using System.Text;

namespace Sensors.Analytics.Storage.Influx;

/// <summary>
/// InfluxDB line protocol (<c>measurement,tag=v,… field=v,… timestamp</c>) with the spec's escaping:
/// measurement names escape comma and space; tag keys, tag values and field keys escape comma, equals sign and space;
/// string field values are double-quoted with <c>"</c> and <c>\</c> escaped; floats are written shortest-round-trip,
/// integers with the <c>i</c> suffix; timestamps are integers in the write precision (here ns).
/// </summary>
public sealed class LineProtocol
{
    private readonly Utf8Buffer _text = new();
    private bool _hasField;
    private bool _inLine;

    /// <summary>Points written so far.</summary>
    public int Points { get; private set; }

    /// <summary>UTF-8 bytes written so far.</summary>
    public int Length => _text.Length;

    /// <summary>The UTF-8 bytes so far (valid until the next change).</summary>
    public ReadOnlyMemory<byte> Utf8 => _text.Written;

    /// <summary>Starts a point: the measurement followed by its tags (already sorted by key by the caller for best write speed).</summary>
    public LineProtocol Measurement(string name)
    {
        if (_inLine) throw new InvalidOperationException("the previous point has no timestamp (call Timestamp)");
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("measurement name is empty", nameof(name));
        _text.Append(Escape(name, measurement: true));
        _inLine = true;
        _hasField = false;
        return this;
    }

    /// <summary>Appends a pre-escaped series key (measurement and tags, see <see cref="SeriesKey"/>).</summary>
    public LineProtocol Series(string escapedSeriesKey)
    {
        if (_inLine) throw new InvalidOperationException("the previous point has no timestamp (call Timestamp)");
        _text.Append(escapedSeriesKey);
        _inLine = true;
        _hasField = false;
        return this;
    }

    /// <summary>Adds a tag; an empty value is left out (InfluxDB rejects empty tag values).</summary>
    public LineProtocol Tag(string key, string? value)
    {
        if (_hasField) throw new InvalidOperationException("tags must come before fields");
        if (string.IsNullOrEmpty(value)) return this;
        _text.Append(',');
        _text.Append(Escape(key, measurement: false));
        _text.Append('=');
        _text.Append(Escape(value, measurement: false));
        return this;
    }

    /// <summary>Adds a float field (NaN and infinities cannot be stored and are left out).</summary>
    public LineProtocol Field(string key, double value)
    {
        if (!double.IsFinite(value)) return this;
        FieldKey(key);
        _text.Append(value);
        return this;
    }

    /// <summary>Adds an optional float field (left out when null).</summary>
    public LineProtocol Field(string key, double? value) => value is { } v ? Field(key, v) : this;

    /// <summary>Adds an integer field.</summary>
    public LineProtocol Field(string key, long value)
    {
        FieldKey(key);
        _text.Append(value);
        _text.Append('i');
        return this;
    }

    /// <summary>Adds a string field (left out when null).</summary>
    public LineProtocol Field(string key, string? value)
    {
        if (value is null) return this;
        FieldKey(key);
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\') quoted.Append('\\');
            quoted.Append(c);
        }
        _text.Append(quoted.Append('"').ToString());
        return this;
    }

    /// <summary>Ends the point with its timestamp (ns since the Unix epoch).</summary>
    public LineProtocol Timestamp(long unixNs)
    {
        if (!_inLine) throw new InvalidOperationException("no point started");
        if (!_hasField) throw new InvalidOperationException("a point needs at least one field");
        _text.Append(' ');
        _text.Append(unixNs);
        _text.Append('\n');
        _inLine = false;
        Points++;
        return this;
    }

    /// <summary>
    /// Appends one single-float-field point without allocating: <paramref name="prefix"/> is the escaped series key and
    /// field key with the equals sign (see <see cref="SamplePrefix"/>), then the value and the integer timestamp (in the
    /// write precision). NaN and infinities cannot be stored and are refused.
    /// </summary>
    public LineProtocol Sample(ReadOnlySpan<byte> prefix, double value, long timestamp)
    {
        if (_inLine) throw new InvalidOperationException("the previous point has no timestamp (call Timestamp)");
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "line protocol cannot store NaN or infinity");
        _text.Append(prefix);
        _text.Append(value);
        _text.Append(' ');
        _text.Append(timestamp);
        _text.Append('\n');
        Points++;
        return this;
    }

    /// <summary>UTF-8 of <c>series-key field-key=</c> (both escaped) for <see cref="Sample"/>.</summary>
    public static byte[] SamplePrefix(string escapedSeriesKey, string fieldKey) =>
        Encoding.UTF8.GetBytes(escapedSeriesKey + " " + Escape(fieldKey, measurement: false) + "=");

    /// <summary>The text so far (complete points only).</summary>
    public override string ToString() => Encoding.UTF8.GetString(_text.Written.Span);

    /// <summary>Clears the buffer.</summary>
    public void Clear()
    {
        _text.Clear();
        Points = 0;
        _inLine = false;
    }

    /// <summary>An escaped series key (measurement + tags in the given order) to reuse for many points.</summary>
    public static string SeriesKey(string measurement, params (string Key, string? Value)[] tags)
    {
        var sb = new StringBuilder();
        AppendEscaped(sb, measurement, measurement: true);
        foreach ((string key, string? value) in tags)
        {
            if (string.IsNullOrEmpty(value)) continue;
            sb.Append(',');
            AppendEscaped(sb, key, measurement: false);
            sb.Append('=');
            AppendEscaped(sb, value, measurement: false);
        }
        return sb.ToString();
    }

    /// <summary>Escapes a measurement name (comma, space) or a tag key/value or field key (comma, equals, space).</summary>
    public static string Escape(string value, bool measurement)
    {
        var sb = new StringBuilder(value.Length + 4);
        AppendEscaped(sb, value, measurement);
        return sb.ToString();
    }

    private void FieldKey(string key)
    {
        if (!_inLine) throw new InvalidOperationException("no point started");
        _text.Append(_hasField ? ',' : ' ');
        _text.Append(Escape(key, measurement: false));
        _text.Append('=');
        _hasField = true;
    }

    private static void AppendEscaped(StringBuilder sb, string value, bool measurement)
    {
        foreach (char c in value)
        {
            if (c is '\n' or '\r') throw new ArgumentException($"line protocol names and tags cannot contain a line break: '{value}'", nameof(value));
            if (c is ',' or ' ' || (!measurement && c == '=')) sb.Append('\\');
            sb.Append(c);
        }
        // A trailing backslash would escape the separator that follows; InfluxDB cannot store it.
        if (value.EndsWith('\\')) throw new ArgumentException($"line protocol names and tags cannot end with a backslash: '{value}'", nameof(value));
    }

    /// <summary>An InfluxQL string literal: single-quoted with <c>'</c> and <c>\</c> escaped.</summary>
    public static string QuoteLiteral(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>An InfluxQL identifier: double-quoted with <c>"</c> and <c>\</c> escaped.</summary>
    public static string QuoteIdentifier(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public static long UnixNs(DateTimeOffset t) => checked((t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);

    /// <summary>Back from nanoseconds since the Unix epoch (to the 100 ns tick).</summary>
    public static DateTimeOffset FromUnixNs(long ns) => new(DateTimeOffset.UnixEpoch.UtcTicks + ns / 100, TimeSpan.Zero);
}

/// <summary>A growable UTF-8 byte buffer with allocation-free number formatting.</summary>
internal sealed class Utf8Buffer
{
    private byte[] _bytes = new byte[1 << 16];
    private int _length;

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _length);

    public void Clear() => _length = 0;

    public void Append(char ascii)
    {
        Ensure(1);
        _bytes[_length++] = (byte)ascii;
    }

    public void Append(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_bytes.AsSpan(_length));
        _length += utf8.Length;
    }

    public void Append(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
    }

    public void Append(double value)
    {
        Ensure(32);
        if (!value.TryFormat(_bytes.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("float formatting failed");
        _length += written;
    }

    public void Append(long value)
    {
        Ensure(24);
        if (!value.TryFormat(_bytes.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("integer formatting failed");
        _length += written;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + more));
    }
}
