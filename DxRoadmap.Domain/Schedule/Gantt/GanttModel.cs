using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule.Gantt;

/// <summary>How finely the time axis is labelled.</summary>
public enum GanttZoom
{
    /// <summary>月: a tick for every month.</summary>
    Month = 0,
    /// <summary>四半期: ticks at the quarter starts (4月, 7月, 10月, 1月).</summary>
    Quarter = 1,
    /// <summary>年度: a tick at each April only.</summary>
    FiscalYear = 2,
}

/// <summary>
/// A semantic colour key. The browser and the PDF map these to their own colours; the layout never names one.
/// </summary>
public enum GanttTone
{
    NotStarted = 0,
    InProgress = 1,
    Done = 2,
    OnHold = 3,
    Cancelled = 4,
    /// <summary>要注意 or 更新なし (黄).</summary>
    AtRisk = 5,
    /// <summary>遅延 or 着手遅れ (赤).</summary>
    Late = 6,
    /// <summary>国・県の動き: shown, never judged.</summary>
    External = 7,
    /// <summary>A yearly occurrence other than the one in force on the as-of date.</summary>
    OtherOccurrence = 8,
    /// <summary>The span of a group's items, drawn on the group row.</summary>
    Summary = 9,
}

public enum GanttRowKind
{
    Initiative = 0,
    Track = 1,
    Milestone = 2,
}

/// <summary>
/// The time window of the chart, in whole fiscal years: from 1 April of <see cref="FirstFiscalYear"/> to
/// 31 March after <see cref="LastFiscalYear"/>.
/// </summary>
public sealed record GanttWindow(int FirstFiscalYear, int LastFiscalYear)
{
    public DateOnly Start => JapaneseDates.FiscalYearStart(FirstFiscalYear);

    /// <summary>The first day after the window (1 April after the last fiscal year).</summary>
    public DateOnly EndExclusive => JapaneseDates.FiscalYearStart(LastFiscalYear + 1);

    public int Days => EndExclusive.DayNumber - Start.DayNumber;

    /// <summary>
    /// The plan's whole period: from the fiscal year of the earliest planned date to that of the latest
    /// (baselines included, so a ghost bar is never cut off). The current fiscal year when there is nothing.
    /// </summary>
    public static GanttWindow ForPlan(IEnumerable<Milestone> milestones, DateOnly fallback)
    {
        int? first = null, last = null;
        foreach (var m in milestones)
        {
            foreach (var date in new[] { m.PlannedStart, m.PlannedEnd, m.BaselineStart, m.BaselineEnd })
            {
                if (date is not { } d)
                {
                    continue;
                }
                var fy = JapaneseDates.FiscalYear(d.FirstDay);
                first = first is { } f ? Math.Min(f, fy) : fy;
                last = last is { } l ? Math.Max(l, fy) : fy;
            }
        }
        var current = JapaneseDates.FiscalYear(fallback);
        return new GanttWindow(first ?? current, last ?? current);
    }
}

/// <summary>What to show: filters, collapsed groups, baselines.</summary>
public sealed record GanttOptions
{
    /// <summary>Keys (<see cref="GanttRow.Key"/>) of the group rows whose children are hidden.</summary>
    public IReadOnlySet<string> Collapsed { get; init; } = new HashSet<string>();

    public GanttFilter Filter { get; init; } = GanttFilter.None;

    /// <summary>Draw the plan as first issued under items whose planned dates were changed.</summary>
    public bool ShowBaseline { get; init; } = true;

    public static GanttOptions Default { get; } = new();
}

/// <summary>Which milestones to show. Empty sets mean "all".</summary>
public sealed record GanttFilter
{
    public IReadOnlySet<int> InitiativeIds { get; init; } = new HashSet<int>();
    public IReadOnlySet<int> DepartmentIds { get; init; } = new HashSet<int>();
    public IReadOnlySet<MilestoneStatus> Statuses { get; init; } = new HashSet<MilestoneStatus>();
    /// <summary>Only 遅延 and 着手遅れ.</summary>
    public bool LateOnly { get; init; }

    public static GanttFilter None { get; } = new();

    public bool IsEmpty => InitiativeIds.Count == 0 && DepartmentIds.Count == 0 && Statuses.Count == 0 && !LateOnly;

    public bool Matches(AssessedMilestone item) =>
        (InitiativeIds.Count == 0 || InitiativeIds.Contains(item.Initiative.Id))
        && (DepartmentIds.Count == 0 || DepartmentIds.Contains(item.Milestone.OwnerDepartmentId))
        && (Statuses.Count == 0 || Statuses.Contains(item.Milestone.Status))
        && (!LateOnly || item.Assessment.IsLate);
}

/// <summary>
/// One line of the chart. Group rows (initiative, track) carry a key for collapsing and counts of what they
/// hold; milestone rows carry the item and what the rules say about it.
/// </summary>
/// <param name="Index">Row number from the top, 0-based: the row spans y = Index … Index + 1.</param>
/// <param name="Depth">0 initiative, 1 track, 2 milestone: the indent of the title.</param>
/// <param name="Key">Stable key: "i{id}" for an initiative, "t{id}" for a track, "m{id}" for a milestone.</param>
/// <param name="Code">Initiative code (5.2), track or milestone code.</param>
/// <param name="Owner">主管課 (for an initiative, its lead department).</param>
/// <param name="Item">The milestone and its assessment, for milestone rows.</param>
/// <param name="Tone">The colour key of the row's own marks.</param>
/// <param name="Collapsed">A group row whose children are hidden.</param>
/// <param name="Count">Milestones under a group (after filtering); 1 for a milestone row.</param>
/// <param name="LateCount">Of those, how many are late (遅延 or 着手遅れ).</param>
public sealed record GanttRow(
    int Index,
    GanttRowKind Kind,
    int Depth,
    string Key,
    string Code,
    string Title,
    string Owner,
    AssessedMilestone? Item,
    GanttTone Tone,
    Signal Signal,
    bool Collapsed,
    int Count,
    int LateCount)
{
    public bool IsGroup => Kind != GanttRowKind.Milestone;

    public int? MilestoneId => Item?.Milestone.Id;

    public MilestoneStatus? Status => Item?.Milestone.Status;

    /// <summary>The most serious derived state (遅延, 着手遅れ, 要注意, 更新なし), if any.</summary>
    public DelayKind? Delay => Item?.Assessment.Worst?.Kind;

    public bool IsLate => Item?.Assessment.IsLate ?? false;
}

/// <summary>
/// A bar on a row from <see cref="X0"/> to <see cref="X1"/> (day units), already clipped to the window.
/// </summary>
/// <param name="Progress">0–1: the share of the bar to fill.</param>
/// <param name="FadesOut">An open-ended span (「から順次」): draw it fading towards <see cref="X1"/>, the window's end.</param>
/// <param name="ContinuesBefore">The planned start lies before the window.</param>
/// <param name="ContinuesAfter">The planned end lies after the window.</param>
/// <param name="OverdueTo">For a late item, the x it should have ended by and has not: the today line. The
///   stretch from <see cref="X1"/> to here is the delay.</param>
/// <param name="Occurrence">For a yearly recurring step, the fiscal year of this occurrence.</param>
public sealed record GanttBar(
    int Row,
    double X0,
    double X1,
    double Progress,
    GanttTone Tone,
    bool FadesOut,
    bool External,
    bool Late,
    bool ContinuesBefore,
    bool ContinuesAfter,
    double? OverdueTo,
    int? Occurrence);

/// <summary>A ◆ at <see cref="X"/>, the middle of its month (or day).</summary>
/// <param name="Deadline">「までに」: due by this date.</param>
public sealed record GanttDiamond(
    int Row,
    double X,
    GanttTone Tone,
    bool External,
    bool Late,
    bool Deadline,
    double? OverdueTo,
    int? Occurrence);

/// <summary>The plan as first issued, drawn faintly under an item whose planned dates changed.</summary>
/// <param name="IsPoint">Draw as an outlined ◆ at <see cref="X0"/> rather than a bar.</param>
public sealed record GanttGhost(int Row, double X0, double X1, bool IsPoint);

/// <summary>A fiscal year: 令和4年度 from x0 (1 April) to x1 (the next 1 April).</summary>
public sealed record GanttYearBand(int FiscalYear, double X0, double X1, string Label, string WesternLabel);

/// <summary>A tick at the first of a month. <see cref="FiscalYearStart"/> for April (draw it stronger).</summary>
public sealed record GanttTick(double X, DateOnly Month, string Label, bool FiscalYearStart);

/// <summary>
/// A point of the イナズマ線 at the middle of a row (y = Row + 0.5). <see cref="Measured"/> is false for rows that
/// say nothing about progress (groups, external events, 中止, steps not yet due to begin): they sit on the today line.
/// </summary>
public sealed record GanttProgressPoint(int Row, double X, bool Measured);

/// <summary>
/// The whole chart in abstract units, drawn as it is by the browser (SVG) and the PDF report.
/// <para><b>Horizontal unit: one day.</b> x = 0 is 1 April of the window's first fiscal year and
/// x = <see cref="Width"/> is 1 April after its last; a date d occupies [d − start, d − start + 1). A month-precision
/// date covers its whole month, so 「令和4年3月」 spans from the x of 2022-03-01 to that of 2022-04-01. To draw,
/// multiply by a scale of the renderer's choosing (<see cref="GanttScale.DayWidth"/> suggests one per zoom).</para>
/// <para><b>Vertical unit: one row.</b> Row i spans y = i … i + 1; marks are centred on y = i + 0.5. The renderer
/// chooses the row height and how tall bars and diamonds are within it.</para>
/// </summary>
public sealed record GanttGeometry(
    GanttWindow Window,
    GanttZoom Zoom,
    DateOnly AsOf,
    double Width,
    IReadOnlyList<GanttRow> Rows,
    IReadOnlyList<GanttBar> Bars,
    IReadOnlyList<GanttDiamond> Diamonds,
    IReadOnlyList<GanttGhost> Ghosts,
    IReadOnlyList<GanttYearBand> YearBands,
    IReadOnlyList<GanttTick> Ticks,
    double? TodayX,
    IReadOnlyList<GanttProgressPoint> ProgressLine)
{
    public int RowCount => Rows.Count;

    /// <summary>The x of a day's start; days outside the window give x outside 0…Width.</summary>
    public double X(DateOnly date) => date.DayNumber - Window.Start.DayNumber;
}

/// <summary>Suggested horizontal scales, in CSS pixels (or PDF points) per day, so each zoom reads well.</summary>
public static class GanttScale
{
    public static double DayWidth(GanttZoom zoom) => zoom switch
    {
        GanttZoom.Month => 3.6,
        GanttZoom.Quarter => 1.5,
        _ => 0.6,
    };
}

public static class GanttText
{
    /// <summary>The legend's name for a colour key.</summary>
    public static string Label(this GanttTone tone) => tone switch
    {
        GanttTone.NotStarted => "未着手",
        GanttTone.InProgress => "進行中",
        GanttTone.Done => "完了",
        GanttTone.OnHold => "保留",
        GanttTone.Cancelled => "中止",
        GanttTone.AtRisk => "要注意・更新なし",
        GanttTone.Late => "遅延・着手遅れ",
        GanttTone.External => "国・県の動き",
        GanttTone.OtherOccurrence => "他年度の回 (年次)",
        GanttTone.Summary => "取組の期間",
        _ => throw new ArgumentOutOfRangeException(nameof(tone), tone, null),
    };

    public static string Label(this GanttZoom zoom) => zoom switch
    {
        GanttZoom.Month => "月",
        GanttZoom.Quarter => "四半期",
        GanttZoom.FiscalYear => "年度",
        _ => throw new ArgumentOutOfRangeException(nameof(zoom), zoom, null),
    };

    /// <summary>
    /// The tooltip of a milestone row: title, 主管課, planned (and actual) dates in 和暦 with 西暦, status, progress
    /// and any delay, one per line.
    /// </summary>
    public static string Tooltip(GanttRow row)
    {
        if (row.Item is not { } item)
        {
            var late = row.LateCount > 0 ? $" (遅延 {row.LateCount}件)" : "";
            return $"{row.Code} {row.Title}\n{row.Count}工程{late}";
        }
        var m = item.Milestone;
        var lines = new List<string>(7)
        {
            $"{m.Title}",
            $"主管課: {m.OwnerName}",
            $"計画: {PlannedWithWestern(m)}",
        };
        if (m.IsReplanned && (m.BaselineStart ?? m.BaselineEnd) is not null)
        {
            lines.Add("当初計画: " + JapaneseDates.Period(m.BaselineStart, m.BaselineEnd, m.Kind, m.OpenEnded, m.Deadline));
        }
        if (m.ActualStart is not null || m.ActualEnd is not null)
        {
            var from = m.ActualStart is { } a ? $"{JapaneseDates.Day(a)} ({JapaneseDates.WesternDay(a)})" : "";
            var to = m.ActualEnd is { } e ? $"{JapaneseDates.Day(e)} ({JapaneseDates.WesternDay(e)})" : "";
            lines.Add($"実績: {from}～{to}");
        }
        if (m.IsExternal)
        {
            lines.Add($"{m.ExternalActor}の動き (遅延判定の対象外)");
        }
        else
        {
            lines.Add($"状態: {m.Status.Label()}  進捗: {m.Progress}%");
        }
        if (m.RecurringYearly)
        {
            lines.Add("年次で繰り返し");
        }
        foreach (var flag in item.Assessment.Flags)
        {
            lines.Add("⚠ " + flag.Description);
        }
        return string.Join('\n', lines);
    }

    /// <summary>令和4年4月 (2022/04) ～ 令和5年3月 (2023/03), or one date for a ◆.</summary>
    public static string PlannedWithWestern(Milestone m)
    {
        if (m.Kind == MilestoneKind.Point && (m.PlannedEnd ?? m.PlannedStart) is { } point)
        {
            return JapaneseDates.FormatWithWestern(point) + (m.Deadline ? " まで" : "");
        }
        var from = m.PlannedStart is { } s ? JapaneseDates.FormatWithWestern(s) : "";
        var to = m.OpenEnded ? "順次" : m.PlannedEnd is { } e ? JapaneseDates.FormatWithWestern(e) : "";
        return $"{from} ～ {to}";
    }
}
