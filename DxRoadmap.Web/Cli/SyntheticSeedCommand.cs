using System.Diagnostics;
using System.Globalization;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Cli;

/// <summary>
/// <c>seed-synthetic --milestones N [--seed S] [--replace]</c>: fills the configured database with a made-up
/// roadmap of N milestones for measurements and load tests.
/// </summary>
public static class SyntheticSeedCommand
{
    private const string Usage = "使い方: seed-synthetic --milestones N [--seed S] [--replace]";

    /// <summary>The host must not load data/roadmap.json first: the command fills an empty database itself.</summary>
    public static void Configure(WebApplicationBuilder builder) => builder.Configuration["Seed:Plan"] = "false";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (!TryNumber(CliHost.Option(args, "--milestones"), out var milestones) || milestones < 1
            || !TryNumber(CliHost.Option(args, "--seed") ?? "1", out var seed))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var replace = args.Contains("--replace", StringComparer.Ordinal);
        await using var db = await services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        if (!replace && await SyntheticSeeder.HasPlanAsync(db))
        {
            await error.WriteLineAsync(
                "エラー: データベースには既に計画があります。置き換える場合は --replace を指定してください (現在の計画と進捗は削除され、アカウントは残ります)。");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        var result = await SyntheticSeeder.SeedAsync(db, milestones, seed, replace);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"合成データを作成しました: 工程 {result.Milestones:N0} 件、進捗履歴 {result.Updates:N0} 件、課 {result.Departments:N0}、手続 {result.Procedures:N0} 件 (seed {seed}、{clock.Elapsed.TotalSeconds:F1} 秒)"));
        return 0;
    }

    private static bool TryNumber(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
