using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sensors.Contracts;

/// <summary>
/// JSON (UTF-8, snake_case) for every payload. Reading checks, in order: the topic is in the tree, the payload is JSON,
/// <c>schema</c> matches the topic, <c>version</c> is one this build knows, required fields are present, values are in range.
/// Unknown extra fields are ignored (additive changes keep the version); anything else is a new version.
/// </summary>
public static class ContractSerializer
{
    /// <summary>Payload version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The serializer options every part uses.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a message after validating it (throws <see cref="ContractException"/> when invalid).</summary>
    public static byte[] Serialize(ContractMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Validate() is { } error)
            throw new ContractException($"{message.Schema} message '{message.MessageId}' is invalid: {error}");
        return JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), Options);
    }

    /// <summary>The schema a topic carries.</summary>
    public static Type MessageTypeFor(TopicKind kind) => kind switch
    {
        TopicKind.SessionSummary => typeof(SessionSummaryMessage),
        TopicKind.SessionReps => typeof(RepsMessage),
        TopicKind.SessionCurve => typeof(AngleCurveMessage),
        TopicKind.SessionEvents => typeof(FeedbackEventsMessage),
        TopicKind.BandStatus => typeof(BandStatusMessage),
        TopicKind.Proposal => typeof(ProgressionProposalMessage),
        TopicKind.Program => typeof(ProgramMessage),
        TopicKind.Receipt => typeof(ReceiptMessage),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown topic kind"),
    };

    /// <summary>The schema name a topic carries.</summary>
    public static string SchemaFor(TopicKind kind) => kind switch
    {
        TopicKind.SessionSummary => SessionSummaryMessage.SchemaName,
        TopicKind.SessionReps => RepsMessage.SchemaName,
        TopicKind.SessionCurve => AngleCurveMessage.SchemaName,
        TopicKind.SessionEvents => FeedbackEventsMessage.SchemaName,
        TopicKind.BandStatus => BandStatusMessage.SchemaName,
        TopicKind.Proposal => ProgressionProposalMessage.SchemaName,
        TopicKind.Program => ProgramMessage.SchemaName,
        TopicKind.Receipt => ReceiptMessage.SchemaName,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown topic kind"),
    };

    /// <summary>Reads a payload received on <paramref name="topic"/>; throws <see cref="ContractException"/> naming what is wrong.</summary>
    public static ContractMessage Deserialize(string topic, ReadOnlySpan<byte> payload)
    {
        if (!TryDeserialize(topic, payload, out ContractMessage? message, out TopicPath? _, out string error))
            throw new ContractException(error);
        return message!;
    }

    /// <summary>Reads a payload received on <paramref name="topic"/>; false with a reason (topic, schema, field) when it is not valid.</summary>
    public static bool TryDeserialize(string topic, ReadOnlySpan<byte> payload, out ContractMessage? message,
        out TopicPath? path, out string error)
    {
        message = null;
        if (!TopicPath.TryParse(topic, out path, out error)) return false;
        string expectedSchema = SchemaFor(path!.Kind);
        try
        {
            var reader = new Utf8JsonReader(payload);
            using JsonDocument doc = JsonDocument.ParseValue(ref reader);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"{topic}: payload is not a JSON object";
                return false;
            }
            if (!root.TryGetProperty("schema", out JsonElement schema) || schema.ValueKind != JsonValueKind.String)
            {
                error = $"{topic}: payload has no 'schema' field";
                return false;
            }
            if (schema.GetString() != expectedSchema)
            {
                error = $"{topic}: schema '{schema.GetString()}' does not belong on this topic (expected '{expectedSchema}')";
                return false;
            }
            if (!root.TryGetProperty("version", out JsonElement version) || !version.TryGetInt32(out int v))
            {
                error = $"{topic}: {expectedSchema} payload has no integer 'version' field";
                return false;
            }
            if (v != CurrentVersion)
            {
                error = $"{topic}: unknown version {v} of {expectedSchema} (this build reads version {CurrentVersion})";
                return false;
            }
            message = (ContractMessage?)root.Deserialize(MessageTypeFor(path.Kind), Options);
        }
        catch (JsonException ex)
        {
            error = $"{topic}: malformed {expectedSchema} payload: {ex.Message}";
            return false;
        }
        if (message is null)
        {
            error = $"{topic}: payload is null";
            return false;
        }
        if (message.Validate() is { } invalid)
        {
            error = $"{topic}: {expectedSchema} message '{message.MessageId}': {invalid}";
            message = null;
            return false;
        }
        error = string.Empty;
        return true;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
