using BenchmarkDotNet.Attributes;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Bench;

/// <summary>
/// The dashboard's query as a page asks it: load the roadmap from a SQLite file filled by the seed-synthetic
/// seeder, assess every milestone, group, sort. Also the load alone and the alert count (the badge on every page).
/// The plain cases ask a reader that has answered before (nothing saved since: one stamp query, then the kept
/// snapshot); the Cold cases ask a fresh reader, as the first page after a save does.
/// </summary>
[MemoryDiagnoser]
public class DashboardBenchmarks
{
    private static readonly DateOnly AsOf = new(2024, 6, 1);

    // The badge and the dashboard open on today (Japan time).
    private static readonly DateOnly Today =
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);

    private string _folder = null!;
    private ProgressQueries _queries = null!;
    private RoadmapReader _reader = null!;
    private RoadmapDbContextFactory _factory = null!;

    [Params(10_000)]
    public int Milestones { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dxroadmap-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var options = new DbContextOptionsBuilder<RoadmapDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "roadmap.db")}").Options;
        var factory = new RoadmapDbContextFactory(options, TimeProvider.System,
            new DatabaseSettings(DatabaseProvider.Sqlite, ""));
        using (var db = factory.CreateDbContext())
        {
            db.Database.Migrate();
            SyntheticSeeder.SeedAsync(db, Milestones, seed: 42, replace: false).GetAwaiter().GetResult();
        }
        _factory = factory;
        _reader = new RoadmapReader(factory);
        _queries = new ProgressQueries(_reader, Options.Create(DelayThresholds.Default));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<DashboardView> Dashboard() => _queries.GetDashboardAsync(AsOf, department: null);

    [Benchmark]
    public Task<DashboardView> DashboardToday() => _queries.GetDashboardAsync(Today, department: null);

    [Benchmark]
    public async Task<int> LoadOnly() => (await _reader.LoadAsync()).Milestones.Count;

    [Benchmark]
    public Task<int> AlertCount() => _queries.CountAlertsAsync(AsOf);

    [Benchmark]
    public Task<int> AlertCountToday() => _queries.CountAlertsAsync(Today);

    [Benchmark]
    public Task<DashboardView> DashboardCold() => Fresh().GetDashboardAsync(AsOf, department: null);

    [Benchmark]
    public Task<DashboardView> DashboardTodayCold() => Fresh().GetDashboardAsync(Today, department: null);

    [Benchmark]
    public async Task<int> LoadOnlyCold() => (await new RoadmapReader(_factory).LoadAsync()).Milestones.Count;

    [Benchmark]
    public Task<int> AlertCountTodayCold() => Fresh().CountAlertsAsync(Today);

    private ProgressQueries Fresh() => new(new RoadmapReader(_factory), Options.Create(DelayThresholds.Default));
}
