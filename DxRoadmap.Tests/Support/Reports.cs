using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;

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

    /// <summary>The report written by <see cref="ExcelReportWriter"/> and reopened with ClosedXML.</summary>
    public static XLWorkbook Workbook(CommitteeReport report)
    {
        var stream = new MemoryStream();
        ExcelReportWriter.Write(report, stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    private static async Task<(RoadmapSnapshot, List<ProgressUpdate>)> LoadAsync()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var reader = new RoadmapReader(database);
        return (await reader.LoadAsync(), await reader.LoadHistoryAsync());
    }
}
