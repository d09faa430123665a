using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Support;

/// <summary>The seeded plan with sample progress and its history, loaded once for the report tests.</summary>
public static class Reports
{
    private static readonly Lazy<Task<(RoadmapSnapshot Roadmap, List<ProgressUpdate> History)>> Sample = new(LoadAsync);

    public static async Task<(RoadmapSnapshot Roadmap, List<ProgressUpdate> History)> SampleAsync() => await Sample.Value;

    public static async Task<CommitteeReport> BuildAsync(string asOf, ReportScope? scope = null, string? since = null)
    {
        var (roadmap, history) = await SampleAsync();
        return ReportBuilder.Build(roadmap, history, new ReportRequest(Build.Day(asOf), scope ?? ReportScope.All,
            since is null ? null : Build.Day(since), DelayThresholds.Default));
    }

    private static async Task<(RoadmapSnapshot, List<ProgressUpdate>)> LoadAsync()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var roadmap = await new RoadmapReader(database).LoadAsync();
        await using var db = database.CreateDbContext();
        var history = (await db.ProgressUpdates.AsNoTracking().ToListAsync()).OrderBy(u => u.UpdatedAt).ToList();
        return (roadmap, history);
    }
}
