using System;
using System.Text;
using System.Text.Json.Nodes;
using Sensors.Contracts;
using Xunit;

namespace Sensors.Messaging.Tests.Contracts;

public sealed class ContractSerializerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static RepsMessage SampleReps() => new()
    {
        MessageId = "s-0001/reps",
        SentAt = Start.AddMinutes(20),
        SessionId = "s-0001",
        Citizen = "c-7f3a",
        SessionStartedAt = Start,
        Reps =
        [
            new RepRecord
            {
                Index = 0, ExerciseId = "heel_slide", Level = "easy", Set = 1, StartS = 12.5, EndS = 16.0,
                PeakFlexionRad = 1.2, MinFlexionRad = -0.05, RomRad = 1.25, Complete = true, Flags = ["target_reached"],
            },
        ],
    };

    [Fact]
    public void Round_trip_keeps_every_field_and_writes_snake_case_with_schema_and_version()
    {
        RepsMessage sent = SampleReps();
        string topic = Topics.SessionReps("odense", "gw-01", "s-0001");
        byte[] bytes = ContractSerializer.Serialize(sent);

        JsonNode json = JsonNode.Parse(bytes)!;
        Assert.Equal("sensors.session-reps", (string?)json["schema"]);
        Assert.Equal(1, (int?)json["version"]);
        Assert.Equal(1.2, (double?)json["reps"]![0]!["peak_flexion_rad"]);
        Assert.Equal(-0.05, (double?)json["reps"]![0]!["min_flexion_rad"]);

        var received = (RepsMessage)ContractSerializer.Deserialize(topic, bytes);
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(sent.SessionStartedAt, received.SessionStartedAt);
        RepRecord a = sent.Reps[0], b = received.Reps[0];
        Assert.Equal((a.Index, a.ExerciseId, a.Level, a.Set, a.StartS, a.EndS, a.PeakFlexionRad, a.MinFlexionRad, a.RomRad, a.Complete),
            (b.Index, b.ExerciseId, b.Level, b.Set, b.StartS, b.EndS, b.PeakFlexionRad, b.MinFlexionRad, b.RomRad, b.Complete));
        Assert.Equal(a.Flags, b.Flags);
    }

    [Fact]
    public void Curve_gaps_stay_null_and_are_not_interpolated()
    {
        var sent = new AngleCurveMessage
        {
            MessageId = "s-1/curve/0", SentAt = Start, SessionId = "s-1", Citizen = "c-1", SessionStartedAt = Start,
            Chunk = 0, RateHz = 10, AngleRad = [0.1, null, null, 0.4],
        };
        var received = (AngleCurveMessage)ContractSerializer.Deserialize(Topics.SessionCurve("a", "g", "s-1", 0),
            ContractSerializer.Serialize(sent));
        Assert.Equal(new double?[] { 0.1, null, null, 0.4 }, received.AngleRad);
    }

    [Fact]
    public void Unknown_version_is_refused_naming_topic_schema_and_version()
    {
        JsonNode json = JsonNode.Parse(ContractSerializer.Serialize(SampleReps()))!;
        json["version"] = 2;
        string topic = Topics.SessionReps("odense", "gw-01", "s-0001");
        bool ok = ContractSerializer.TryDeserialize(topic, Encoding.UTF8.GetBytes(json.ToJsonString()), out _, out _, out string error);
        Assert.False(ok);
        Assert.Contains(topic, error, StringComparison.Ordinal);
        Assert.Contains("unknown version 2 of sensors.session-reps", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "malformed")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"version\":1}", "no 'schema'")]
    [InlineData("{\"schema\":\"sensors.program\",\"version\":1}", "does not belong on this topic")]
    [InlineData("{\"schema\":\"sensors.session-reps\",\"version\":1,\"message_id\":\"x\"}", "malformed")]
    public void Bad_payloads_are_refused_with_a_reason(string payload, string expected)
    {
        bool ok = ContractSerializer.TryDeserialize(Topics.SessionReps("a", "g", "s"), Encoding.UTF8.GetBytes(payload),
            out ContractMessage? message, out _, out string error);
        Assert.False(ok);
        Assert.Null(message);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_angle_is_refused_naming_the_field()
    {
        JsonNode json = JsonNode.Parse(ContractSerializer.Serialize(SampleReps()))!;
        json["reps"]![0]!["peak_flexion_rad"] = 95.0; // degrees sent as radians
        bool ok = ContractSerializer.TryDeserialize(Topics.SessionReps("a", "g", "s-0001"),
            Encoding.UTF8.GetBytes(json.ToJsonString()), out _, out _, out string error);
        Assert.False(ok);
        Assert.Contains("reps[0].peak_flexion_rad 95", error, StringComparison.Ordinal);
        Assert.Throws<ContractException>(() => ContractSerializer.Serialize(SampleReps() with { Citizen = "Jens Hansen" }));
    }

    [Theory]
    [InlineData("sensors/v1/odense/gw-01/sessions/s-1/summary", TopicKind.SessionSummary, "s-1", -1)]
    [InlineData("sensors/v1/odense/gw-01/sessions/s-1/curve/12", TopicKind.SessionCurve, "s-1", 12)]
    [InlineData("sensors/v1/odense/gw-01/bands/b-7/status", TopicKind.BandStatus, "b-7", -1)]
    [InlineData("sensors/v1/odense/gw-01/programs/c-9", TopicKind.Program, "c-9", -1)]
    public void Topics_parse_back_to_what_built_them(string topic, TopicKind kind, string id, int chunk)
    {
        Assert.True(TopicPath.TryParse(topic, out TopicPath? path, out string error), error);
        Assert.Equal(new TopicPath("odense", "gw-01", kind, id, chunk), path);
    }

    [Theory]
    [InlineData("sensors/v2/odense/gw-01/programs/c-9", "unknown tree version")]
    [InlineData("other/v1/a/b/c/d", "not in the sensors tree")]
    [InlineData("sensors/v1/odense/GW 1/programs/c-9", "not a valid id")]
    [InlineData("sensors/v1/odense/gw-01/sessions/s-1/curve/x", "does not match")]
    public void Foreign_topics_are_refused(string topic, string expected)
    {
        Assert.False(TopicPath.TryParse(topic, out _, out string error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
