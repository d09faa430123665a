namespace DxRoadmap.Web.Cli;

/// <summary>A command run from the command line instead of starting the web server.</summary>
public sealed record CliCommand(string Name, string Summary, Func<string[], TextWriter, TextWriter, Task<int>> RunAsync);

/// <summary>
/// The command-line dispatcher: `dotnet run --project DxRoadmap.Web -- NAME ...`. Commands are a table of
/// names so each feature adds its own line here and keeps its code in its own class.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static IReadOnlyList<CliCommand> Commands { get; } =
    [
        new("report", "部会資料 (Excel / PDF) を作成します", (args, output, error) => ReportCommand.RunAsync(args, output, error)),
        new("user", "利用者の追加・一覧・無効化 (user add|list|disable)", (args, output, error) =>
            WithHost(services => UserCommands.RunAsync(args, services, Console.In, output, error))),
        new("backup", "データベースのバックアップを作成します (backup --out FILE)", (args, output, error) =>
            WithHost(services => BackupCommand.RunAsync(args, services, output, error))),
        new("seed-synthetic", "計測用の合成データを作成します (seed-synthetic --milestones N [--seed S] [--replace])", (args, output, error) =>
            WithHost(services => SyntheticSeedCommand.RunAsync(args, services, output, error), SyntheticSeedCommand.Configure)),
        new("import", "照会回答 (Excel) と他団体の完了率 (CSV) を取り込みます (import progress FILE [--dry-run] | import peers FILE --as-of YYYY-MM [--dry-run] [--replace])", (args, output, error) =>
            WithHost(services => ImportCommand.RunAsync(args, services, output, error))),
    ];

    /// <summary>Runs a command against the app's services (same configuration and database, no web server).</summary>
    private static async Task<int> WithHost(Func<IServiceProvider, Task<int>> run, Action<WebApplicationBuilder>? configure = null)
    {
        await using var host = await CliHost.BuildAsync(configure);
        return await run(host.Services);
    }

    public static bool Handles(string name) => Commands.Any(c => c.Name == name) || name is "help" or "--help";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var command = args.Length == 0 ? null : Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await output.WriteLineAsync("使い方: dotnet run --project DxRoadmap.Web -- <コマンド> [オプション]");
            foreach (var c in Commands)
            {
                await output.WriteLineAsync($"  {c.Name,-10} {c.Summary}");
            }
            return args.Length > 0 && args[0] is "help" or "--help" ? Ok : BadArguments;
        }
        return await command.RunAsync(args[1..], output, error);
    }
}
