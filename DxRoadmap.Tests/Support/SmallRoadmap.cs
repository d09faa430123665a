using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Support;

/// <summary>A clock that always says the given moment.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public static FixedTime On(string isoDay) =>
        new(new DateTimeOffset(Build.Day(isoDay).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9)));

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>
/// A small roadmap whose every judgement on 2022-04-01 is known:
/// <list type="bullet">
/// <item>9.1 (推進課): 期限超過の工程 (due 2022-03, 未着手 → 遅延 1日), 着手遅れの工程 (市民課, starts 2022-02, 未着手 →
///   着手遅れ 32日), 完了した工程 (完了). Signal 赤, 1 of 3 done.</item>
/// <item>9.2 (市民課): 順調な工程 (2022-04～2023-03, 進行中 10%), 国の動き (総務省, 2022-06), 要注意の工程 (推進課,
///   2021-10～2022-04 at 10% → 要注意 残り29日). Signal 黄.</item>
/// </list>
/// Nothing is flagged on 2021-11-01.
/// </summary>
public sealed class SmallRoadmap : IDisposable
{
    public const string Promotion = "推進課";
    public const string Citizens = "市民課";
    public const string Unused = "税務課";

    public TestDatabase Database { get; }
    public Milestone Overdue { get; private set; } = null!;
    public Milestone LateStart { get; private set; } = null!;
    public Milestone Done { get; private set; } = null!;
    public Milestone OnTrack { get; private set; } = null!;
    public Milestone External { get; private set; } = null!;
    public Milestone AtRisk { get; private set; } = null!;
    public Track EmptyTrack { get; private set; } = null!;
    public Track FirstTrack { get; private set; } = null!;
    public Department UnusedDepartment { get; private set; } = null!;
    public Department CitizensDepartment { get; private set; } = null!;

    private SmallRoadmap(TestProvider provider) => Database = TestDatabase.CreateEmpty(provider);

    public static async Task<SmallRoadmap> CreateAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var roadmap = new SmallRoadmap(provider);
        await roadmap.SeedAsync();
        return roadmap;
    }

    private async Task SeedAsync()
    {
        await using var db = Database.CreateDbContext();
        var promotion = new Department { Name = Promotion, Division = "企画部" };
        CitizensDepartment = new Department { Name = Citizens };
        UnusedDepartment = new Department { Name = Unused };
        db.Plans.Add(new Plan { Title = "テスト計画", Version = "1.0", Issued = PlanDate.OfMonth(2021, 10), OwnerDepartment = Promotion });
        db.Departments.AddRange(promotion, CitizensDepartment, UnusedDepartment);
        var first = new Initiative { Code = "9.1", Title = "第一の取組", LeadDepartment = Promotion, Order = 1 };
        var second = new Initiative { Code = "9.2", Title = "第二の取組", LeadDepartment = Citizens, Order = 2 };
        FirstTrack = new Track { Code = "9.1-a", Title = "【項目A】", Initiative = first, Order = 1 };
        var trackB = new Track { Code = "9.2-b", Title = "【項目B】", Initiative = second, Order = 1 };
        EmptyTrack = new Track { Code = "9.2-c", Title = "【空の項目】", Initiative = second, Order = 2 };
        db.Initiatives.AddRange(first, second);
        db.Tracks.AddRange(FirstTrack, trackB, EmptyTrack);

        Overdue = Build.Span("2022-01", "2022-03").With(m => { m.Title = "期限超過の工程"; m.Track = FirstTrack; m.OwnerDepartment = promotion; m.Order = 1; });
        LateStart = Build.Span("2022-02", "2022-12").With(m =>
        {
            m.Title = "着手遅れの工程"; m.Track = FirstTrack; m.OwnerDepartment = CitizensDepartment; m.Order = 2;
            m.RelatedDepartments = [Promotion];
        });
        Done = Build.Span("2021-10", "2022-03", MilestoneStatus.Done, 100).With(m =>
        {
            m.Title = "完了した工程"; m.Track = FirstTrack; m.OwnerDepartment = promotion; m.Order = 3;
            m.ActualStart = Build.Day("2021-10-01"); m.ActualEnd = Build.Day("2022-03-20");
        });
        OnTrack = Build.Span("2022-04", "2023-03", MilestoneStatus.InProgress, 10).With(m =>
        {
            m.Title = "順調な工程"; m.Track = trackB; m.OwnerDepartment = CitizensDepartment; m.Order = 1;
            m.ActualStart = Build.Day("2022-03-25"); m.UpdatedAt = At("2022-03-25");
        });
        External = Build.Point("2022-06").With(m =>
        {
            m.Title = "国の動き"; m.Track = trackB; m.OwnerDepartment = promotion; m.Order = 2; m.ExternalActor = "総務省";
        });
        AtRisk = Build.Span("2021-10", "2022-04", MilestoneStatus.InProgress, 10).With(m =>
        {
            m.Title = "要注意の工程"; m.Track = trackB; m.OwnerDepartment = promotion; m.Order = 3;
            m.ActualStart = Build.Day("2021-10-01"); m.UpdatedAt = At("2022-03-20");
        });
        db.Milestones.AddRange(Overdue, LateStart, Done, OnTrack, External, AtRisk);
        db.Procedures.Add(new OnlineProcedure { Title = "転入届", Department = CitizensDepartment, Category = "転入転出", Order = 1 });
        db.AutomationCases.Add(new AutomationCase { Business = "住民票の照合", Department = CitizensDepartment, Tool = "RPA" });
        await db.SaveChangesAsync();
    }

    public static DateTimeOffset At(string isoDay) =>
        new(Build.Day(isoDay).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9));

    public async Task ChangeAsync(int milestoneId, Action<Milestone> change)
    {
        await using var db = Database.CreateDbContext();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == milestoneId);
        change(milestone);
        await db.SaveChangesAsync();
    }

    public async Task<List<ProgressUpdate>> HistoryAsync(int milestoneId)
    {
        await using var db = Database.CreateDbContext();
        return await db.ProgressUpdates.Where(u => u.MilestoneId == milestoneId).OrderBy(u => u.Id).ToListAsync();
    }

    public async Task<Milestone> ReloadAsync(int milestoneId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == milestoneId);
    }

    /// <summary>The app's progress services on this database, as the app registers them.</summary>
    public void AddServices(IServiceCollection services, TimeProvider time)
    {
        services.AddLogging();
        services.AddSingleton<IDbContextFactory<RoadmapDbContext>>(Database);
        services.AddSingleton(time);
        services.AddSingleton<AppClock>();
        services.AddSingleton<RoadmapReader>();
        services.AddSingleton<ProgressQueries>();
        services.AddSingleton<MilestoneEditing>();
        services.AddSingleton<PlanMaintenance>();
        services.AddSingleton<InquiryRounds>();
        services.AddSingleton<DepartmentEntries>();
        services.AddSingleton<DepartmentTasks>();
        services.AddSingleton<FindingService>();
        services.AddScoped<RoadmapChanges>();
        services.AddScoped<ICurrentUser>(_ => TestUser.Editor());
    }

    public ProgressQueries Queries() => new(new RoadmapReader(Database), Options.Create(DelayThresholds.Default));

    public MilestoneEditing Editing(string today) =>
        new(Database, new AppClock(FixedTime.On(today)), Options.Create(DelayThresholds.Default), NullLogger<MilestoneEditing>.Instance);

    public PlanMaintenance Maintenance(string today = "2022-04-01") =>
        new(Database, new AppClock(FixedTime.On(today)), NullLogger<PlanMaintenance>.Instance);

    public void Dispose() => Database.Dispose();
}
