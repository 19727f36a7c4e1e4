using System;
using System.Globalization;

namespace Sensors.Contracts;

/// <summary>
/// The MQTT topic tree (ARCHITECTURE contract 4). Every topic starts with <c>sensors/v1/{site}/{gateway}</c>;
/// the version segment changes only when the tree itself changes (payloads carry their own version).
/// <code>
/// up   sensors/v1/{site}/{gateway}/sessions/{session}/summary        SessionSummaryMessage   QoS 1
/// up   sensors/v1/{site}/{gateway}/sessions/{session}/reps           RepsMessage             QoS 1
/// up   sensors/v1/{site}/{gateway}/sessions/{session}/curve/{chunk}  AngleCurveMessage       QoS 1
/// up   sensors/v1/{site}/{gateway}/sessions/{session}/events         FeedbackEventsMessage   QoS 1
/// up   sensors/v1/{site}/{gateway}/bands/{band}/status               BandStatusMessage       QoS 1
/// up   sensors/v1/{site}/{gateway}/proposals/{citizen}               ProgressionProposalMessage QoS 1
/// down sensors/v1/{site}/{gateway}/programs/{citizen}                ProgramMessage          QoS 1, retained
/// down sensors/v1/{site}/{gateway}/receipts/{ingest}                 ReceiptMessage          QoS 1
/// </code>
/// Receipts are end-to-end: analytics names the message ids it has durably stored; the gateway re-publishes what stays
/// unconfirmed (a broker that crashes after its PUBACK can lose a message; the ids make the re-publish harmless).
/// Segments are ids: lower-case letters, digits, '-' and '_' (1–64 characters); citizens only by pseudonym.
/// </summary>
public static class Topics
{
    /// <summary>First two segments of every topic.</summary>
    public const string Root = "sensors/v1";

    /// <summary>Subscription filter for everything gateways send up.</summary>
    public const string AllUplink = Root + "/+/+/#";

    /// <summary>Topic of a session's summary.</summary>
    public static string SessionSummary(string site, string gateway, string session) =>
        Session(site, gateway, session) + "/summary";

    /// <summary>Topic of a session's reps.</summary>
    public static string SessionReps(string site, string gateway, string session) =>
        Session(site, gateway, session) + "/reps";

    /// <summary>Topic of one chunk of a session's downsampled angle curve.</summary>
    public static string SessionCurve(string site, string gateway, string session, int chunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        return Session(site, gateway, session) + "/curve/" + chunk.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Topic of a session's feedback events.</summary>
    public static string SessionEvents(string site, string gateway, string session) =>
        Session(site, gateway, session) + "/events";

    /// <summary>Topic of a band's status (battery, firmware, calibration).</summary>
    public static string BandStatus(string site, string gateway, string band) =>
        Gateway(site, gateway) + "/bands/" + Id(band, nameof(band)) + "/status";

    /// <summary>Topic of a level-progression proposal for a citizen (pseudonym).</summary>
    public static string Proposal(string site, string gateway, string citizen) =>
        Gateway(site, gateway) + "/proposals/" + Id(citizen, nameof(citizen));

    /// <summary>Retained downlink topic of a citizen's program (pseudonym).</summary>
    public static string Program(string site, string gateway, string citizen) =>
        Gateway(site, gateway) + "/programs/" + Id(citizen, nameof(citizen));

    /// <summary>Subscription filter for the programs of one gateway (downlink).</summary>
    public static string ProgramsOf(string site, string gateway) => Gateway(site, gateway) + "/programs/+";

    /// <summary>Topic on which an ingest instance confirms to one gateway the message ids it has stored (downlink).</summary>
    public static string Receipt(string site, string gateway, string ingest) =>
        Gateway(site, gateway) + "/receipts/" + Id(ingest, nameof(ingest));

    /// <summary>Subscription filter for the receipts of one gateway (downlink).</summary>
    public static string ReceiptsOf(string site, string gateway) => Gateway(site, gateway) + "/receipts/+";

    /// <summary>True when <paramref name="value"/> is a valid id segment.</summary>
    public static bool IsValidId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64) return false;
        foreach (char c in value)
        {
            bool ok = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';
            if (!ok) return false;
        }
        return true;
    }

    private static string Gateway(string site, string gateway) =>
        Root + "/" + Id(site, nameof(site)) + "/" + Id(gateway, nameof(gateway));

    private static string Session(string site, string gateway, string session) =>
        Gateway(site, gateway) + "/sessions/" + Id(session, nameof(session));

    private static string Id(string value, string what)
    {
        if (!IsValidId(value))
            throw new ArgumentException($"'{value}' is not a valid {what} id (1–64 of a-z, 0-9, '-', '_').", what);
        return value;
    }
}
