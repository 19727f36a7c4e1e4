using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Sensors.Gateway.Exercises;

/// <summary>
/// The exercise catalogue: a versioned data file (<c>exercises.v1.json</c>, embedded in this assembly; schema in
/// gateway/README.md "Exercises and levels"). <see cref="Default"/> is the embedded file; <see cref="Load(Stream, string)"/>
/// reads another one (e.g. a site's edited copy) and refuses bad input with a message naming the source and JSON path.
/// </summary>
public sealed class ExerciseCatalogue
{
    /// <summary>The only schema version this code reads.</summary>
    public const int SupportedSchemaVersion = 1;

    /// <summary>Name of the embedded resource.</summary>
    public const string ResourceName = "Sensors.Gateway.Exercises.exercises.v1.json";

    /// <summary>Ids in programme order (the same as the hardware motion model).</summary>
    public static readonly string[] Ids =
    [
        "heel_slide", "long_arc_quad", "short_arc_quad", "straight_leg_raise", "seated_knee_flexion",
        "hip_abduction", "sit_to_stand", "mini_squat", "quad_set",
    ];

    private static readonly Lazy<ExerciseCatalogue> DefaultLazy = new(LoadEmbedded);
    private readonly Dictionary<string, Exercise> _byId;

    private ExerciseCatalogue(int schemaVersion, IReadOnlyList<Exercise> exercises)
    {
        SchemaVersion = schemaVersion;
        Exercises = exercises;
        _byId = exercises.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>The embedded catalogue.</summary>
    public static ExerciseCatalogue Default => DefaultLazy.Value;

    public int SchemaVersion { get; }

    /// <summary>All exercises in file order.</summary>
    public IReadOnlyList<Exercise> Exercises { get; }

    /// <summary>The exercise with this id; throws <see cref="ArgumentException"/> listing the known ids otherwise.</summary>
    public Exercise Get(string id) =>
        TryGet(id, out Exercise? e) ? e : throw new ArgumentException($"unknown exercise '{id}'; known: {string.Join(", ", Exercises.Select(x => x.Id))}.", nameof(id));

    public bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Exercise? exercise)
    {
        exercise = null;
        return id is not null && _byId.TryGetValue(id, out exercise);
    }

    /// <summary>Reads a catalogue file.</summary>
    public static ExerciseCatalogue Load(string path)
    {
        using FileStream s = File.OpenRead(path);
        return Load(s, path);
    }

    /// <summary>Reads a catalogue from a stream; <paramref name="source"/> names it in error messages.</summary>
    public static ExerciseCatalogue Load(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new CatalogueFormatException($"{source}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        using (doc)
        {
            var r = new JsonReaderHelper(source);
            JsonElement root = doc.RootElement;
            r.RequireKind(root, JsonValueKind.Object, "$");
            int version = r.Int(root, "schema_version", "$");
            if (version != SupportedSchemaVersion)
                throw new CatalogueFormatException($"{source}: $.schema_version is {version}; this gateway reads version {SupportedSchemaVersion}.");
            JsonElement list = r.Property(root, "exercises", "$");
            r.RequireKind(list, JsonValueKind.Array, "$.exercises");
            var exercises = new List<Exercise>();
            int i = 0;
            foreach (JsonElement e in list.EnumerateArray())
            {
                string at = $"$.exercises[{i++}]";
                r.RequireKind(e, JsonValueKind.Object, at);
                string id = r.String(e, "id", at);
                if (exercises.Any(x => x.Id == id)) throw new CatalogueFormatException($"{source}: {at}.id '{id}' appears twice.");
                string title = r.String(e, "title", at);
                Posture posture = r.Enum(e, "posture", at, new Dictionary<string, Posture>
                {
                    ["supine"] = Posture.Supine, ["seated"] = Posture.Seated, ["standing"] = Posture.Standing, ["sit_to_stand"] = Posture.SitToStand,
                });
                PrimaryAngle angle = r.Enum(e, "primary_angle", at, new Dictionary<string, PrimaryAngle>
                {
                    ["knee_flexion"] = PrimaryAngle.KneeFlexion, ["hip_flexion"] = PrimaryAngle.HipFlexion, ["hip_abduction"] = PrimaryAngle.HipAbduction,
                });
                JsonElement levels = r.Property(e, "levels", at);
                r.RequireKind(levels, JsonValueKind.Object, at + ".levels");
                LevelPrescription L(ExerciseLevel level) => ReadLevel(r, levels, level, $"{at}.levels");
                exercises.Add(new Exercise(id, title, posture, angle, L(ExerciseLevel.Easy), L(ExerciseLevel.Medium), L(ExerciseLevel.Hard)));
            }
            if (exercises.Count == 0) throw new CatalogueFormatException($"{source}: $.exercises is empty.");
            return new ExerciseCatalogue(version, exercises);
        }
    }

    private static LevelPrescription ReadLevel(JsonReaderHelper r, JsonElement levels, ExerciseLevel level, string at)
    {
        string name = level.ToId();
        JsonElement l = r.Property(levels, name, at);
        at = $"{at}.{name}";
        r.RequireKind(l, JsonValueKind.Object, at);
        double start = r.Number(l, "start_deg", at, -30, 180);
        double target = r.Number(l, "target_deg", at, -30, 180);
        string direction = r.String(l, "direction", at);
        string expected = target >= start ? "flexion" : "extension";
        if (direction != expected)
            throw new CatalogueFormatException($"{r.Source}: {at}.direction is '{direction}' but start_deg {Fmt(start)} → target_deg {Fmt(target)} is {expected}.");
        if (start == target) throw new CatalogueFormatException($"{r.Source}: {at}: start_deg equals target_deg ({Fmt(start)}); a rep needs a range of motion.");
        const double toRad = Math.PI / 180.0;
        return new LevelPrescription(
            level,
            start * toRad,
            target * toRad,
            r.Number(l, "hold_s", at, 0, 120),
            r.Number(l, "up_s", at, 0.1, 60),
            r.Number(l, "down_s", at, 0.1, 60),
            r.Number(l, "gap_s", at, 0, 120),
            (int)r.Number(l, "reps", at, 1, 100, integer: true),
            (int)r.Number(l, "sets", at, 1, 20, integer: true),
            r.Number(l, "rest_between_sets_s", at, 0, 900),
            (int)r.Number(l, "sessions_per_week", at, 1, 21, integer: true));
    }

    private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static ExerciseCatalogue LoadEmbedded()
    {
        using Stream? s = typeof(ExerciseCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {typeof(ExerciseCatalogue).Assembly.GetName().Name}.");
        return Load(s, "exercises.v1.json (embedded)");
    }
}
