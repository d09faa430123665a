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
    public Task<RoadmapSnapshot> LoadAsync(CancellationToken cancellationToken = default) =>
        reader.LoadAsync(cancellationToken);

    public IReadOnlyList<AssessedMilestone> Assess(RoadmapSnapshot roadmap, DateOnly asOf) =>
        RoadmapSummary.Assess(roadmap, asOf, thresholds.Value);

    public GanttChart Layout(IReadOnlyList<AssessedMilestone> assessed, DateOnly asOf, GanttWindow window,
        GanttZoom zoom, GanttOptions options) =>
        GanttLayout.Build(assessed, asOf, window, zoom, options);
}
