using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The Gantt page's queries. The roadmap and its assessment on a day come from the shared, kept snapshots
/// (<see cref="RoadmapReader"/>, <see cref="ProgressQueries"/>), so an open chart holds no copy of its own and
/// changing the as-of date costs a stamp query; filters, zoom and collapsing only lay out again.
/// </summary>
public sealed class GanttService(RoadmapReader reader, ProgressQueries queries)
{
    /// <summary>Today's roadmap: the plan's window, the owners to filter by.</summary>
    public Task<RoadmapSnapshot> LoadAsync(CancellationToken cancellationToken = default) => reader.LoadAsync(cancellationToken);

    /// <summary>Judges the roadmap as it was recorded at the end of the as-of date (later changes undone).</summary>
    public Task<IReadOnlyList<AssessedMilestone>> AssessAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        queries.GetAssessedAsync(asOf, cancellationToken);

    public GanttChart Layout(IReadOnlyList<AssessedMilestone> assessed, DateOnly asOf, GanttWindow window,
        GanttZoom zoom, GanttOptions options) =>
        GanttLayout.Build(assessed, asOf, window, zoom, options);
}
