using System;

namespace Sensors.Analytics.Storage.Sqlite;

/// <summary>UTC ticks ↔ <see cref="DateTimeOffset"/>, and ISO weeks (DateTime.MinValue, 0001-01-01, is a Monday).</summary>
internal static class Ticks
{
    public const long PerWeek = TimeSpan.TicksPerDay * 7;

    public static long Of(DateTimeOffset t) => t.UtcTicks;

    public static DateTimeOffset ToUtc(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateOnly WeekStart(long weekIndex) => DateOnly.FromDateTime(new DateTime(weekIndex * PerWeek, DateTimeKind.Utc));
}
