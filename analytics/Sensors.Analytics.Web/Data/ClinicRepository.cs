using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace Sensors.Analytics.Web.Data;

/// <summary>
/// Reads and writes the relational data. Access control is NOT done here (see <c>Security/CitizenAccess</c>):
/// callers that serve a user go through the access check first.
/// </summary>
public sealed class ClinicRepository(ClinicDb db)
{
    public ClinicDb Db { get; } = db;

    // ---- teams and users ------------------------------------------------------------------------------------

    public long AddTeam(string name) =>
        (long)Db.Scalar("INSERT INTO teams (name) VALUES (@n) RETURNING id", ("@n", name))!;

    public IReadOnlyList<Team> Teams() =>
        Query("SELECT id, name FROM teams ORDER BY name", r => new Team(r.GetInt64(0), r.GetString(1)));

    public long AddUser(string username, string displayName, string role, long? teamId, string passwordHash)
    {
        if (!Roles.All.Contains(role)) throw new ArgumentException($"Unknown role '{role}' (expected therapist, technician or admin).", nameof(role));
        return (long)Db.Scalar("INSERT INTO users (username, display_name, role, team_id, password_hash, created_utc) VALUES (@u, @d, @r, @t, @h, @c) RETURNING id",
            ("@u", username), ("@d", displayName), ("@r", role), ("@t", teamId), ("@h", passwordHash), ("@c", DateTime.UtcNow))!;
    }

    public User? FindUser(string username) =>
        One("SELECT id, username, display_name, role, team_id, password_hash FROM users WHERE username = @u", ReadUser, ("@u", username));

    public IReadOnlyList<User> Users() =>
        Query("SELECT id, username, display_name, role, team_id, password_hash FROM users ORDER BY username", ReadUser);

    private static User ReadUser(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.GetString(5));

    // ---- citizens and assignments --------------------------------------------------------------------------

    public long AddCitizen(string pseudonym, string fullName, string nationalId, long teamId, string site, string gateway)
    {
        if (!Sensors.Contracts.Topics.IsValidId(pseudonym))
            throw new ArgumentException($"Pseudonym '{pseudonym}' is not a valid telemetry id (a-z, 0-9, '-', '_', 1-64 characters).", nameof(pseudonym));
        return (long)Db.Scalar("INSERT INTO citizens (pseudonym, full_name, national_id, team_id, site, gateway, created_utc) VALUES (@p, @n, @i, @t, @s, @g, @c) RETURNING id",
            ("@p", pseudonym), ("@n", fullName), ("@i", nationalId), ("@t", teamId), ("@s", site), ("@g", gateway), ("@c", DateTime.UtcNow))!;
    }

    private const string CitizenColumns = "c.id, c.pseudonym, c.full_name, c.national_id, c.team_id, c.site, c.gateway";

    private static Citizen ReadCitizen(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetString(6));

    public Citizen? Citizen(long id) => One($"SELECT {CitizenColumns} FROM citizens c WHERE c.id = @id", ReadCitizen, ("@id", id));

    public Citizen? CitizenByPseudonym(string pseudonym) => One($"SELECT {CitizenColumns} FROM citizens c WHERE c.pseudonym = @p", ReadCitizen, ("@p", pseudonym));

    public IReadOnlyList<Citizen> AllCitizens() => Query($"SELECT {CitizenColumns} FROM citizens c ORDER BY c.full_name", ReadCitizen);

    public IReadOnlyList<Citizen> CitizensAssignedTo(long therapistId) =>
        Query($"SELECT {CitizenColumns} FROM citizens c JOIN assignments a ON a.citizen_id = c.id WHERE a.therapist_id = @t ORDER BY c.full_name", ReadCitizen, ("@t", therapistId));

    public void Assign(long therapistId, long citizenId) =>
        Db.Execute("INSERT OR IGNORE INTO assignments (therapist_id, citizen_id) VALUES (@t, @c)", ("@t", therapistId), ("@c", citizenId));

    public bool IsAssigned(long therapistId, long citizenId) =>
        Db.Scalar("SELECT 1 FROM assignments WHERE therapist_id = @t AND citizen_id = @c", ("@t", therapistId), ("@c", citizenId)) is not null;

    /// <summary>Deletes the citizen and every row that hangs off it (programs, proposals, notes, courses, assignments).</summary>
    public bool DeleteCitizen(long id) => Db.Execute("DELETE FROM citizens WHERE id = @id", ("@id", id)) == 1;

    // ---- programs ------------------------------------------------------------------------------------------

    /// <summary>Saves a new program version (previous versions stay) and returns it.</summary>
    public ProgramVersion SaveProgram(long citizenId, string author, IReadOnlyList<ProgramExercise> exercises)
    {
        if (exercises.Count == 0) throw new ArgumentException("A program needs at least one exercise.", nameof(exercises));
        using SqliteConnection c = Db.Open();
        using SqliteTransaction tx = c.BeginTransaction();
        using SqliteCommand next = ClinicDb.Command(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM programs WHERE citizen_id = @c", ("@c", citizenId));
        next.Transaction = tx;
        int version = Convert.ToInt32(next.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        DateTime now = DateTime.UtcNow;
        using SqliteCommand ins = ClinicDb.Command(c, "INSERT INTO programs (citizen_id, version, created_utc, created_by) VALUES (@c, @v, @t, @a) RETURNING id",
            ("@c", citizenId), ("@v", version), ("@t", now), ("@a", author));
        ins.Transaction = tx;
        long id = (long)ins.ExecuteScalar()!;
        for (int i = 0; i < exercises.Count; i++)
        {
            ProgramExercise e = exercises[i];
            using SqliteCommand line = ClinicDb.Command(c, "INSERT INTO program_exercises (program_id, position, exercise_id, level, reps, sets, sessions_per_week) VALUES (@p, @i, @e, @l, @r, @s, @w)",
                ("@p", id), ("@i", i), ("@e", e.ExerciseId), ("@l", e.Level), ("@r", e.Reps), ("@s", e.Sets), ("@w", e.SessionsPerWeek));
            line.Transaction = tx;
            line.ExecuteNonQuery();
        }
        tx.Commit();
        return new ProgramVersion(id, citizenId, version, now, author, null, exercises);
    }

    public void MarkPublished(long programId, DateTime utc) =>
        Db.Execute("UPDATE programs SET published_utc = @t WHERE id = @id", ("@t", utc), ("@id", programId));

    /// <summary>The newest program version of a citizen, or null when none was written.</summary>
    public ProgramVersion? CurrentProgram(long citizenId)
    {
        IReadOnlyList<ProgramVersion> all = Programs(citizenId);
        return all.Count == 0 ? null : all[^1];
    }

    /// <summary>Every program version of a citizen, oldest first.</summary>
    public IReadOnlyList<ProgramVersion> Programs(long citizenId)
    {
        var heads = Query("SELECT id, version, created_utc, created_by, published_utc FROM programs WHERE citizen_id = @c ORDER BY version",
            r => (Id: r.GetInt64(0), Version: r.GetInt32(1), Created: ClinicDb.ReadTime(r, 2), By: r.GetString(3), Published: ClinicDb.ReadTimeOrNull(r, 4)), ("@c", citizenId));
        var result = new List<ProgramVersion>(heads.Count);
        foreach (var h in heads)
        {
            var lines = Query("SELECT exercise_id, level, reps, sets, sessions_per_week FROM program_exercises WHERE program_id = @p ORDER BY position",
                r => new ProgramExercise(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)), ("@p", h.Id));
            result.Add(new ProgramVersion(h.Id, citizenId, h.Version, h.Created, h.By, h.Published, lines));
        }
        return result;
    }

    // ---- progression proposals ------------------------------------------------------------------------------

    /// <summary>Stores a proposal from the gateway; idempotent on <paramref name="proposalId"/>. True when new.</summary>
    public bool AddProposal(string proposalId, long citizenId, string exerciseId, string fromLevel, string toLevel, string reason, DateTime receivedUtc) =>
        Db.Execute("INSERT OR IGNORE INTO proposals (proposal_id, citizen_id, exercise_id, from_level, to_level, reason, received_utc) VALUES (@id, @c, @e, @f, @t, @r, @u)",
            ("@id", proposalId), ("@c", citizenId), ("@e", exerciseId), ("@f", fromLevel), ("@t", toLevel), ("@r", reason), ("@u", receivedUtc)) == 1;

    public IReadOnlyList<Proposal> Proposals(long citizenId) =>
        Query("SELECT id, proposal_id, citizen_id, exercise_id, from_level, to_level, reason, received_utc, status, decided_by FROM proposals WHERE citizen_id = @c ORDER BY received_utc",
            r => new Proposal(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), ClinicDb.ReadTime(r, 7), r.GetString(8), ClinicDb.ReadStringOrNull(r, 9)),
            ("@c", citizenId));

    /// <summary>Accepts or declines a pending proposal; false when it is not pending (already decided or unknown).</summary>
    public bool DecideProposal(long id, long citizenId, bool accept, string by) =>
        Db.Execute("UPDATE proposals SET status = @s, decided_by = @b, decided_utc = @t WHERE id = @id AND citizen_id = @c AND status = 'pending'",
            ("@s", accept ? "accepted" : "declined"), ("@b", by), ("@t", DateTime.UtcNow), ("@id", id), ("@c", citizenId)) == 1;

    // ---- notes and courses ----------------------------------------------------------------------------------

    public long AddNote(long citizenId, string author, string text, int minutes, DateTime? atUtc = null) =>
        (long)Db.Scalar("INSERT INTO notes (citizen_id, author, created_utc, minutes, text) VALUES (@c, @a, @t, @m, @x) RETURNING id",
            ("@c", citizenId), ("@a", author), ("@t", atUtc ?? DateTime.UtcNow), ("@m", minutes), ("@x", text))!;

    public IReadOnlyList<Note> Notes(long citizenId) =>
        Query("SELECT id, citizen_id, author, created_utc, minutes, text FROM notes WHERE citizen_id = @c ORDER BY created_utc DESC",
            r => new Note(r.GetInt64(0), r.GetInt64(1), r.GetString(2), ClinicDb.ReadTime(r, 3), r.GetInt32(4), r.GetString(5)), ("@c", citizenId));

    public IReadOnlyList<Note> AllNotes() =>
        Query("SELECT id, citizen_id, author, created_utc, minutes, text FROM notes",
            r => new Note(r.GetInt64(0), r.GetInt64(1), r.GetString(2), ClinicDb.ReadTime(r, 3), r.GetInt32(4), r.GetString(5)));

    public long StartCourse(long citizenId, DateTime startedUtc) =>
        (long)Db.Scalar("INSERT INTO courses (citizen_id, started_utc) VALUES (@c, @t) RETURNING id", ("@c", citizenId), ("@t", startedUtc))!;

    /// <summary>Ends a running course as completed (no reason) or dropout (reason required).</summary>
    public bool EndCourse(long courseId, DateTime endedUtc, bool completed, string? dropoutReason)
    {
        if (!completed && string.IsNullOrWhiteSpace(dropoutReason)) throw new ArgumentException("A dropout needs a reason.", nameof(dropoutReason));
        return Db.Execute("UPDATE courses SET ended_utc = @t, outcome = @o, dropout_reason = @r WHERE id = @id AND ended_utc IS NULL",
            ("@t", endedUtc), ("@o", completed ? "completed" : "dropout"), ("@r", completed ? null : dropoutReason), ("@id", courseId)) == 1;
    }

    private static Course ReadCourse(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), ClinicDb.ReadTime(r, 2), ClinicDb.ReadTimeOrNull(r, 3), ClinicDb.ReadStringOrNull(r, 4), ClinicDb.ReadStringOrNull(r, 5));

    public IReadOnlyList<Course> Courses(long citizenId) =>
        Query("SELECT id, citizen_id, started_utc, ended_utc, outcome, dropout_reason FROM courses WHERE citizen_id = @c ORDER BY started_utc", ReadCourse, ("@c", citizenId));

    public IReadOnlyList<Course> AllCourses() =>
        Query("SELECT id, citizen_id, started_utc, ended_utc, outcome, dropout_reason FROM courses ORDER BY started_utc", ReadCourse);

    // ---- audit ----------------------------------------------------------------------------------------------

    public void Audit(string username, string action, string? citizenPseudonym, string detail = "") =>
        Db.Execute("INSERT INTO audit_log (at_utc, username, action, citizen_pseudonym, detail) VALUES (@t, @u, @a, @p, @d)",
            ("@t", DateTime.UtcNow), ("@u", username), ("@a", action), ("@p", citizenPseudonym), ("@d", detail));

    public IReadOnlyList<AuditEntry> AuditLog(string? citizenPseudonym = null, int limit = 500) =>
        Query("SELECT id, at_utc, username, action, citizen_pseudonym, detail FROM audit_log WHERE @p IS NULL OR citizen_pseudonym = @p ORDER BY id DESC LIMIT @l",
            r => new AuditEntry(r.GetInt64(0), ClinicDb.ReadTime(r, 1), r.GetString(2), r.GetString(3), ClinicDb.ReadStringOrNull(r, 4), r.GetString(5)),
            ("@p", citizenPseudonym), ("@l", limit));

    /// <summary>
    /// Audit entries newest first, filtered by citizen pseudonym, user name and period [<paramref name="fromUtc"/>,
    /// <paramref name="toUtc"/>) (each filter optional), at most <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<AuditEntry> SearchAudit(string? citizenPseudonym, string? username, DateTime? fromUtc, DateTime? toUtc, int limit = 1000) =>
        Query("""
            SELECT id, at_utc, username, action, citizen_pseudonym, detail FROM audit_log
            WHERE (@p IS NULL OR citizen_pseudonym = @p) AND (@u IS NULL OR username = @u)
              AND (@f IS NULL OR at_utc >= @f) AND (@t IS NULL OR at_utc < @t)
            ORDER BY id DESC LIMIT @l
            """,
            r => new AuditEntry(r.GetInt64(0), ClinicDb.ReadTime(r, 1), r.GetString(2), r.GetString(3), ClinicDb.ReadStringOrNull(r, 4), r.GetString(5)),
            ("@p", citizenPseudonym), ("@u", username), ("@f", fromUtc), ("@t", toUtc), ("@l", limit));

    // ---- helpers --------------------------------------------------------------------------------------------

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string, object?)[] args)
    {
        using SqliteConnection c = Db.Open();
        using SqliteCommand cmd = ClinicDb.Command(c, sql, args);
        using SqliteDataReader r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(read(r));
        return list;
    }

    private T? One<T>(string sql, Func<SqliteDataReader, T> read, params (string, object?)[] args) where T : class
    {
        List<T> all = Query(sql, read, args);
        return all.Count == 0 ? null : all[0];
    }
}
