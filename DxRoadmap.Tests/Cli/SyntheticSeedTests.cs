using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Cli;

public class SyntheticSeedTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private Task<WebApplication> HostAsync(string database, bool synthetic = true) => CliHost.BuildAsync(builder =>
    {
        builder.Configuration["Data:Directory"] = RepoPaths.DataDirectory;
        builder.Configuration["ConnectionStrings:Roadmap"] = $"Data Source={_folder.File(database)}";
        builder.Configuration["Security:KeysDirectory"] = _folder.File("keys");
        if (synthetic)
        {
            SyntheticSeedCommand.Configure(builder);
        }
    });

    private async Task<(int Code, string Out, string Error)> SeedAsync(string database, params string[] args)
    {
        await using var host = await HostAsync(database);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SyntheticSeedCommand.RunAsync(args, host.Services, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<List<string>> MilestoneLinesAsync(string database)
    {
        await using var host = await HostAsync(database);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        return await db.Milestones.OrderBy(m => m.Code)
            .Select(m => m.Code + "|" + m.Title + "|" + m.Status + "|" + m.Progress + "|" + m.OwnerDepartment!.Name)
            .ToListAsync();
    }

    [Fact]
    public async Task FillsAnEmptyDatabase_WithMilestonesHistoryAndProcedures_ThatThePagesRead()
    {
        var result = await SeedAsync("a.db", "--milestones", "400", "--seed", "7");

        Assert.Equal(0, result.Code);
        Assert.Contains("工程 400 件", result.Out);
        await using var host = await HostAsync("a.db");
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(400, await db.Milestones.CountAsync());
            Assert.Equal(1, await db.Plans.CountAsync());
            Assert.True(await db.Departments.CountAsync() >= 40);
            Assert.True(await db.Procedures.CountAsync() >= 20);
            // Every started milestone has its history, and the last update leaves it where it stands.
            var started = await db.Milestones.CountAsync(m => m.ActualStart != null);
            Assert.Equal(started, await db.ProgressUpdates.Select(u => u.MilestoneId).Distinct().CountAsync());
            var done = await db.Milestones.Where(m => m.Status == MilestoneStatus.Done).Select(m => m.Id).FirstAsync();
            var last = (await db.ProgressUpdates.Where(u => u.MilestoneId == done).ToListAsync()).MaxBy(u => u.UpdatedAt)!;
            Assert.Contains(last.Changes, c => c is { Field: MilestoneFields.Status, NewValue: "完了" });
            Assert.Contains(await db.AuditEntries.Select(a => a.Field).ToListAsync(), f => f == "合成データ読込");
        }
        var dashboard = await host.Services.GetRequiredService<ProgressQueries>().GetDashboardAsync(new DateOnly(2024, 6, 1), null);
        Assert.NotEmpty(dashboard.Flagged);
    }

    [Fact]
    public async Task TheSameSeed_GivesTheSameRoadmap_AndAnotherSeedAnotherOne()
    {
        await SeedAsync("a.db", "--milestones", "200", "--seed", "3");
        await SeedAsync("b.db", "--milestones", "200", "--seed", "3");
        await SeedAsync("c.db", "--milestones", "200", "--seed", "4");

        Assert.Equal(await MilestoneLinesAsync("a.db"), await MilestoneLinesAsync("b.db"));
        Assert.NotEqual(await MilestoneLinesAsync("a.db"), await MilestoneLinesAsync("c.db"));
    }

    [Fact]
    public async Task ADatabaseWithAPlan_IsRefused_UnlessReplaceIsGiven()
    {
        // The app's own start-up loads the real plan.
        await using (await HostAsync("live.db", synthetic: false))
        {
        }

        var refused = await SeedAsync("live.db", "--milestones", "50");
        Assert.Equal(1, refused.Code);
        Assert.Contains("--replace", refused.Error);

        var replaced = await SeedAsync("live.db", "--milestones", "50", "--replace");
        Assert.Equal(0, replaced.Code);
        var lines = await MilestoneLinesAsync("live.db");
        Assert.Equal(50, lines.Count);
        Assert.All(lines, l => Assert.StartsWith("S-", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData]
    [InlineData("--milestones", "0")]
    [InlineData("--milestones", "many")]
    public async Task BadArguments_ShowTheUsage(params string[] args)
    {
        var result = await SeedAsync("a.db", args);

        Assert.Equal(2, result.Code);
        Assert.Contains("使い方", result.Error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
