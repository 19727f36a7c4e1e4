using System;
using System.Collections.Generic;

namespace Sensors.Recording;

/// <summary>
/// The unit rule of the recording format: every numeric column is in SI units (s, m/s², rad/s, rad, m, µT for
/// magnetic field, dimensionless), and a column name never carries a non-SI unit suffix.
/// <list type="bullet">
/// <item>Rejected name suffixes (case-insensitive, last <c>_</c>-separated part): <c>_ms</c>, <c>_us</c>, <c>_min</c>
/// (time → <c>_s</c>); <c>_dps</c>, <c>_degps</c>, <c>_deg_s</c>, <c>_deg_per_s</c>, <c>_rpm</c> (rate → rad/s);
/// <c>_g</c>, <c>_mg</c> (acceleration → m/s²); <c>_mm</c>, <c>_cm</c> (length → m); <c>_gauss</c>, <c>_mgauss</c>
/// (magnetic field → µT); <c>_degrees</c>, <c>_degf</c>.</item>
/// <item>Degrees are allowed only as the <c>_deg</c> suffix of a reference or result angle column such as
/// <c>encoder_deg</c> or <c>published_rmse_mw_deg</c>; never on accelerometer, gyroscope or magnetometer columns
/// (names containing an <c>acc</c>, <c>gyr</c>, <c>gyro</c> or <c>mag</c> part).</item>
/// <item>A sidecar <c>units</c> map (column → unit text) is checked too: <c>ms</c>, <c>us</c>, <c>min</c>, <c>h</c>,
/// <c>g</c>, <c>mg</c>, <c>deg/s</c>, <c>°/s</c>, <c>dps</c>, <c>rpm</c>, <c>mm</c>, <c>cm</c>, <c>gauss</c> are
/// rejected; <c>deg</c>/<c>°</c> only on <c>_deg</c> columns; <c>t_s</c> must be <c>s</c>. Other units pass.</item>
/// </list>
/// </summary>
public static class RecordingUnits
{
    private static readonly Dictionary<string, string> BadSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ms"] = "time in seconds: use '{0}_s'",
        ["us"] = "time in seconds: use '{0}_s'",
        ["min"] = "time in seconds: use '{0}_s'",
        ["dps"] = "angular rate in rad/s: use '{0}' (rad/s)",
        ["degps"] = "angular rate in rad/s: use '{0}' (rad/s)",
        ["rpm"] = "angular rate in rad/s: use '{0}' (rad/s)",
        ["g"] = "acceleration in m/s²: use '{0}' (m/s²)",
        ["mg"] = "acceleration in m/s²: use '{0}' (m/s²)",
        ["mm"] = "length in m: use '{0}_m'",
        ["cm"] = "length in m: use '{0}_m'",
        ["gauss"] = "magnetic field in µT: use '{0}' (µT)",
        ["mgauss"] = "magnetic field in µT: use '{0}' (µT)",
        ["degrees"] = "angles in rad, or '{0}_deg' for a reference angle",
        ["degf"] = "temperature in K or °C: use '{0}_degc'",
    };

    private static readonly Dictionary<string, string> BadUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ms"] = "s", ["us"] = "s", ["µs"] = "s", ["min"] = "s", ["h"] = "s",
        ["g"] = "m/s^2", ["mg"] = "m/s^2",
        ["deg/s"] = "rad/s", ["°/s"] = "rad/s", ["dps"] = "rad/s", ["rpm"] = "rad/s",
        ["mm"] = "m", ["cm"] = "m",
        ["gauss"] = "uT", ["mgauss"] = "uT",
    };

    /// <summary>
    /// Checks one column name (and its declared unit from the sidecar, if any) against the unit rule.
    /// Returns null when it is fine, else a message saying which SI column or unit is expected.
    /// </summary>
    public static string? Check(string column, string? declaredUnit = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        string? nameProblem = CheckName(column);
        if (nameProblem is not null) return nameProblem;
        return declaredUnit is null ? null : CheckDeclared(column, declaredUnit);
    }

    private static string? CheckName(string column)
    {
        string[] parts = column.Split('_');
        if (parts.Length < 2) return null;
        string last = parts[^1];
        string stem = column[..column.LastIndexOf('_')];

        // two-part suffixes: _deg_s, _deg_per_s
        if (column.EndsWith("_deg_s", StringComparison.OrdinalIgnoreCase) || column.EndsWith("_deg_per_s", StringComparison.OrdinalIgnoreCase))
        {
            string rateStem = column[..column.IndexOf("_deg_", StringComparison.OrdinalIgnoreCase)];
            return $"non-SI unit in column name: angular rate in rad/s: use '{rateStem}' (rad/s)";
        }

        if (BadSuffixes.TryGetValue(last, out string? hint))
        {
            return "non-SI unit in column name: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, hint, stem);
        }

        if (last.Equals("deg", StringComparison.OrdinalIgnoreCase) && IsSensorQuantity(parts))
        {
            return $"degrees are allowed only on reference angle columns ('*_deg' such as encoder_deg), not on sensor column: use '{stem}' in SI (rad/s, m/s², µT)";
        }

        return null;
    }

    private static string? CheckDeclared(string column, string declaredUnit)
    {
        string unit = declaredUnit.Trim();
        if (column == RecordingLayouts.TimeColumn && unit != "s")
        {
            return $"unit of '{RecordingLayouts.TimeColumn}' must be 's', the sidecar says '{declaredUnit}'";
        }

        if (BadUnits.TryGetValue(unit, out string? si))
        {
            return $"non-SI unit '{declaredUnit}' in the sidecar: expected '{si}'";
        }

        bool isDegree = unit.Equals("deg", StringComparison.OrdinalIgnoreCase) || unit == "°" || unit.Equals("degrees", StringComparison.OrdinalIgnoreCase);
        if (isDegree && !column.EndsWith("_deg", StringComparison.OrdinalIgnoreCase))
        {
            return $"unit '{declaredUnit}' is allowed only on reference angle columns named '*_deg': expected 'rad'";
        }

        return null;
    }

    private static bool IsSensorQuantity(string[] parts)
    {
        for (int i = 0; i < parts.Length - 1; i++)
        {
            string p = parts[i];
            if (p.Equals("acc", StringComparison.OrdinalIgnoreCase) || p.Equals("gyr", StringComparison.OrdinalIgnoreCase)
                || p.Equals("gyro", StringComparison.OrdinalIgnoreCase) || p.Equals("mag", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
