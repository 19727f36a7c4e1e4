using System.CommandLine;

namespace Sensors.Gateway.Cli;

/// <summary>The <c>sensors</c> command line: the citizen demo and the accuracy evaluations.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Sensors gateway: knee/hip rehabilitation bands — simulate, evaluate, run and replay sessions, publish the outbox.")
        {
            DemoCommand.Create(),
            EvaluateCommands.Create(),
            LiveCommands.Session(),
            LiveCommands.Replay(),
            LiveCommands.Outbox(),
            CalibrationCommands.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
