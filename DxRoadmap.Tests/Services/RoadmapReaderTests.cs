using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// The reader keeps its last snapshot while the data stamp is unchanged: a save anywhere makes the next load read
/// afresh, and an as-of date undoes exactly the changes saved after that day (Japan time).
/// </summary>
public partial class RoadmapReaderTests
{
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private static readonly TestUser Editor = TestUser.Editor("佐藤");

    private static DateTimeOffset Japan(string isoDay, int hour, int minute, int second = 0, int millisecond = 0) =>
        new(Build.Day(isoDay).ToDateTime(new TimeOnly(hour, minute, second, millisecond)), TimeSpan.FromHours(9));

    private static async Task SaveProgressAsync(TestDatabase database, int id, int progress, DateTimeOffset at)
    {
        var editing = new MilestoneEditing(database, new AppClock(new FixedTime(at)), Options.Create(DelayThresholds.Default),
            NullLogger<MilestoneEditing>.Instance);
        var loaded = (await editing.LoadAsync(id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Progress = progress;
        Assert.True((await editing.SaveAsync(id, model, loaded.Token, Editor)).Succeeded);
    }

    [Fact]
    public async Task AsOfADay_KeepsChangesSavedToItsLastSecond_AndUndoesThoseFromMidnight()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var id = roadmap.OnTrack.Id;                                                 // 進行中 10%
        await SaveProgressAsync(roadmap.Database, id, 20, Japan("2022-04-01", 23, 59, 59, 500));
        await SaveProgressAsync(roadmap.Database, id, 30, Japan("2022-04-02", 0, 0));
        var reader = new RoadmapReader(roadmap.Database);

        var dayBefore = (await reader.LoadAsOfAsync(Build.Day("2022-03-31"))).Milestones.Single(m => m.Id == id);
        var lastSecond = (await reader.LoadAsOfAsync(Build.Day("2022-04-01"))).Milestones.Single(m => m.Id == id);
        var midnight = (await reader.LoadAsOfAsync(Build.Day("2022-04-02"))).Milestones.Single(m => m.Id == id);

        Assert.Equal(10, dayBefore.Progress);
        Assert.Null(dayBefore.UpdatedAt);                                            // no update recorded yet
        Assert.Equal(20, lastSecond.Progress);
        Assert.Equal(Japan("2022-04-01", 23, 59, 59, 500), lastSecond.UpdatedAt);    // the stale rule reads this
        Assert.Equal("佐藤", lastSecond.UpdatedBy);
        Assert.Equal(30, midnight.Progress);
        Assert.Equal(30, (await reader.LoadAsync()).Milestones.Single(m => m.Id == id).Progress);
    }

    [Fact]
    public async Task AsOfADay_AgreesWithUndoingTheWholeHistory()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        await SaveProgressAsync(roadmap.Database, roadmap.OnTrack.Id, 20, Japan("2022-04-01", 9, 0));
        await SaveProgressAsync(roadmap.Database, roadmap.AtRisk.Id, 50, Japan("2022-04-03", 9, 0));
        await SaveProgressAsync(roadmap.Database, roadmap.OnTrack.Id, 40, Japan("2022-04-05", 9, 0));
        await SaveProgressAsync(roadmap.Database, roadmap.OnTrack.Id, 60, Japan("2022-04-07", 9, 0));
        var reader = new RoadmapReader(roadmap.Database);
        var current = await reader.LoadAsync();
        var history = await reader.LoadHistoryAsync();

        foreach (var day in new[] { "2022-03-31", "2022-04-01", "2022-04-04", "2022-04-05", "2022-04-06", "2022-04-07" })
        {
            var expected = RoadmapHistory.AsOf(current, history, RoadmapHistory.EndOfDay(Build.Day(day)));
            var actual = await reader.LoadAsOfAsync(Build.Day(day));
            Assert.Equal(
                expected.Milestones.Select(m => (m.Id, m.Progress, m.UpdatedAt, m.UpdatedBy)),
                actual.Milestones.Select(m => (m.Id, m.Progress, m.UpdatedAt, m.UpdatedBy)));
        }
    }

    [Fact]
    public async Task Snapshot_IsReusedUntilASave_ThenTheNextLoadSeesIt()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var reader = new RoadmapReader(roadmap.Database);
        var queries = new ProgressQueries(reader, Options.Create(DelayThresholds.Default));
        var first = await reader.LoadAsync();
        Assert.Same(first, await reader.LoadAsync());
        var alerts = await queries.CountAlertsAsync(Build.Day("2022-04-01"));

        // The overdue item completed: saved by a service of its own, as another page (or app instance) would.
        await roadmap.ChangeAsync(roadmap.Overdue.Id, m => (m.Status, m.Progress) = (MilestoneStatus.Done, 100));

        var second = await reader.LoadAsync();
        Assert.NotSame(first, second);
        Assert.Equal(MilestoneStatus.Done, second.Milestones.Single(m => m.Id == roadmap.Overdue.Id).Status);
        Assert.Equal(alerts - 1, await queries.CountAlertsAsync(Build.Day("2022-04-01")));
        Assert.Equal(MilestoneStatus.NotStarted, first.Milestones.Single(m => m.Id == roadmap.Overdue.Id).Status);
    }

    [Fact]
    public async Task ChangeOfAnotherPartOfThePlan_IsSeenToo()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var reader = new RoadmapReader(roadmap.Database);
        Assert.Equal(ProcedureStage.NotStarted, (await reader.LoadAsync()).Procedures.Single().Stage);
        await using (var db = roadmap.Database.CreateDbContext())
        {
            (await db.Procedures.SingleAsync()).Stage = ProcedureStage.Verified;
            await db.SaveChangesAsync();
        }
        Assert.Equal(ProcedureStage.Verified, (await reader.LoadAsync()).Procedures.Single().Stage);
    }
}

/// <summary>The same tests on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class RoadmapReaderTestsOnPostgres : RoadmapReaderTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}

/// <summary>Two app instances on one SQLite file: each with its own context factory and reader.</summary>
public sealed class RoadmapReaderInstancesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dxroadmap-instances-").FullName;

    private RoadmapDbContextFactory Instance(string extra) => new(
        new DbContextOptionsBuilder<RoadmapDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "roadmap.db")};{extra}").Options,
        TimeProvider.System, new DatabaseSettings(DatabaseProvider.Sqlite, ""));

    [Fact]
    public async Task SaveByOneInstance_IsSeenByTheOthersNextLoad()
    {
        var first = Instance("Pooling=False");
        var second = Instance("Pooling=False;Cache=Private");
        await using (var db = first.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await RoadmapSeeder.SeedAsync(db, RepoPaths.DataDirectory, sampleProgress: false);
        }
        var reader = new RoadmapReader(first);
        var before = await reader.LoadAsync();
        var milestone = before.Milestones[0];

        await using (var db = second.CreateDbContext())
        {
            (await db.Milestones.SingleAsync(m => m.Id == milestone.Id)).Note = "別のインスタンスで更新";
            await db.SaveChangesAsync();
        }

        var after = await reader.LoadAsync();
        Assert.Equal("別のインスタンスで更新", after.Milestones.Single(m => m.Id == milestone.Id).Note);
        // The other rows are taken over from the first read, and the whole equals what a fresh reader sees.
        Assert.Same(before.Milestones[1], after.Milestones.Single(m => m.Id == before.Milestones[1].Id));
        Assert.Equal(
            (await new RoadmapReader(second).LoadAsync()).Milestones.Select(m => (m.Id, m.Note, m.Version, m.OwnerName)),
            after.Milestones.Select(m => (m.Id, m.Note, m.Version, m.OwnerName)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The migration that adds the history's UTC ticks computes them exactly for rows already there.</summary>
public sealed class HistoryTicksMigrationTests
{
    private static readonly DateTimeOffset[] Moments =
    [
            new(2024, 6, 1, 17, 23, 0, TimeSpan.FromHours(9)),
            new DateTimeOffset(2024, 6, 1, 23, 59, 59, TimeSpan.FromHours(9)).AddTicks(9_999_999),
            new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)).AddTicks(5_000_000),
            new(2021, 12, 31, 20, 30, 0, TimeSpan.FromHours(-5.5)),
            new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero),
    ];

    [Fact]
    public async Task ExistingHistoryRows_GetTheirExactUtcTicks()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<RoadmapDbContext>().UseSqlite(connection).Options;
        await using var db = new RoadmapDbContext(options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261126064507_Standardisation");
        var moments = Moments;
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
        foreach (var moment in moments)
        {
            // As the previous model stored it: EF's text form of the DateTimeOffset.
            var text = moment.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO ProgressUpdates (MilestoneId, UpdatedBy, UpdatedAt, Changes) VALUES (1, 'x', {text}, '[]')");
        }

        await migrator.MigrateAsync();

        var ticks = await db.Database.SqlQueryRaw<long>(
            $"SELECT \"{DataStamping.UpdatedAtTicks}\" AS \"Value\" FROM ProgressUpdates ORDER BY Id").ToListAsync();
        Assert.Equal(moments.Select(m => m.UtcTicks), ticks);
        var stored = await db.ProgressUpdates.AsNoTracking().OrderBy(u => u.Id).Select(u => u.UpdatedAt).ToListAsync();
        Assert.Equal(moments, stored);
    }

    [Fact]
    public async Task ExistingHistoryRows_GetTheirExactUtcTicks_OnPostgres()
    {
        var connectionString = PostgresDatabase.CreateBlank();
        try
        {
            var options = new DbContextOptionsBuilder<RoadmapDbContext>().UseNpgsql(connectionString).Options;
            await using (var db = new PostgresRoadmapDbContext(options))
            {
                var migrator = db.GetService<IMigrator>();
                await migrator.MigrateAsync("20261126072515_InitialPostgres");
                await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"ProgressUpdates\" DROP CONSTRAINT \"FK_ProgressUpdates_Milestones_MilestoneId\"");
                foreach (var moment in Moments)
                {
                    // timestamptz keeps microseconds; the moments here have no finer part.
                    var utc = moment.ToUniversalTime();
                    await db.Database.ExecuteSqlAsync(
                        $"INSERT INTO \"ProgressUpdates\" (\"MilestoneId\", \"UpdatedBy\", \"UpdatedAt\", \"Changes\") VALUES (1, 'x', {utc}, '[]')");
                }
                await migrator.MigrateAsync();
                var ticks = await db.Database.SqlQueryRaw<long>(
                    $"SELECT \"{DataStamping.UpdatedAtTicks}\" AS \"Value\" FROM \"ProgressUpdates\" ORDER BY \"Id\"").ToListAsync();
                Assert.Equal(Moments.Select(m => m.UtcTicks - m.UtcTicks % 10), ticks);
            }
        }
        finally
        {
            PostgresDatabase.Drop(connectionString);
        }
    }
}
