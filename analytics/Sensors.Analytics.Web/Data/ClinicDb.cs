using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sensors.Analytics.Web.Data;

/// <summary>
/// The relational store (SQLite through Microsoft.Data.Sqlite): the only place real identities live.
/// One connection per call; SQLite serialises writers, WAL lets pages read while a writer works.
/// </summary>
public sealed class ClinicDb
{
    public ClinicDb(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ConnectionString = connectionString;
    }

    /// <summary>The SQLite connection string (from configuration <c>ConnectionStrings:Clinic</c>).</summary>
    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var c = new SqliteConnection(ConnectionString);
        c.Open();
        using SqliteCommand pragma = c.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return c;
    }

    /// <summary>Runs one statement with named parameters (@name) and returns the affected rows.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] args)
    {
        using SqliteConnection c = Open();
        using SqliteCommand cmd = Command(c, sql, args);
        return cmd.ExecuteNonQuery();
    }

    /// <summary>Runs one statement and returns the first column of the first row (or null).</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] args)
    {
        using SqliteConnection c = Open();
        using SqliteCommand cmd = Command(c, sql, args);
        object? v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    public static SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] args)
    {
        SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach ((string name, object? value) in args)
            cmd.Parameters.AddWithValue(name, value switch
            {
                null => DBNull.Value,
                DateTime t => Time(t),
                _ => value,
            });
        return cmd;
    }

    /// <summary>Times are stored as ISO-8601 UTC text (sortable).</summary>
    public static string Time(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static DateTime ReadTime(SqliteDataReader r, int i) =>
        DateTime.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static DateTime? ReadTimeOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : ReadTime(r, i);

    public static string? ReadStringOrNull(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
