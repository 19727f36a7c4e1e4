using System;
using System.Globalization;

namespace Sensors.Contracts;

/// <summary>What a topic of the tree addresses (see <see cref="Topics"/>).</summary>
public enum TopicKind
{
    /// <summary>sessions/{session}/summary</summary>
    SessionSummary,
    /// <summary>sessions/{session}/reps</summary>
    SessionReps,
    /// <summary>sessions/{session}/curve/{chunk}</summary>
    SessionCurve,
    /// <summary>sessions/{session}/events</summary>
    SessionEvents,
    /// <summary>bands/{band}/status</summary>
    BandStatus,
    /// <summary>proposals/{citizen}</summary>
    Proposal,
    /// <summary>programs/{citizen} (downlink, retained)</summary>
    Program,
    /// <summary>receipts/{ingest} (downlink: analytics confirms the message ids it has stored)</summary>
    Receipt,
}

/// <summary>A parsed topic: site, gateway, kind and the id segment (session, band or citizen).</summary>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="Kind">What the topic addresses.</param>
/// <param name="Id">Session, band or citizen id, by kind.</param>
/// <param name="Chunk">Curve chunk index (only for <see cref="TopicKind.SessionCurve"/>, else -1).</param>
public sealed record TopicPath(string Site, string Gateway, TopicKind Kind, string Id, int Chunk)
{
    /// <summary>Parses a topic of the tree; false with a reason for anything else.</summary>
    public static bool TryParse(string topic, out TopicPath? path, out string error)
    {
        path = null;
        string[] s = (topic ?? string.Empty).Split('/');
        if (s.Length < 6 || s[0] != "sensors")
        {
            error = $"topic '{topic}' is not in the sensors tree";
            return false;
        }
        if (s[1] != "v1")
        {
            error = $"topic '{topic}' has unknown tree version '{s[1]}' (this build knows v1)";
            return false;
        }
        foreach (int i in new[] { 2, 3, 5 })
        {
            if (!Topics.IsValidId(s[i]))
            {
                error = $"topic '{topic}': segment {i + 1} '{s[i]}' is not a valid id";
                return false;
            }
        }
        string site = s[2], gateway = s[3], id = s[5];
        TopicKind? kind = null;
        int chunk = -1;
        switch (s[4])
        {
            case "sessions" when s.Length == 7 && s[6] == "summary": kind = TopicKind.SessionSummary; break;
            case "sessions" when s.Length == 7 && s[6] == "reps": kind = TopicKind.SessionReps; break;
            case "sessions" when s.Length == 7 && s[6] == "events": kind = TopicKind.SessionEvents; break;
            case "sessions" when s.Length == 8 && s[6] == "curve":
                if (int.TryParse(s[7], NumberStyles.None, CultureInfo.InvariantCulture, out chunk) && chunk >= 0)
                    kind = TopicKind.SessionCurve;
                break;
            case "bands" when s.Length == 7 && s[6] == "status": kind = TopicKind.BandStatus; break;
            case "proposals" when s.Length == 6: kind = TopicKind.Proposal; break;
            case "programs" when s.Length == 6: kind = TopicKind.Program; break;
            case "receipts" when s.Length == 6: kind = TopicKind.Receipt; break;
        }
        if (kind is null)
        {
            error = $"topic '{topic}' does not match any topic of sensors/v1";
            return false;
        }
        path = new TopicPath(site, gateway, kind.Value, id, kind == TopicKind.SessionCurve ? chunk : -1);
        error = string.Empty;
        return true;
    }
}
