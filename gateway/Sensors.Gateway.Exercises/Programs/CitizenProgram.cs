using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sensors.Gateway.Exercises.Programs;

/// <summary>One line of a citizen's program: an exercise at a level, sets × reps, sessions per week.</summary>
public sealed record ProgramEntry(
    [property: JsonPropertyName("exercise")] string ExerciseId,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("sets")] int Sets,
    [property: JsonPropertyName("reps")] int Reps,
    [property: JsonPropertyName("sessions_per_week")] int SessionsPerWeek)
{
    /// <summary>The level as an enum (validated by <see cref="CitizenProgram.Validate"/>).</summary>
    [JsonIgnore]
    public ExerciseLevel LevelValue => ExerciseNames.TryParseLevel(Level, out ExerciseLevel l) ? l : throw new FormatException($"level '{Level}' is not easy, medium or hard.");

    /// <summary>The exercise at a level with the catalogue's prescription.</summary>
    public static ProgramEntry Prescribed(Exercise exercise, ExerciseLevel level)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        LevelPrescription p = exercise.Level(level);
        return new ProgramEntry(exercise.Id, level.ToId(), p.Sets, p.Reps, p.SessionsPerWeek);
    }
}

/// <summary>
/// A citizen's program (what the therapist prescribes; sent down to the gateway). Only a pseudonymous citizen id appears.
/// JSON (System.Text.Json, snake_case): <c>{"schema_version":1,"citizen_id":"…","version":3,"items":[{"exercise":"heel_slide","level":"easy","sets":2,"reps":8,"sessions_per_week":7}]}</c>.
/// </summary>
public sealed record CitizenProgram(
    [property: JsonPropertyName("citizen_id")] string CitizenId,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("items")] IReadOnlyList<ProgramEntry> Items)
{
    public const int SupportedSchemaVersion = 1;

    [JsonPropertyName("schema_version")]
    public int SchemaVersion { get; init; } = SupportedSchemaVersion;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>Checks ids, levels and numbers against the catalogue; throws <see cref="CatalogueFormatException"/> naming the item.</summary>
    public CitizenProgram Validate(ExerciseCatalogue? catalogue = null, string source = "program")
    {
        catalogue ??= ExerciseCatalogue.Default;
        if (SchemaVersion != SupportedSchemaVersion) throw new CatalogueFormatException($"{source}: schema_version {SchemaVersion} is not supported (expected {SupportedSchemaVersion}).");
        if (string.IsNullOrWhiteSpace(CitizenId)) throw new CatalogueFormatException($"{source}: citizen_id is missing.");
        if (Version < 1) throw new CatalogueFormatException($"{source}: version must be ≥ 1, found {Version}.");
        if (Items is null || Items.Count == 0) throw new CatalogueFormatException($"{source}: items is empty.");
        for (int i = 0; i < Items.Count; i++)
        {
            ProgramEntry e = Items[i];
            string at = $"{source}: items[{i}]";
            if (e is null) throw new CatalogueFormatException($"{at} is null.");
            if (!catalogue.TryGet(e.ExerciseId, out _)) throw new CatalogueFormatException($"{at}.exercise '{e.ExerciseId}' is not in the catalogue.");
            if (!ExerciseNames.TryParseLevel(e.Level, out _)) throw new CatalogueFormatException($"{at}.level '{e.Level}' is not easy, medium or hard.");
            if (e.Sets is < 1 or > 20) throw new CatalogueFormatException($"{at}.sets {e.Sets} is outside 1…20.");
            if (e.Reps is < 1 or > 100) throw new CatalogueFormatException($"{at}.reps {e.Reps} is outside 1…100.");
            if (e.SessionsPerWeek is < 1 or > 21) throw new CatalogueFormatException($"{at}.sessions_per_week {e.SessionsPerWeek} is outside 1…21.");
        }
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses and validates a program; bad input throws <see cref="CatalogueFormatException"/> naming the source.</summary>
    public static CitizenProgram FromJson(string json, string source = "program", ExerciseCatalogue? catalogue = null)
    {
        CitizenProgram? p;
        try
        {
            p = JsonSerializer.Deserialize<CitizenProgram>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new CatalogueFormatException($"{source}: not a program ({ex.Message})", ex);
        }
        if (p is null) throw new CatalogueFormatException($"{source}: empty program.");
        return p.Validate(catalogue, source);
    }

    /// <summary>A new version with one item's level changed (e.g. an accepted progression proposal).</summary>
    public CitizenProgram WithLevel(string exerciseId, ExerciseLevel level, ExerciseCatalogue? catalogue = null)
    {
        catalogue ??= ExerciseCatalogue.Default;
        if (!Items.Any(i => i.ExerciseId == exerciseId)) throw new ArgumentException($"exercise '{exerciseId}' is not in the program of {CitizenId}.", nameof(exerciseId));
        Exercise ex = catalogue.Get(exerciseId);
        return this with { Version = Version + 1, Items = Items.Select(i => i.ExerciseId == exerciseId ? ProgramEntry.Prescribed(ex, level) : i).ToList() };
    }
}
