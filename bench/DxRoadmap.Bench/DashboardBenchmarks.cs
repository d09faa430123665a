using BenchmarkDotNet.Attributes;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data.Identity;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Bench;

/// <summary>
/// The dashboard's query as a page asks it: load the roadmap from a SQLite file filled by the seed-synthetic
/// seeder, assess every milestone, group, sort. Also the load alone and the alert count (the badge on every page).
/// The plain cases ask a reader that has answered before (nothing saved since: one stamp query, then the kept
/// snapshot); the Cold cases ask a fresh reader, as the first page of a new process does. The SaveThen cases save
/// one milestone through the editor's path and then ask the reader that answered before, as the next page after a
/// save does (it reads only the changed rows); Save alone is the save, so the page after it is the difference.
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
    private MilestoneEditing _editing = null!;
    private List<int> _editable = null!;
    private int _saves;
    private readonly ICurrentUser _editor = new SystemUser("ベンチマーク", AppRoles.Editor);

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
        // Items the editor accepts as they are (a late one would need a reason). Saved in turn, so no one item's
        // history grows long.
        using (var db = factory.CreateDbContext())
        {
            var today = new AppClock(TimeProvider.System).Today;
            _editable = db.Milestones.AsNoTracking().OrderBy(m => m.Id).AsEnumerable()
                .Where(m => MilestoneEditValidator.Validate(m, MilestoneEditModel.From(m), today, DelayThresholds.Default).Count == 0)
                .Select(m => m.Id).Take(100).ToList();
        }
        _editing = new MilestoneEditing(factory, new AppClock(TimeProvider.System), Options.Create(DelayThresholds.Default),
            NullLogger<MilestoneEditing>.Instance);
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

    [Benchmark]
    public Task Save() => SaveOneAsync();

    [Benchmark]
    public async Task<DashboardView> SaveThenDashboard()
    {
        await SaveOneAsync();
        return await _queries.GetDashboardAsync(AsOf, department: null);
    }

    [Benchmark]
    public async Task<DashboardView> SaveThenDashboardToday()
    {
        await SaveOneAsync();
        return await _queries.GetDashboardAsync(Today, department: null);
    }

    [Benchmark]
    public async Task<int> SaveThenLoadOnly()
    {
        await SaveOneAsync();
        return (await _reader.LoadAsync()).Milestones.Count;
    }

    /// <summary>What the editor does for one note: load the item, save it with its history entry.</summary>
    private async Task SaveOneAsync()
    {
        var id = _editable[_saves % _editable.Count];
        var loaded = (await _editing.LoadAsync(id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Note = $"ベンチマークの保存 {++_saves}";
        var result = await _editing.SaveAsync(id, model, loaded.Token, _editor);
        if (!result.Succeeded || result.NothingChanged)
        {
            throw new InvalidOperationException($"The benchmark's save did not save: {result.Message} "
                + string.Join("; ", result.FieldErrors.SelectMany(e => e.Value)));
        }
    }

    private ProgressQueries Fresh() => new(new RoadmapReader(_factory), Options.Create(DelayThresholds.Default));
}
