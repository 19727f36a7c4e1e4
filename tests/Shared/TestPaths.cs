using System;
using System.IO;
using Xunit;

namespace Sensors.Tests.Shared;

/// <summary>
/// Where the tests find the repository and the shared real datasets.
/// The datasets are read in place, never copied: their folder comes from the SENSORS_DATASETS
/// environment variable, default <c>../shared/datasets</c> beside the repository.
/// </summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The repository root (the folder holding Sensors.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared datasets folder (SENSORS_DATASETS, default ../shared/datasets).</summary>
    public static string DatasetsDir =>
        Environment.GetEnvironmentVariable("SENSORS_DATASETS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets"));

    /// <summary>True when running in CI (CI=true): missing data is then a failure, not a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Full path of a file or folder in the shared datasets (e.g. "hinge/roll_slow.csv.gz").
    /// When it is missing the test fails under CI=true and is skipped elsewhere, naming the public source.
    /// </summary>
    public static string RequireDataset(string relativePath)
    {
        string path = Path.Combine(DatasetsDir, relativePath);
        if (File.Exists(path) || Directory.Exists(path)) return path;

        string source = relativePath.StartsWith("broad", StringComparison.Ordinal)
            ? "BROAD (GitHub dlaidig/broad, data_mat/, CC BY 4.0; converted to CSV as described in the datasets README)"
            : "the two-IMU hinge data (GitHub ssong47/compute_relative_angle_between_two_IMUs, MatlabCode/Data/raw_*.mat, MIT; converted to CSV as described in the datasets README)";
        string message = $"Dataset file '{path}' is missing. Set SENSORS_DATASETS to the datasets folder, or download {source}.";
        if (InCi) Assert.Fail(message);
        Assert.Skip(message);
        return path; // unreachable: Assert.Skip throws
    }

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir, "Sensors.sln"))) return dir;
            dir = Path.GetDirectoryName(dir);
        }
        throw new InvalidOperationException($"Sensors.sln not found above {AppContext.BaseDirectory}.");
    }
}
