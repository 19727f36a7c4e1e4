using System;
using System.Collections.Generic;

namespace Sensors.Recording;

/// <summary>The known column layouts of the recording format.</summary>
public enum RecordingLayout
{
    /// <summary>Neither of the known layouts.</summary>
    Unknown = 0,

    /// <summary>One 9-axis IMU with optical ground truth (BROAD): t_s, acc_*, gyr_*, mag_*, q_*, movement.</summary>
    Broad = 1,

    /// <summary>Two 6-axis IMUs (hinge data and Sensors sessions): t_s, imu1_acc_* … imu2_gyr_*, plus optional columns.</summary>
    Hinge = 2,
}

/// <summary>
/// Column names of the layouts in shared/datasets/README.md. Two-IMU session recordings made by Sensors use the
/// hinge layout's <c>imu1_acc_x … imu2_gyr_z</c> names with imu1 = proximal segment (thigh) and imu2 = distal
/// segment (shank), plus their own extra columns.
/// </summary>
public static class RecordingLayouts
{
    /// <summary>The time column, always first, in seconds.</summary>
    public const string TimeColumn = "t_s";

    /// <summary>The hinge layout's text column: <see cref="PhaseNone"/> or <see cref="PhaseData"/>.</summary>
    public const string PhaseColumn = "phase";

    /// <summary>Hinge phase value of rows before the source's data marker.</summary>
    public const string PhaseNone = "none";

    /// <summary>Hinge phase value of the recording rows.</summary>
    public const string PhaseData = "data";

    /// <summary>Hinge ground truth: encoder angle of the shaft in degrees (a reference column).</summary>
    public const string EncoderDeg = "encoder_deg";

    /// <summary>BROAD scoring flag: 1 = movement phase (scored), 0 = rest.</summary>
    public const string Movement = "movement";

    /// <summary>Columns that are text by default in every recording (others are numeric unless the sidecar lists them).</summary>
    public static IReadOnlyList<string> DefaultTextColumns { get; } = [PhaseColumn];

    /// <summary>BROAD: t_s, acc_x/y/z (m/s²), gyr_x/y/z (rad/s), mag_x/y/z (µT), q_w/x/y/z (ground truth, may be empty), movement.</summary>
    public static IReadOnlyList<string> BroadColumns { get; } =
    [
        TimeColumn, "acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z", "mag_x", "mag_y", "mag_z",
        "q_w", "q_x", "q_y", "q_z", Movement,
    ];

    /// <summary>The twelve IMU columns of a two-IMU recording: imu1_acc_x … imu1_gyr_z, imu2_acc_x … imu2_gyr_z.</summary>
    public static IReadOnlyList<string> TwoImuColumns { get; } =
    [
        .. ImuColumns(1), .. ImuColumns(2),
    ];

    /// <summary>Hinge: t_s, encoder_deg, imu1 acc/gyr, imu2 acc/gyr, imu1_q_w/x/y/z, imu2_q_w/x/y/z, phase.</summary>
    public static IReadOnlyList<string> HingeColumns { get; } =
    [
        TimeColumn, EncoderDeg, .. ImuColumns(1), .. ImuColumns(2),
        "imu1_q_w", "imu1_q_x", "imu1_q_y", "imu1_q_z", "imu2_q_w", "imu2_q_x", "imu2_q_y", "imu2_q_z", PhaseColumn,
    ];

    /// <summary>The six columns of IMU <paramref name="imu"/> (1 or 2): acc_x/y/z then gyr_x/y/z.</summary>
    public static IReadOnlyList<string> ImuColumns(int imu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imu, 1);
        string p = $"imu{imu}_";
        return [p + "acc_x", p + "acc_y", p + "acc_z", p + "gyr_x", p + "gyr_y", p + "gyr_z"];
    }

    /// <summary>
    /// Which layout a header is: <see cref="RecordingLayout.Hinge"/> when t_s is first and all twelve two-IMU columns
    /// are present (extra columns allowed: session recordings); <see cref="RecordingLayout.Broad"/> when t_s is first
    /// and acc_*, gyr_*, mag_* are present; else <see cref="RecordingLayout.Unknown"/>.
    /// </summary>
    public static RecordingLayout Detect(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0 || columns[0] != TimeColumn) return RecordingLayout.Unknown;
        var set = new HashSet<string>(columns, StringComparer.Ordinal);
        if (ContainsAll(set, TwoImuColumns)) return RecordingLayout.Hinge;
        if (ContainsAll(set, ["acc_x", "acc_y", "acc_z", "gyr_x", "gyr_y", "gyr_z", "mag_x", "mag_y", "mag_z"])) return RecordingLayout.Broad;
        return RecordingLayout.Unknown;
    }

    private static bool ContainsAll(HashSet<string> set, IReadOnlyList<string> required)
    {
        foreach (string c in required)
        {
            if (!set.Contains(c)) return false;
        }

        return true;
    }
}
