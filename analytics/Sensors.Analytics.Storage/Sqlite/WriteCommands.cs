using System;
using Microsoft.Data.Sqlite;
using Sensors.Contracts;

namespace Sensors.Analytics.Storage.Sqlite;

/// <summary>The writer's prepared INSERT statements, created once and reused for every batch (parameters rebound per row).</summary>
internal sealed class WriteCommands : IDisposable
{
    private readonly SqliteCommand _message, _session, _exercise, _reps, _events, _chunk, _band, _proposal;

    public WriteCommands(SqliteConnection writer)
    {
        _message = Create(writer, "INSERT OR IGNORE INTO messages(site, gateway, message_id, kind, citizen, received_at) VALUES ($site, $gw, $id, $kind, $citizen, $at)",
            "$site", "$gw", "$id", "$kind", "$citizen", "$at");
        _session = Create(writer, "INSERT OR IGNORE INTO sessions(site, gateway, session_id, citizen, started_at, ended_at, program_id, program_version, aborted, gaps_s, frames_lost, strap_slips, curve_chunks, bands, exercises) VALUES ($site, $gw, $s, $citizen, $start, $end, $pid, $pv, $ab, $gaps, $lost, $slips, $chunks, $bands, $ex)",
            "$site", "$gw", "$s", "$citizen", "$start", "$end", "$pid", "$pv", "$ab", "$gaps", "$lost", "$slips", "$chunks", "$bands", "$ex");
        _exercise = Create(writer, "INSERT OR IGNORE INTO session_exercises(site, gateway, session_id, ordinal, citizen, started_at, exercise_id, level, max_flexion_rad, min_flexion_rad) VALUES ($site, $gw, $s, $ord, $citizen, $start, $ex, $level, $max, $min)",
            "$site", "$gw", "$s", "$ord", "$citizen", "$start", "$ex", "$level", "$max", "$min");
        _reps = Create(writer, "INSERT OR IGNORE INTO session_reps(site, gateway, session_id, citizen, reps) VALUES ($site, $gw, $s, $citizen, $body)",
            "$site", "$gw", "$s", "$citizen", "$body");
        _events = Create(writer, "INSERT OR IGNORE INTO session_events(site, gateway, session_id, citizen, events) VALUES ($site, $gw, $s, $citizen, $body)",
            "$site", "$gw", "$s", "$citizen", "$body");
        _chunk = Create(writer, "INSERT OR IGNORE INTO curve_chunks(site, gateway, session_id, channel, chunk, citizen, session_started_at, start_s, rate_hz, count, samples) VALUES ($site, $gw, $s, $ch, $chunk, $citizen, $sstart, $start, $rate, $n, $blob)",
            "$site", "$gw", "$s", "$ch", "$chunk", "$citizen", "$sstart", "$start", "$rate", "$n", "$blob");
        _band = Create(writer, "INSERT OR IGNORE INTO band_status(site, gateway, band_id, sent_at, message_id, firmware_version, battery_fraction, battery_v, temperature_degc, error_flags, calibration) VALUES ($site, $gw, $b, $at, $id, $fw, $bat, $v, $temp, $flags, $cal)",
            "$site", "$gw", "$b", "$at", "$id", "$fw", "$bat", "$v", "$temp", "$flags", "$cal");
        _proposal = Create(writer, "INSERT OR IGNORE INTO proposals(site, gateway, message_id, citizen, sent_at, body) VALUES ($site, $gw, $id, $citizen, $at, $body)",
            "$site", "$gw", "$id", "$citizen", "$at", "$body");
    }

    private static SqliteCommand Create(SqliteConnection cn, string sql, params string[] names)
    {
        SqliteCommand cmd = cn.CreateCommand();
        cmd.CommandText = sql;
        foreach (string n in names) cmd.Parameters.Add(new SqliteParameter(n, null));
        cmd.Prepare();
        return cmd;
    }

    public void Enlist(SqliteTransaction? tx)
    {
        foreach (SqliteCommand c in new[] { _message, _session, _exercise, _reps, _events, _chunk, _band, _proposal }) c.Transaction = tx;
    }

    private static object Db(object? value) => value ?? DBNull.Value;

    /// <summary>Records the message id; false when it was stored before (duplicate).</summary>
    public bool RecordMessage(IncomingMessage m)
    {
        SqliteParameterCollection p = _message.Parameters;
        p[0].Value = m.Path.Site;
        p[1].Value = m.Path.Gateway;
        p[2].Value = m.Message.MessageId;
        p[3].Value = m.Message.Schema;
        p[4].Value = Db(CitizenOf(m.Message));
        p[5].Value = Ticks.Of(m.ReceivedAtUtc);
        return _message.ExecuteNonQuery() == 1;
    }

    public static string? CitizenOf(ContractMessage m) => m switch
    {
        SessionSummaryMessage s => s.Citizen,
        RepsMessage r => r.Citizen,
        AngleCurveMessage a => a.Citizen,
        FeedbackEventsMessage e => e.Citizen,
        ProgressionProposalMessage p => p.Citizen,
        _ => null,
    };

    public void InsertSession(TopicPath path, SessionSummaryMessage s)
    {
        SqliteParameterCollection p = _session.Parameters;
        p[0].Value = path.Site; p[1].Value = path.Gateway; p[2].Value = s.SessionId; p[3].Value = s.Citizen;
        p[4].Value = Ticks.Of(s.StartedAt); p[5].Value = Ticks.Of(s.EndedAt); p[6].Value = Db(s.ProgramId); p[7].Value = s.ProgramVersion;
        p[8].Value = s.Aborted ? 1 : 0; p[9].Value = s.GapsS; p[10].Value = s.FramesLost; p[11].Value = s.StrapSlips;
        p[12].Value = s.CurveChunks; p[13].Value = Json.Write(s.Bands); p[14].Value = Json.Write(s.Exercises);
        _session.ExecuteNonQuery();
    }

    public void InsertExercise(TopicPath path, SessionSummaryMessage s, int ordinal)
    {
        ExerciseSummary x = s.Exercises[ordinal];
        SqliteParameterCollection p = _exercise.Parameters;
        p[0].Value = path.Site; p[1].Value = path.Gateway; p[2].Value = s.SessionId; p[3].Value = ordinal; p[4].Value = s.Citizen;
        p[5].Value = Ticks.Of(s.StartedAt); p[6].Value = x.ExerciseId; p[7].Value = x.Level; p[8].Value = x.MaxFlexionRad; p[9].Value = x.MinFlexionRad;
        _exercise.ExecuteNonQuery();
    }

    public void InsertReps(TopicPath path, RepsMessage r)
    {
        SqliteParameterCollection p = _reps.Parameters;
        p[0].Value = path.Site; p[1].Value = path.Gateway; p[2].Value = r.SessionId; p[3].Value = r.Citizen; p[4].Value = Json.Write(r.Reps);
        _reps.ExecuteNonQuery();
    }

    public void InsertEvents(TopicPath path, FeedbackEventsMessage e)
    {
        SqliteParameterCollection p = _events.Parameters;
        p[0].Value = path.Site; p[1].Value = path.Gateway; p[2].Value = e.SessionId; p[3].Value = e.Citizen; p[4].Value = Json.Write(e.Events);
        _events.ExecuteNonQuery();
    }

    public void InsertChunk(TopicPath path, AngleCurveMessage a, bool withSamples)
    {
        SqliteParameterCollection p = _chunk.Parameters;
        p[0].Value = path.Site; p[1].Value = path.Gateway; p[2].Value = a.SessionId; p[3].Value = a.Channel; p[4].Value = a.Chunk;
        p[5].Value = a.Citizen; p[6].Value = Ticks.Of(a.SessionStartedAt); p[7].Value = a.StartS; p[8].Value = a.RateHz; p[9].Value = a.AngleRad.Count;
        p[10].Value = withSamples ? CurveBlob.Encode(a.AngleRad) : DBNull.Value;
        _chunk.ExecuteNonQuery();
    }

    public void InsertBandStatus(TopicPath path, BandStatusMessage b)
    {
        SqliteParameterCollection p = _band.Parameters;
        p[0].Value = path.Site; p[1].Value = path.Gateway; p[2].Value = b.BandId; p[3].Value = Ticks.Of(b.SentAt); p[4].Value = b.MessageId;
        p[5].Value = Db(b.FirmwareVersion); p[6].Value = Db(b.BatteryFraction); p[7].Value = Db(b.BatteryV); p[8].Value = Db(b.TemperatureDegC);
        p[9].Value = Json.Write(b.ErrorFlags); p[10].Value = b.Calibration is null ? DBNull.Value : Json.Write(b.Calibration);
        _band.ExecuteNonQuery();
    }

    public void InsertProposal(TopicPath path, ProgressionProposalMessage m)
    {
        SqliteParameterCollection p = _proposal.Parameters;
        p[0].Value = path.Site; p[1].Value = path.Gateway; p[2].Value = m.MessageId; p[3].Value = m.Citizen; p[4].Value = Ticks.Of(m.SentAt);
        p[5].Value = Json.Write(m);
        _proposal.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (SqliteCommand c in new[] { _message, _session, _exercise, _reps, _events, _chunk, _band, _proposal }) c.Dispose();
    }
}
