using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Sensors.Analytics.Web.Data;

/// <summary>
/// Schema migrations by version table: each entry runs once, in order, inside a transaction, and records its
/// number in <c>schema_version</c>. Add a new entry at the end; never edit one that has shipped.
/// </summary>
public static class Migrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        // 1: people, teams, assignments
        """
        CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('therapist','technician','admin')),
            team_id INTEGER REFERENCES teams(id),
            password_hash TEXT NOT NULL,
            created_utc TEXT NOT NULL);
        CREATE TABLE citizens (
            id INTEGER PRIMARY KEY,
            pseudonym TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            national_id TEXT NOT NULL UNIQUE,
            team_id INTEGER NOT NULL REFERENCES teams(id),
            site TEXT NOT NULL,
            gateway TEXT NOT NULL,
            created_utc TEXT NOT NULL);
        CREATE TABLE assignments (
            therapist_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
            PRIMARY KEY (therapist_id, citizen_id));
        """,
        // 2: programs (versioned), proposals, notes, courses
        """
        CREATE TABLE programs (
            id INTEGER PRIMARY KEY,
            citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            created_utc TEXT NOT NULL,
            created_by TEXT NOT NULL,
            published_utc TEXT,
            UNIQUE (citizen_id, version));
        CREATE TABLE program_exercises (
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            exercise_id TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('easy','medium','hard')),
            reps INTEGER NOT NULL CHECK (reps BETWEEN 1 AND 100),
            sets INTEGER NOT NULL CHECK (sets BETWEEN 1 AND 20),
            sessions_per_week INTEGER NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 21),
            PRIMARY KEY (program_id, position));
        CREATE TABLE proposals (
            id INTEGER PRIMARY KEY,
            proposal_id TEXT NOT NULL UNIQUE,
            citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
            exercise_id TEXT NOT NULL,
            from_level TEXT NOT NULL,
            to_level TEXT NOT NULL,
            reason TEXT NOT NULL,
            received_utc TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','declined')),
            decided_by TEXT,
            decided_utc TEXT);
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
            author TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 600),
            text TEXT NOT NULL);
        CREATE TABLE courses (
            id INTEGER PRIMARY KEY,
            citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
            started_utc TEXT NOT NULL,
            ended_utc TEXT,
            outcome TEXT CHECK (outcome IN ('completed','dropout')),
            dropout_reason TEXT);
        """,
        // 3: audit log (no personal identifiers: user name, action, citizen pseudonym)
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at_utc TEXT NOT NULL,
            username TEXT NOT NULL,
            action TEXT NOT NULL,
            citizen_pseudonym TEXT,
            detail TEXT NOT NULL DEFAULT '');
        CREATE INDEX audit_by_citizen ON audit_log (citizen_pseudonym, at_utc);
        """,
    ];

    /// <summary>The schema version this build expects.</summary>
    public static int Latest => Steps.Count;

    /// <summary>Brings the database up to <see cref="Latest"/>; returns the version it found.</summary>
    public static int Apply(ClinicDb db)
    {
        using SqliteConnection c = db.Open();
        using (SqliteCommand wal = c.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL);";
            wal.ExecuteNonQuery();
        }
        int found = CurrentVersion(c);
        if (found > Latest)
            throw new InvalidOperationException($"Clinic database schema is version {found}, newer than this build ({Latest}); refusing to run.");
        for (int v = found + 1; v <= Latest; v++)
        {
            using SqliteTransaction tx = c.BeginTransaction();
            using (SqliteCommand step = c.CreateCommand())
            {
                step.Transaction = tx;
                step.CommandText = Steps[v - 1];
                step.ExecuteNonQuery();
            }
            using (SqliteCommand mark = ClinicDb.Command(c, "INSERT INTO schema_version (version, applied_utc) VALUES (@v, @t)", ("@v", v), ("@t", DateTime.UtcNow)))
            {
                mark.Transaction = tx;
                mark.ExecuteNonQuery();
            }
            tx.Commit();
        }
        return found;
    }

    public static int CurrentVersion(SqliteConnection c)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
