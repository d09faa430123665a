using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The Gantt page's queries. The roadmap is loaded once and kept by the page: changing the as-of date only
/// re-assesses, and filters, zoom and collapsing only lay out again, so the chart answers without a database trip.
/// </summary>
public sealed class GanttService(RoadmapReader reader, IOptions<DelayThresholds> thresholds)
{
    public async Task<GanttSource> LoadAsync(CancellationToken cancellationToken = default) =>
        new(await reader.LoadAsync(cancellationToken), await reader.LoadHistoryAsync(cancellationToken));

    /// <summary>Judges the roadmap as it was recorded at the end of the as-of date (later changes undone).</summary>
    public IReadOnlyList<AssessedMilestone> Assess(GanttSource source, DateOnly asOf) =>
        RoadmapSummary.Assess(RoadmapHistory.AsOf(source.Current, source.History, RoadmapHistory.EndOfDay(asOf)),
            asOf, thresholds.Value);

    public GanttChart Layout(IReadOnlyList<AssessedMilestone> assessed, DateOnly asOf, GanttWindow window,
        GanttZoom zoom, GanttOptions options) =>
        GanttLayout.Build(assessed, asOf, window, zoom, options);
}

/// <summary>Today's roadmap and its history, loaded once per page.</summary>
public sealed record GanttSource(RoadmapSnapshot Current, IReadOnlyList<ProgressUpdate> History);
