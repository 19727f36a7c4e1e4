namespace Sensors.Analytics.Storage.Sqlite;

/// <summary>
/// The relational schema. Times are UTC ticks (100 ns, <see cref="System.DateTimeOffset.UtcTicks"/>) so they round-trip exactly.
/// <c>messages</c> is the idempotency record: (site, gateway, message id) of every stored message.
/// Curve chunks keep their samples as a little-endian float64 BLOB (NaN = gap) in the SQLite backend; with InfluxDB the
/// BLOB is null and only the chunk metadata (channel, index, start, rate, count) lives here to rebuild gaps.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS schema_info(version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS messages(
            site TEXT NOT NULL, gateway TEXT NOT NULL, message_id TEXT NOT NULL,
            kind TEXT NOT NULL, citizen TEXT, received_at INTEGER NOT NULL,
            PRIMARY KEY(site, gateway, message_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS messages_citizen ON messages(citizen);
        CREATE TABLE IF NOT EXISTS sessions(
            site TEXT NOT NULL, gateway TEXT NOT NULL, session_id TEXT NOT NULL, citizen TEXT NOT NULL,
            started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, program_id TEXT, program_version INTEGER NOT NULL,
            aborted INTEGER NOT NULL, gaps_s REAL NOT NULL, frames_lost INTEGER NOT NULL, strap_slips INTEGER NOT NULL,
            curve_chunks INTEGER NOT NULL, bands TEXT NOT NULL, exercises TEXT NOT NULL,
            PRIMARY KEY(site, gateway, session_id));
        CREATE INDEX IF NOT EXISTS sessions_citizen ON sessions(citizen, started_at);
        CREATE INDEX IF NOT EXISTS sessions_id ON sessions(session_id);
        CREATE TABLE IF NOT EXISTS session_exercises(
            site TEXT NOT NULL, gateway TEXT NOT NULL, session_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
            citizen TEXT NOT NULL, started_at INTEGER NOT NULL, exercise_id TEXT NOT NULL, level TEXT NOT NULL,
            max_flexion_rad REAL NOT NULL, min_flexion_rad REAL NOT NULL,
            PRIMARY KEY(site, gateway, session_id, ordinal));
        CREATE INDEX IF NOT EXISTS session_exercises_citizen ON session_exercises(citizen, started_at);
        CREATE TABLE IF NOT EXISTS session_reps(
            site TEXT NOT NULL, gateway TEXT NOT NULL, session_id TEXT NOT NULL, citizen TEXT NOT NULL, reps TEXT NOT NULL,
            PRIMARY KEY(site, gateway, session_id));
        CREATE INDEX IF NOT EXISTS session_reps_id ON session_reps(session_id);
        CREATE TABLE IF NOT EXISTS session_events(
            site TEXT NOT NULL, gateway TEXT NOT NULL, session_id TEXT NOT NULL, citizen TEXT NOT NULL, events TEXT NOT NULL,
            PRIMARY KEY(site, gateway, session_id));
        CREATE INDEX IF NOT EXISTS session_events_id ON session_events(session_id);
        CREATE TABLE IF NOT EXISTS curve_chunks(
            site TEXT NOT NULL, gateway TEXT NOT NULL, session_id TEXT NOT NULL, channel TEXT NOT NULL, chunk INTEGER NOT NULL,
            citizen TEXT NOT NULL, session_started_at INTEGER NOT NULL, start_s REAL NOT NULL, rate_hz REAL NOT NULL,
            count INTEGER NOT NULL, samples BLOB,
            PRIMARY KEY(site, gateway, session_id, channel, chunk));
        CREATE INDEX IF NOT EXISTS curve_chunks_id ON curve_chunks(session_id);
        CREATE INDEX IF NOT EXISTS curve_chunks_citizen ON curve_chunks(citizen);
        CREATE TABLE IF NOT EXISTS band_status(
            site TEXT NOT NULL, gateway TEXT NOT NULL, band_id TEXT NOT NULL, sent_at INTEGER NOT NULL, message_id TEXT NOT NULL,
            firmware_version TEXT, battery_fraction REAL, battery_v REAL, temperature_degc REAL,
            error_flags TEXT NOT NULL, calibration TEXT,
            PRIMARY KEY(site, gateway, band_id, sent_at, message_id));
        CREATE INDEX IF NOT EXISTS band_status_band ON band_status(band_id, sent_at);
        CREATE TABLE IF NOT EXISTS proposals(
            site TEXT NOT NULL, gateway TEXT NOT NULL, message_id TEXT NOT NULL, citizen TEXT NOT NULL, sent_at INTEGER NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY(site, gateway, message_id));
        CREATE INDEX IF NOT EXISTS proposals_citizen ON proposals(citizen, sent_at);
        CREATE TABLE IF NOT EXISTS dead_letters(
            id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL, topic TEXT NOT NULL, reason TEXT NOT NULL,
            payload BLOB NOT NULL);
        """;
}
