using System.Diagnostics;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Peers;

namespace DxRoadmap.Web.Cli;

/// <summary>
/// `import peers FILE --as-of YYYY-MM [--dry-run] [--replace]`: imports a published table of 完了率 by 団体 as the 5.1
/// page does — prints the problems, or the city beside its 県 and the nation, and keeps the table unless --dry-run.
/// A 時点 already kept is replaced only with --replace. A refused file exits with 1 and saves nothing.
/// </summary>
public static class PeerImportCommand
{
    /// <summary>Nobody signs in on the command line: the import acts as 推進課 under this name (see <see cref="ImportCommand"/>).</summary>
    public static SystemUser Actor { get; } = new("他団体比較の取込 (コマンドライン)", AppRoles.Editor);

    public const string Usage = "使い方: import peers ファイル.csv|.xlsx --as-of YYYY-MM [--dry-run] [--replace]";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var dryRun = args.Contains("--dry-run");
        var replace = args.Contains("--replace");
        var month = CliHost.Option(args, "--as-of");
        var rest = args.Where((a, i) => a is not ("--dry-run" or "--replace" or "--as-of") && (i == 0 || args[i - 1] != "--as-of")).ToArray();
        if (rest.Length != 1 || rest[0].StartsWith("--", StringComparison.Ordinal) || month is null)
        {
            await error.WriteLineAsync(Usage);
            return CommandLine.BadArguments;
        }
        var path = rest[0];
        if (await CliHost.ReadFileAsync(path, PeerTableFile.MaxFileSize, error) is not { } file)
        {
            return CommandLine.Failed;
        }

        var peers = services.GetRequiredService<PeerRates>();
        var clock = Stopwatch.StartNew();
        var preview = await peers.PreviewAsync(file, month, replace, Actor);
        foreach (var problem in preview.Problems)
        {
            await output.WriteLineAsync("問題: " + problem.Text);
        }
        if (preview.IsRefused)
        {
            await error.WriteLineAsync("取り込みませんでした: " + preview.Summary);
            return CommandLine.Failed;
        }
        if (preview.Standing is { } standing)
        {
            await PrintAsync(standing, output);
        }
        await output.WriteLineAsync(preview.Summary);
        if (dryRun)
        {
            await output.WriteLineAsync("--dry-run のため保存していません。");
            return CommandLine.Ok;
        }
        var result = await peers.ApplyAsync(file, month, replace, Actor, Path.GetFileName(path));
        if (!result.Succeeded)
        {
            await error.WriteLineAsync("取り込みませんでした: " + result.Message);
            return CommandLine.Failed;
        }
        await output.WriteLineAsync($"{result.Message} (確認と保存 {clock.Elapsed.TotalSeconds:0.00} 秒)");
        return CommandLine.Ok;
    }

    private static async Task PrintAsync(PeerStanding s, TextWriter output)
    {
        await output.WriteLineAsync($"{s.City} {s.MonthLabel}: 全体 {PeerComparison.Percent(s.CityOverall)}　{s.Prefecture}内 {s.RankText}");
        await output.WriteLineAsync($"  {s.Prefecture}平均 {PeerComparison.Percent(s.PrefectureMean)} (最高 {s.Highest.Municipality} {PeerComparison.Percent(s.Highest.Overall)}、"
            + $"最低 {s.Lowest.Municipality} {PeerComparison.Percent(s.Lowest.Overall)})　"
            + (s.NationalMean is { } n ? $"全国平均 {PeerComparison.Percent(n)} ({s.NationalCount:N0} 団体)" : PeerComparison.NoNationalMean));
        if (s.Before is { } b)
        {
            await output.WriteLineAsync($"  前回 ({b.MonthText}) から: 全体 {PeerComparison.Points(s.OverallChange!.Value)}、順位 {b.Rank}位 → {s.Rank}位");
        }
    }
}
