using System;

namespace Sensors.Gateway.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine("sensors: command line is being assembled (see gateway/README.md).");
        return args.Length == 0 ? 0 : 2;
    }
}
