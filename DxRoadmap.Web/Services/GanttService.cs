using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The Gantt page's queries. The roadmap and its assessment on a day come from the shared, kept snapshots
/// (<see cref="RoadmapReader"/>, <see cref="ProgressQueries"/>), so an open chart holds no copy of its own and
/// changing the as-of date costs a stamp query. Layouts are kept too, per assessment and view (window, zoom,
/// filters, folded groups): most people open the same default chart, and they then share one layout and one
/// drawing of it instead of each laying out and holding their own.
/// </summary>
public sealed class GanttService(RoadmapReader reader, ProgressQueries queries)
{
    // Views kept per assessment; a handful of zooms and filters is what a day's visitors ask for.
    private const int ViewsKept = 32;

    // Keyed weakly by the assessment: when a save replaces it, its layouts go with it.
    private readonly ConditionalWeakTable<IReadOnlyList<AssessedMilestone>, ConcurrentDictionary<string, GanttView>> _views = new();

    /// <summary>Today's roadmap: the plan's window, the owners to filter by.</summary>
    public Task<RoadmapSnapshot> LoadAsync(CancellationToken cancellationToken = default) => reader.LoadAsync(cancellationToken);

    /// <summary>Judges the roadmap as it was recorded at the end of the as-of date (later changes undone).</summary>
    public Task<IReadOnlyList<AssessedMilestone>> AssessAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        queries.GetAssessedAsync(asOf, cancellationToken);

    /// <summary>
    /// The chart of <paramref name="assessed"/> for a view, with the counts the page shows. Shared between
    /// callers: the result must not be changed.
    /// </summary>
    public GanttView Layout(IReadOnlyList<AssessedMilestone> assessed, DateOnly asOf, GanttWindow window,
        GanttZoom zoom, GanttOptions options)
    {
        var views = _views.GetValue(assessed, _ => new ConcurrentDictionary<string, GanttView>(StringComparer.Ordinal));
        var key = Key(asOf, window, zoom, options);
        if (views.TryGetValue(key, out var kept))
        {
            return kept;
        }
        var shown = assessed.Where(options.Filter.Matches).ToList();
        var view = new GanttView(
            GanttLayout.Build(assessed, asOf, window, zoom, options),
            shown.Count,
            shown.Count(a => a.Assessment.IsLate),
            shown.Count(a => a.Assessment.NeedsAttention && !a.Assessment.IsLate));
        return views.Keep(key, view, ViewsKept);
    }

    // Every input of the layout besides the assessment, in a canonical order (sets sorted).
    private static string Key(DateOnly asOf, GanttWindow window, GanttZoom zoom, GanttOptions options)
    {
        var filter = options.Filter;
        return string.Join('|',
            asOf.DayNumber.ToString(CultureInfo.InvariantCulture),
            window.FirstFiscalYear.ToString(CultureInfo.InvariantCulture),
            window.LastFiscalYear.ToString(CultureInfo.InvariantCulture),
            zoom.ToString(),
            options.ShowBaseline ? "b" : "-",
            filter.LateOnly ? "l" : "-",
            string.Join(',', options.Collapsed.Order(StringComparer.Ordinal)),
            string.Join(',', filter.InitiativeIds.Order()),
            string.Join(',', filter.DepartmentIds.Order()),
            string.Join(',', filter.Statuses.Order()));
    }
}

/// <summary>A laid-out chart and what the page says about it: how many steps the filter shows, and of those how
/// many are late (遅延・着手遅れ) and how many need attention (要注意・更新なし).</summary>
public sealed record GanttView(GanttGeometry Chart, int Shown, int Late, int Attention);
