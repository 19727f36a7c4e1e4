using System.Collections.Generic;

namespace Sensors.Recording;

/// <summary>How <see cref="RecordingReader"/> and <see cref="RecordingTable"/> read a file. The defaults are the recording format.</summary>
public sealed class RecordingReaderOptions
{
    /// <summary>The defaults: t_s required first and non-decreasing, units checked, phase (+ sidecar text_columns) as text.</summary>
    public static RecordingReaderOptions Default { get; } = new();

    /// <summary>
    /// Require <c>t_s</c> as the first column, present in every row and never decreasing (equal is allowed).
    /// Default true. Set false for tables that are not time series, e.g. a dataset's <c>trials.csv</c> manifest.
    /// </summary>
    public bool RequireTimeColumn { get; init; } = true;

    /// <summary>Check column names and sidecar units against <see cref="RecordingUnits"/>. Default true.</summary>
    public bool CheckUnits { get; init; } = true;

    /// <summary>Columns to read as text in addition to phase and the sidecar's text_columns (absent names are ignored).</summary>
    public IReadOnlyCollection<string> TextColumns { get; init; } = [];

    /// <summary>Read the sidecar <c>&lt;name&gt;.json</c> when present. Default true.</summary>
    public bool ReadSidecar { get; init; } = true;

    /// <summary>Options for a manifest table such as <c>trials.csv</c>: no time column, the given text columns.</summary>
    public static RecordingReaderOptions Manifest(params string[] textColumns) =>
        new() { RequireTimeColumn = false, TextColumns = textColumns };
}
