using System;
using System.IO;
using System.Linq;

namespace Sensors.Hardware.Fixtures;

/// <summary>
/// Regenerates calibration-data/: <c>dotnet run --project hardware/Sensors.Hardware.Fixtures -c Release -- calibration-data [bench|sessions]</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: Sensors.Hardware.Fixtures <calibration-data folder> [bench|sessions|all]");
            return args.Length == 0 ? 2 : 0;
        }
        string root = Path.GetFullPath(args[0]);
        string what = args.Length > 1 ? args[1] : "all";
        if (what is not ("bench" or "sessions" or "all"))
        {
            Console.Error.WriteLine($"error: unknown part '{what}': use bench, sessions or all.");
            return 2;
        }
        var files = (what is "bench" or "all" ? BenchFixtureFiles.WriteAll(root) : [])
            .Concat(what is "sessions" or "all" ? SessionFixtureFiles.WriteAll(root) : []);
        foreach (string file in files)
        {
            Console.WriteLine($"{Path.GetRelativePath(root, file)}  {new FileInfo(file).Length / 1024.0:F0} KiB");
        }
        return 0;
    }
}
