using System.Text.Json;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DxRoadmap.Tests.Data;

/// <summary>
/// The NationalSteps migration on a database that holds progress on the earlier 12 steps: every finished old step
/// becomes 完了済み history of the national steps it covers, with its day and author; nothing is lost.
/// </summary>
public sealed class NationalStepsMigrationTests
{
    private const string SqliteBefore = "20261206120821_MeetingFindings";
    private const string PostgresBefore = "20261206120828_MeetingFindings";

    private static readonly (int No, string Phase, string Title)[] OldSteps =
    [
        (1, "計画立案", "推進体制の立ち上げ"), (2, "計画立案", "現行システムの概要調査"), (3, "計画立案", "移行計画の作成"),
        (4, "計画立案", "情報提供依頼 (RFI)"), (5, "移行", "Fit&Gap分析"), (6, "移行", "移行計画の詳細化"), (7, "移行", "予算要求"),
        (8, "移行", "ベンダ選定・契約"), (9, "移行", "データ移行"), (10, "移行", "システムテスト・職員研修"),
        (11, "稼働", "標準準拠システムの本番稼働"), (12, "稼働", "ガバメントクラウドへの移行完了"),
    ];

    /// <summary>住民基本台帳 finished all 12 old steps (the 11th on 2026-03-23, the 12th on 2026-06-15); 戸籍 the first two.</summary>
    private static async Task FillOldProgressAsync(RoadmapDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "StandardSystems" ("Name", "Order") VALUES ('住民基本台帳', 1), ('戸籍', 2);
            """);
        foreach (var (no, phase, title) in OldSteps)
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "StandardSteps" ("No", "Phase", "Title") VALUES ({no}, {phase}, {title})""");
        }
        foreach (var (no, _, _) in OldSteps)
        {
            var day = no switch { 11 => new DateOnly(2026, 3, 23), 12 => new DateOnly(2026, 6, 15), _ => new DateOnly(2023, no, 10) };
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "StandardStepCompletions" ("SystemId", "StepId", "CompletedOn", "UpdatedBy")
                SELECT 1, "Id", {day}, '担当者' FROM "StandardSteps" WHERE "No" = {no}
                """);
        }
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "StandardStepCompletions" ("SystemId", "StepId", "CompletedOn", "UpdatedBy")
            SELECT 2, "Id", '2023-05-01', NULL FROM "StandardSteps" WHERE "No" <= 2
            """);
    }

    private static async Task AssertMappedAsync(RoadmapDbContext db)
    {
        var steps = await db.StandardSteps.AsNoTracking().OrderBy(s => s.No).ToListAsync();
        Assert.Equal(NationalStepsUpgrade.Steps.Select(s => s.Code), steps.Select(s => s.Code));
        var systems = await db.StandardSystems.AsNoTracking().OrderBy(s => s.Order).ToListAsync();
        var changes = await db.StandardStepChanges.AsNoTracking().ToListAsync();
        var rollup = ProgramIndicators.Standardisation(systems, steps, changes);

        // Every national step is covered by one old step: all 12 finished is all 40 完了済み.
        Assert.Equal(1.0, rollup.Systems[0].Rate);
        Assert.Equal(40, changes.Count(c => c.SystemId == systems[0].Id));
        // 戸籍's old steps 1 and 2 are ①-1 … ②-4.
        Assert.Equal(7 / 40.0, rollup.Systems[1].Rate);
        Assert.Equal(["①-1", "①-2", "①-3", "②-1", "②-2", "②-3", "②-4"],
            steps.Where(s => changes.Any(c => c.SystemId == systems[1].Id && c.StepId == s.Id)).Select(s => s.Code));

        // Days, authors and the old step's name are kept.
        var fitGap = changes.Single(c => c.SystemId == systems[0].Id && c.StepId == steps.Single(s => s.Code == "③-2").Id);
        Assert.Equal((StepStatus.Done, new DateOnly(2023, 5, 10), "担当者", "旧手順5「Fit&Gap分析」の完了から移行"),
            (fitGap.Status, fitGap.ChangedOn, fitGap.ChangedBy, fitGap.Note));
        Assert.Equal(new DateTimeOffset(2023, 5, 10, 17, 0, 0, TimeSpan.FromHours(9)), fitGap.RecordedAt);
        Assert.Equal("(記録なし)", changes.First(c => c.SystemId == systems[1].Id).ChangedBy);
        var start = changes.Single(c => c.SystemId == systems[0].Id && c.StepId == steps.Single(s => s.Code == "⑱-1").Id);
        Assert.Equal(new DateOnly(2026, 3, 23), start.ChangedOn);

        // 本番稼働 gives the go-live day; ガバメントクラウドへの移行完了 has no national step and is kept in the note.
        Assert.Equal(new DateOnly(2026, 3, 23), systems[0].GoLiveOn);
        Assert.Equal("ガバメントクラウドへの移行完了 2026-06-15 (旧手順12)", systems[0].MigrationNote);
        Assert.Null(systems[1].GoLiveOn);
        Assert.Null(systems[1].MigrationNote);
    }

    [Fact]
    public async Task OldProgress_BecomesNationalStepHistory_OnSqlite()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var options = new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite(connection).Options;
        await using var db = new RoadmapDbContext(options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(SqliteBefore, TestContext.Current.CancellationToken);
        await FillOldProgressAsync(db);

        await migrator.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

        await AssertMappedAsync(db);
    }

    [Fact]
    public async Task OldProgress_BecomesNationalStepHistory_OnPostgres()
    {
        var connectionString = PostgresDatabase.CreateBlank();
        try
        {
            var options = new DbContextOptionsBuilder<RoadmapDbContext>().UseNpgsql(connectionString).Options;
            await using var db = new PostgresRoadmapDbContext(options);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(PostgresBefore, TestContext.Current.CancellationToken);
            await FillOldProgressAsync(db);

            await migrator.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

            await AssertMappedAsync(db);
        }
        finally
        {
            PostgresDatabase.Drop(connectionString);
        }
    }

    [Fact]
    public async Task AnEmptyDatabase_GetsNoStepsFromTheMigration_TheSeederLoadsThem()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var db = new RoadmapDbContext(new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.StandardSteps.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void TheMigrationsSteps_AreThePlanFilesAndThePublishedOnes()
    {
        using var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.DataDirectory, "roadmap.json")));
        var planSteps = plan.RootElement.GetProperty("standardisation").GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("code").GetString()!, s.GetProperty("title").GetString()!)).ToList();
        var published = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Domain", "National", "standardisation-steps.tsv"))
            .Skip(1).Select(l => l.Split('\t')).Select(f => (f[1], f[2])).ToList();

        Assert.Equal(published, NationalStepsUpgrade.Steps);
        Assert.Equal(published, planSteps);
        // The mapping covers each national step exactly once.
        Assert.Equal(published.Select(p => p.Item1).Order(), NationalStepsUpgrade.OldToNational.Values.SelectMany(c => c).Order());
    }
}
