using System.Globalization;
using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule.Gantt;

/// <summary>
/// The single source of the Gantt chart's geometry: a pure function from assessed milestones, an as-of date,
/// a window and a zoom to a <see cref="GanttGeometry"/> in abstract units (see there). The browser and the PDF
/// both draw its output and compute no geometry of their own.
/// </summary>
public static class GanttLayout
{
    /// <summary>Assesses the roadmap on <paramref name="asOf"/> and lays it out.</summary>
    public static GanttGeometry Build(RoadmapSnapshot roadmap, DelayThresholds thresholds, DateOnly asOf,
        GanttWindow window, GanttZoom zoom, GanttOptions? options = null) =>
        Build(RoadmapSummary.Assess(roadmap, asOf, thresholds), asOf, window, zoom, options);

    /// <summary>
    /// Lays out <paramref name="items"/> (as assessed on <paramref name="asOf"/>), grouped initiative → track →
    /// milestone in the order of <see cref="Initiative.Order"/>, <see cref="Track.Order"/> and the order given.
    /// </summary>
    public static GanttGeometry Build(IReadOnlyList<AssessedMilestone> items, DateOnly asOf, GanttWindow window,
        GanttZoom zoom, GanttOptions? options = null)
    {
        options ??= GanttOptions.Default;
        var builder = new Builder(window, asOf, options);
        var filter = options.Filter;

        var groups = items
            .Where(a => filter.IsEmpty || filter.Matches(a))
            .OrderBy(a => a.Initiative.Order).ThenBy(a => a.Initiative.Id)
            .ThenBy(a => a.Track.Order).ThenBy(a => a.Track.Id)
            .GroupBy(a => a.Initiative)
            .Select(g => (Initiative: g.Key, Tracks: g.GroupBy(a => a.Track).ToList()));

        foreach (var (initiative, tracks) in groups)
        {
            var all = tracks.SelectMany(t => t).ToList();
            var initiativeKey = "i" + initiative.Id.ToString(CultureInfo.InvariantCulture);
            var initiativeCollapsed = options.Collapsed.Contains(initiativeKey);
            builder.AddGroup(GanttRowKind.Initiative, initiativeKey, initiative.Code, initiative.Title,
                initiative.LeadDepartment, initiativeCollapsed, all);
            if (initiativeCollapsed)
            {
                continue;
            }
            foreach (var track in tracks)
            {
                var trackKey = "t" + track.Key.Id.ToString(CultureInfo.InvariantCulture);
                var trackCollapsed = options.Collapsed.Contains(trackKey);
                var trackItems = track.ToList();
                builder.AddGroup(GanttRowKind.Track, trackKey, track.Key.Code, track.Key.Title,
                    OwnerOfGroup(trackItems), trackCollapsed, trackItems);
                if (trackCollapsed)
                {
                    continue;
                }
                foreach (var item in trackItems)
                {
                    builder.AddMilestone(item);
                }
            }
        }

        return new GanttGeometry(window, zoom, asOf, window.Days, builder.Rows, builder.Bars, builder.Diamonds,
            builder.Ghosts, YearBands(window), Ticks(window, zoom), builder.TodayX, builder.ProgressLine);
    }

    /// <summary>The colour key of a milestone: late and caution over status, external apart from all.</summary>
    public static GanttTone ToneOf(AssessedMilestone item)
    {
        var m = item.Milestone;
        if (m.IsExternal)
        {
            return GanttTone.External;
        }
        if (m.Status == MilestoneStatus.Cancelled)
        {
            return GanttTone.Cancelled;
        }
        if (item.Assessment.IsLate)
        {
            return GanttTone.Late;
        }
        if (item.Assessment.NeedsAttention)
        {
            return GanttTone.AtRisk;
        }
        return m.Status switch
        {
            MilestoneStatus.InProgress => GanttTone.InProgress,
            MilestoneStatus.Done => GanttTone.Done,
            MilestoneStatus.OnHold => GanttTone.OnHold,
            _ => GanttTone.NotStarted,
        };
    }

    public static IReadOnlyList<GanttYearBand> YearBands(GanttWindow window)
    {
        var bands = new List<GanttYearBand>(window.LastFiscalYear - window.FirstFiscalYear + 1);
        var start = window.Start.DayNumber;
        for (var fy = window.FirstFiscalYear; fy <= window.LastFiscalYear; fy++)
        {
            bands.Add(new GanttYearBand(fy,
                JapaneseDates.FiscalYearStart(fy).DayNumber - start,
                JapaneseDates.FiscalYearStart(fy + 1).DayNumber - start,
                JapaneseDates.FiscalYearLabel(fy),
                fy.ToString(CultureInfo.InvariantCulture) + "年度"));
        }
        return bands;
    }

    public static IReadOnlyList<GanttTick> Ticks(GanttWindow window, GanttZoom zoom)
    {
        var ticks = new List<GanttTick>();
        var start = window.Start.DayNumber;
        for (var month = window.Start; month < window.EndExclusive; month = month.AddMonths(1))
        {
            var shown = zoom switch
            {
                GanttZoom.Month => true,
                GanttZoom.Quarter => (month.Month - 1) % 3 == 0,
                _ => month.Month == 4,
            };
            if (shown)
            {
                ticks.Add(new GanttTick(month.DayNumber - start, month,
                    month.Month.ToString(CultureInfo.InvariantCulture) + "月", month.Month == 4));
            }
        }
        return ticks;
    }

    private static string OwnerOfGroup(List<AssessedMilestone> items)
    {
        var owners = items.Select(a => a.Milestone.OwnerName).Where(n => n.Length > 0).Distinct().Take(2).ToList();
        return owners.Count switch
        {
            0 => "",
            1 => owners[0],
            _ => owners[0] + " ほか",
        };
    }

    /// <summary>Accumulates rows and marks; holds the window arithmetic.</summary>
    private sealed class Builder
    {
        private readonly GanttWindow _window;
        private readonly DateOnly _asOf;
        private readonly GanttOptions _options;
        private readonly int _start;
        private readonly double _width;

        public Builder(GanttWindow window, DateOnly asOf, GanttOptions options)
        {
            _window = window;
            _asOf = asOf;
            _options = options;
            _start = window.Start.DayNumber;
            _width = window.Days;
            var today = X(asOf);
            TodayX = today >= 0 && today <= _width ? today : null;
        }

        public List<GanttRow> Rows { get; } = [];
        public List<GanttBar> Bars { get; } = [];
        public List<GanttDiamond> Diamonds { get; } = [];
        public List<GanttGhost> Ghosts { get; } = [];
        public List<GanttProgressPoint> ProgressLine { get; } = [];
        public double? TodayX { get; }

        private double X(DateOnly date) => date.DayNumber - _start;

        private double XFrom(PlanDate date) => X(date.FirstDay);

        private double XTo(PlanDate date) => X(date.LastDay) + 1;

        private double Mid(PlanDate date) => (XFrom(date) + XTo(date)) / 2;

        public void AddGroup(GanttRowKind kind, string key, string code, string title, string owner, bool collapsed,
            List<AssessedMilestone> items)
        {
            var row = Rows.Count;
            var late = items.Count(a => a.Assessment.IsLate);
            var signal = late > 0 ? Signal.Red : items.Any(a => a.Assessment.NeedsAttention) ? Signal.Yellow : Signal.Blue;
            Rows.Add(new GanttRow(row, kind, kind == GanttRowKind.Initiative ? 0 : 1, key, code, title, owner, null,
                late > 0 ? GanttTone.Late : GanttTone.Summary, signal, collapsed, items.Count, late));

            double? from = null, to = null;
            foreach (var item in items)
            {
                var m = item.Milestone;
                if ((m.PlannedStart ?? m.PlannedEnd) is not { } first)
                {
                    continue;
                }
                var x0 = XFrom(first);
                var x1 = m.OpenEnded || m.RecurringYearly ? _width
                    : m.PlannedEnd is { } end ? XTo(end) : XTo(first);
                from = from is { } f ? Math.Min(f, x0) : x0;
                to = to is { } t ? Math.Max(t, x1) : x1;
            }
            if (from is { } a && to is { } b && b > 0 && a < _width)
            {
                Bars.Add(new GanttBar(row, Math.Max(a, 0), Math.Min(b, _width), 0, GanttTone.Summary, false, false,
                    late > 0, a < 0, b > _width, null, null));
            }
            OnToday(row);
        }

        public void AddMilestone(AssessedMilestone item)
        {
            var m = item.Milestone;
            var row = Rows.Count;
            var tone = ToneOf(item);
            Rows.Add(new GanttRow(row, GanttRowKind.Milestone, 2, "m" + m.Id.ToString(CultureInfo.InvariantCulture),
                m.Code, m.Title, m.OwnerName, item, tone, item.Assessment.Signal, false, 1, item.Assessment.IsLate ? 1 : 0));

            var (currentStart, currentEnd) = DelayRules.CurrentOccurrence(m, _asOf);
            var overdue = item.Assessment.Has(DelayKind.Overdue);
            var progress = m.Status == MilestoneStatus.Done ? 1.0 : Math.Clamp(m.Progress, 0, 100) / 100.0;

            if (m.RecurringYearly && (m.PlannedStart ?? m.PlannedEnd) is { } first)
            {
                var currentFirst = (currentStart ?? currentEnd)?.FirstDay;
                for (var years = 0; ; years++)
                {
                    var start = m.PlannedStart?.AddYears(years);
                    var end = m.PlannedEnd?.AddYears(years);
                    if (first.AddYears(years).FirstDay >= _window.EndExclusive)
                    {
                        break;
                    }
                    var isCurrent = (start ?? end)?.FirstDay == currentFirst;
                    AddMarks(row, m, start, end, isCurrent ? tone : GanttTone.OtherOccurrence, isCurrent ? progress : 0,
                        isCurrent && item.Assessment.IsLate, isCurrent && overdue,
                        JapaneseDates.FiscalYear(first.AddYears(years).FirstDay));
                }
            }
            else
            {
                AddMarks(row, m, m.PlannedStart, m.PlannedEnd, tone, progress, item.Assessment.IsLate, overdue, null);
            }

            if (_options.ShowBaseline && m.IsReplanned)
            {
                AddGhost(row, m);
            }
            AddProgressPoint(row, m, currentStart, currentEnd, progress);
        }

        private void AddMarks(int row, Milestone m, PlanDate? start, PlanDate? end, GanttTone tone, double progress,
            bool late, bool overdue, int? occurrence)
        {
            if (m.Kind == MilestoneKind.Point)
            {
                if ((end ?? start) is not { } date)
                {
                    return;
                }
                var x = Mid(date);
                if (x < 0 || x > _width)
                {
                    return;
                }
                Diamonds.Add(new GanttDiamond(row, x, tone, m.IsExternal, late, m.Deadline,
                    overdue ? OverdueTo(XTo(date)) : null, occurrence));
                return;
            }

            if ((start ?? end) is not { } from)
            {
                return;
            }
            var x0 = XFrom(from);
            var x1 = m.OpenEnded || end is not { } to ? _width : XTo(to);
            if (x1 <= 0 || x0 >= _width || x1 <= x0)
            {
                return;
            }
            Bars.Add(new GanttBar(row, Math.Max(x0, 0), Math.Min(x1, _width), progress, tone, m.OpenEnded, m.IsExternal,
                late, x0 < 0, !m.OpenEnded && x1 > _width, overdue ? OverdueTo(x1) : null, occurrence));
        }

        private double? OverdueTo(double due) =>
            TodayX is { } today && today > due ? today : null;

        private void AddGhost(int row, Milestone m)
        {
            if ((m.BaselineStart ?? m.BaselineEnd) is not { } from)
            {
                return;
            }
            if (m.Kind == MilestoneKind.Point)
            {
                var x = Mid(m.BaselineEnd ?? from);
                if (x >= 0 && x <= _width)
                {
                    Ghosts.Add(new GanttGhost(row, x, x, true));
                }
                return;
            }
            var x0 = XFrom(from);
            var x1 = m.BaselineEnd is { } end ? XTo(end) : _width;
            if (x1 > 0 && x0 < _width && x1 > x0)
            {
                Ghosts.Add(new GanttGhost(row, Math.Max(x0, 0), Math.Min(x1, _width), false));
            }
        }

        private void OnToday(int row)
        {
            if (TodayX is { } today)
            {
                ProgressLine.Add(new GanttProgressPoint(row, today, false));
            }
        }

        /// <summary>
        /// The イナズマ線 point: where the row's actual progress sits along its planned period (the occurrence in
        /// force for a yearly step). On schedule it meets the today line; behind, it lies left; ahead, right.
        /// </summary>
        private void AddProgressPoint(int row, Milestone m, PlanDate? start, PlanDate? end, double progress)
        {
            if (TodayX is not { } today)
            {
                return;
            }
            var from = start ?? end;
            var to = m.Kind == MilestoneKind.Point ? end ?? start : end;
            if (m.IsExternal || m.Status == MilestoneStatus.Cancelled || m.OpenEnded || from is null || to is null)
            {
                OnToday(row);
                return;
            }
            var x0 = XFrom(from.Value);
            var x1 = XTo(to.Value);
            double x;
            if (m.Status == MilestoneStatus.Done)
            {
                // A finished item is not behind. It is not drawn as ahead either: its status is today's, so on a
                // past as-of date the line would leap to the end of every bar finished since.
                x = today;
            }
            else if (m.Status == MilestoneStatus.NotStarted && _asOf < from.Value.FirstDay)
            {
                OnToday(row);
                return;
            }
            else
            {
                x = x0 + progress * (x1 - x0);
            }
            ProgressLine.Add(new GanttProgressPoint(row, Math.Clamp(x, 0, _width), true));
        }
    }
}
