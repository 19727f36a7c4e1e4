using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sensors.Recording;

/// <summary>
/// The JSON sidecar of a recording (<c>&lt;name&gt;.json</c> beside <c>&lt;name&gt;.csv</c> / <c>&lt;name&gt;.csv.gz</c>).
/// Property names are snake_case in the file (<c>sampling_rate_hz</c>, <c>device_ids</c> ...). Fields this model
/// does not know are kept in <see cref="Extra"/> and written back unchanged. Empty collections and nulls are not written.
/// </summary>
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public sealed class RecordingMetadata
{
    /// <summary>Version of the sidecar layout; 1 today.</summary>
    public int FormatVersion { get; set; } = 1;

    /// <summary>Free text: what was recorded.</summary>
    public string? Description { get; set; }

    /// <summary>Device ids by role, e.g. <c>band</c> → serial, <c>imu1</c> / <c>imu2</c> → sensor ids.</summary>
    public Dictionary<string, string> DeviceIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Nominal sampling rate in Hz (the true time steps are in t_s).</summary>
    public double? SamplingRateHz { get; set; }

    /// <summary>Where each IMU sits, by column prefix, e.g. <c>imu1</c> → <c>thigh</c>, <c>imu2</c> → <c>shank</c>.</summary>
    public Dictionary<string, string> Placement { get; } = new(StringComparer.Ordinal);

    /// <summary>Firmware version of the band that recorded it.</summary>
    public string? FirmwareVersion { get; set; }

    /// <summary>True when the data come from a simulator, not a sensor.</summary>
    public bool? Synthetic { get; set; }

    /// <summary>Where the data come from (simulator and seed, public dataset and commit, bench ...).</summary>
    public string? Source { get; set; }

    /// <summary>Licence of the data (e.g. CC BY 4.0 for BROAD).</summary>
    public string? Licence { get; set; }

    /// <summary>Columns that hold text in addition to <see cref="RecordingLayouts.DefaultTextColumns"/> (phase).</summary>
    public List<string> TextColumns { get; } = [];

    /// <summary>Optional declared unit per column (checked by <see cref="RecordingUnits"/>: non-SI units are rejected).</summary>
    public Dictionary<string, string> Units { get; } = new(StringComparer.Ordinal);

    /// <summary>Expected results for fixtures (numbers, arrays, objects), e.g. a calibration's bias vector.</summary>
    public Dictionary<string, JsonNode?> ExpectedResults { get; } = new(StringComparer.Ordinal);

    /// <summary>Any other fields of the sidecar (free-form), kept and written back.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public Dictionary<string, JsonElement> Extra { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Sets an expected scalar result.</summary>
    public void SetExpected(string name, double value) => ExpectedResults[name] = JsonValue.Create(value);

    /// <summary>Sets an expected vector / matrix (row-major) result.</summary>
    public void SetExpected(string name, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = new JsonArray();
        foreach (double v in values) array.Add(JsonValue.Create(v));
        ExpectedResults[name] = array;
    }

    /// <summary>Reads an expected scalar result; false when absent or not a number.</summary>
    public bool TryGetExpected(string name, out double value)
    {
        value = double.NaN;
        return ExpectedResults.TryGetValue(name, out JsonNode? node) && node is JsonValue v && v.TryGetValue(out value);
    }

    /// <summary>Reads an expected array of numbers; false when absent or not an array of numbers.</summary>
    public bool TryGetExpected(string name, out double[] values)
    {
        values = [];
        if (!ExpectedResults.TryGetValue(name, out JsonNode? node) || node is not JsonArray array) return false;
        var result = new double[array.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue(out result[i])) return false;
        }

        values = result;
        return true;
    }

    /// <summary>Sets a free-form field (kept in <see cref="Extra"/>).</summary>
    public void SetExtra<T>(string name, T value) => Extra[name] = JsonSerializer.SerializeToElement(value, Options);

    /// <summary>Reads a free-form text field; false when absent or not a string.</summary>
    public bool TryGetExtra(string name, out string value)
    {
        value = string.Empty;
        if (!Extra.TryGetValue(name, out JsonElement e) || e.ValueKind != JsonValueKind.String) return false;
        value = e.GetString() ?? string.Empty;
        return true;
    }

    /// <summary>The sidecar path of a recording: the file name without <c>.csv</c> / <c>.csv.gz</c>, plus <c>.json</c>.</summary>
    public static string SidecarPathFor(string recordingPath)
    {
        ArgumentNullException.ThrowIfNull(recordingPath);
        string name = recordingPath;
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) name = name[..^4];
        return name + ".json";
    }

    /// <summary>Loads the sidecar of <paramref name="recordingPath"/>; null when there is none.</summary>
    public static RecordingMetadata? LoadFor(string recordingPath)
    {
        string sidecar = SidecarPathFor(recordingPath);
        return File.Exists(sidecar) ? Load(sidecar) : null;
    }

    /// <summary>Loads a sidecar file. Malformed JSON raises <see cref="RecordingFormatException"/> (line, JSON path).</summary>
    public static RecordingMetadata Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (DecoderFallbackException e)
        {
            throw new RecordingFormatException(path, 0, null, "sidecar is not valid UTF-8", e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses sidecar JSON text; <paramref name="filePath"/> is used in error messages.</summary>
    public static RecordingMetadata Parse(string json, string filePath)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            RecordingMetadata? m = JsonSerializer.Deserialize<RecordingMetadata>(json, Options);
            if (m is null) throw new RecordingFormatException(filePath, 1, null, "sidecar is 'null', expected a JSON object");
            return m;
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? -1) + 1;
            throw new RecordingFormatException(filePath, line, e.Path, "malformed sidecar JSON: " + FirstSentence(e.Message), e);
        }
    }

    /// <summary>The sidecar as JSON text (indented, snake_case).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Writes the sidecar atomically (temporary file, then move over <paramref name="path"/>).</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string temp = TempPathFor(path);
        try
        {
            File.WriteAllText(temp, ToJson() + "\n", new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    internal static string TempPathFor(string path)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(SkipEmptyCollections);
        return new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = resolver,
        };
    }

    private static void SkipEmptyCollections(JsonTypeInfo info)
    {
        foreach (JsonPropertyInfo p in info.Properties)
        {
            if (typeof(ICollection).IsAssignableFrom(p.PropertyType))
            {
                p.ShouldSerialize = static (_, value) => value is ICollection { Count: > 0 };
            }
        }
    }
}
