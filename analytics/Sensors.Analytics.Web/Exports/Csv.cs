using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Sensors.Analytics.Web.Exports;

/// <summary>RFC 4180 CSV text (comma, CRLF, quotes doubled); numbers invariant; cells that spreadsheets would run as formulas are prefixed with '.</summary>
public static class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sb = new StringBuilder();
        Line(sb, header);
        foreach (IReadOnlyList<object?> row in rows)
        {
            if (row.Count != header.Count) throw new ArgumentException($"CSV row has {row.Count} cells, header has {header.Count}.", nameof(rows));
            var cells = new string[row.Count];
            for (int i = 0; i < row.Count; i++) cells[i] = Format(row[i]);
            Line(sb, cells);
        }
        return sb.ToString();
    }

    private static string Format(object? v) => v switch
    {
        null => "",
        double d when !double.IsFinite(d) => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static void Line(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            string c = cells[i];
            if (c.Length > 0 && c[0] is '=' or '+' or '@' or '\t' or '\r' || (c.Length > 1 && c[0] == '-' && !char.IsDigit(c[1]))) c = "'" + c;
            if (c.AsSpan().IndexOfAny(",\"\r\n") >= 0) c = "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            sb.Append(c);
        }
        sb.Append("\r\n");
    }
}
