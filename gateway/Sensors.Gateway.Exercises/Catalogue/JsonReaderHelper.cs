using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Sensors.Gateway.Exercises;

/// <summary>Typed reads from a <see cref="JsonElement"/> that fail with the source and the JSON path of the bad value.</summary>
internal sealed class JsonReaderHelper(string source)
{
    public string Source { get; } = source;

    public void RequireKind(JsonElement e, JsonValueKind kind, string at)
    {
        if (e.ValueKind != kind)
            throw new CatalogueFormatException($"{Source}: {at} must be {Describe(kind)}, found {Describe(e.ValueKind)}.");
    }

    public JsonElement Property(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out JsonElement v)) throw new CatalogueFormatException($"{Source}: {at}.{name} is missing.");
        return v;
    }

    public string String(JsonElement obj, string name, string at)
    {
        JsonElement v = Property(obj, name, at);
        RequireKind(v, JsonValueKind.String, $"{at}.{name}");
        string s = v.GetString()!;
        if (s.Length == 0) throw new CatalogueFormatException($"{Source}: {at}.{name} is empty.");
        return s;
    }

    public int Int(JsonElement obj, string name, string at) => (int)Number(obj, name, at, int.MinValue, int.MaxValue, integer: true);

    public double Number(JsonElement obj, string name, string at, double min, double max, bool integer = false)
    {
        JsonElement v = Property(obj, name, at);
        RequireKind(v, JsonValueKind.Number, $"{at}.{name}");
        double d = v.GetDouble();
        if (integer && d != System.Math.Floor(d)) throw new CatalogueFormatException($"{Source}: {at}.{name} must be a whole number, found {v.GetRawText()}.");
        if (d < min || d > max)
            throw new CatalogueFormatException(string.Create(CultureInfo.InvariantCulture, $"{Source}: {at}.{name} = {v.GetRawText()} is outside [{min}, {max}]."));
        return d;
    }

    public T Enum<T>(JsonElement obj, string name, string at, IReadOnlyDictionary<string, T> values)
    {
        string s = String(obj, name, at);
        if (!values.TryGetValue(s, out T? value))
            throw new CatalogueFormatException($"{Source}: {at}.{name} '{s}' is not one of {string.Join(", ", values.Keys.Select(k => "'" + k + "'"))}.");
        return value;
    }

    private static string Describe(JsonValueKind k) => k switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
