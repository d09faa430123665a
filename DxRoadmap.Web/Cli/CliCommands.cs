namespace DxRoadmap.Web.Cli;

/// <summary>A command-line command: how it prepares the host, and what it runs against the app's services.</summary>
public sealed record CliCommand(Func<string[], IServiceProvider, Task<int>> Run, Action<WebApplicationBuilder>? Configure = null);

/// <summary>The commands that run against the database without starting the web server, by first argument.</summary>
public static class CliCommands
{
    public static readonly IReadOnlyDictionary<string, CliCommand> All = new Dictionary<string, CliCommand>(StringComparer.Ordinal)
    {
        ["user"] = new((args, services) => UserCommands.RunAsync(args, services, Console.In, Console.Out, Console.Error)),
        ["backup"] = new((args, services) => BackupCommand.RunAsync(args, services, Console.Out, Console.Error)),
        ["seed-synthetic"] = new((args, services) => SyntheticSeedCommand.RunAsync(args, services, Console.Out, Console.Error),
            SyntheticSeedCommand.Configure),
    };
}
