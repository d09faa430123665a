using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule;

/// <summary>Thresholds of the delay rules; bound from configuration section "DelayRules".</summary>
public sealed record DelayThresholds
{
    /// <summary>An item ending within this many days is checked for being behind its linear expectation.</summary>
    public int AtRiskDays { get; init; } = 30;
    /// <summary>How many percentage points behind the linear expectation count as at risk.</summary>
    public int AtRiskMarginPercent { get; init; } = 20;
    /// <summary>An item in progress with no update for more than this many days is stale.</summary>
    public int StaleDays { get; init; } = 60;

    public static DelayThresholds Default { get; } = new();
}

/// <summary>Derived, never stored: 遅延, 着手遅れ, 要注意, 更新なし.</summary>
public enum DelayKind
{
    Overdue = 0,
    LateStart = 1,
    AtRisk = 2,
    Stale = 3,
}

public enum Signal
{
    /// <summary>青: on track.</summary>
    Blue = 0,
    /// <summary>黄: caution.</summary>
    Yellow = 1,
    /// <summary>赤: late.</summary>
    Red = 2,
}

/// <summary>One rule that flagged an item, and by how much (days past, days to go or days without update).</summary>
public sealed record DelayFlag(DelayKind Kind, int Days)
{
    public string Label => Kind.Label();

    /// <summary>「期限超過 3か月」「着手遅れ 12日」「要注意 残り20日」「更新なし 75日」.</summary>
    public string Description => Kind switch
    {
        DelayKind.Overdue => $"期限超過 {DelayText.Span(Days)}",
        DelayKind.LateStart => $"着手遅れ {DelayText.Span(Days)}",
        DelayKind.AtRisk => $"要注意 残り{Days}日",
        DelayKind.Stale => $"更新なし {Days}日",
        _ => Label,
    };
}

public static class DelayText
{
    public static string Label(this DelayKind kind) => kind switch
    {
        DelayKind.Overdue => "遅延",
        DelayKind.LateStart => "着手遅れ",
        DelayKind.AtRisk => "要注意",
        DelayKind.Stale => "更新なし",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Label(this Signal signal) => signal switch
    {
        Signal.Blue => "青",
        Signal.Yellow => "黄",
        Signal.Red => "赤",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, null),
    };

    /// <summary>Whole months when a month or more has passed (「3か月」), days otherwise (「12日」).</summary>
    public static string Span(int days) => days >= 31 ? $"{days / 30}か月" : $"{days}日";
}

/// <summary>What the rules say about one milestone on one as-of date.</summary>
public sealed record DelayAssessment(IReadOnlyList<DelayFlag> Flags, int? ExpectedProgress)
{
    public static DelayAssessment None { get; } = new([], null);

    public bool Has(DelayKind kind) => Flags.Any(f => f.Kind == kind);

    /// <summary>遅延 or 着手遅れ.</summary>
    public bool IsLate => Has(DelayKind.Overdue) || Has(DelayKind.LateStart);

    public bool NeedsAttention => Flags.Count > 0;

    public Signal Signal => IsLate ? Signal.Red : Flags.Count > 0 ? Signal.Yellow : Signal.Blue;

    public DelayFlag? Worst => Flags.OrderBy(f => f.Kind).FirstOrDefault();
}

/// <summary>
/// The delay rules: pure functions of a milestone and an as-of date.
/// <list type="bullet">
/// <item>A planned date covers its whole period: 「令和4年3月」 ends on 2022-03-31 and is late from 2022-04-01.</item>
/// <item>遅延 (overdue): the planned end has passed and the item is not 完了 or 中止.</item>
/// <item>着手遅れ (late start): a span whose planned start period has passed while it is still 未着手
///   (not reported in addition to 遅延).</item>
/// <item>要注意 (at risk): the end falls within <see cref="DelayThresholds.AtRiskDays"/> and progress is below the
///   linear expectation by more than <see cref="DelayThresholds.AtRiskMarginPercent"/> points.</item>
/// <item>更新なし (stale): 進行中 with no update for more than <see cref="DelayThresholds.StaleDays"/> days.</item>
/// <item>External events (国・県) are never flagged; open-ended spans are never overdue or at risk, but can be stale.</item>
/// <item>A yearly recurring step is judged by its latest occurrence that has begun by the as-of date; it is done for
///   that occurrence only when its actual end falls on or after the occurrence's start.</item>
/// </list>
/// </summary>
public static class DelayRules
{
    public static DelayAssessment Assess(Milestone milestone, DateOnly asOf) =>
        Assess(milestone, asOf, DelayThresholds.Default);

    public static DelayAssessment Assess(Milestone milestone, DateOnly asOf, DelayThresholds thresholds)
    {
        if (milestone.IsExternal || milestone.Status == MilestoneStatus.Cancelled)
        {
            return DelayAssessment.None;
        }

        var (start, end) = CurrentOccurrence(milestone, asOf);
        var done = milestone.RecurringYearly
            ? milestone.ActualEnd is { } actualEnd && (start ?? end) is { } occ && actualEnd >= occ.FirstDay && actualEnd <= asOf
            : milestone.Status == MilestoneStatus.Done;
        if (done)
        {
            return DelayAssessment.None;
        }

        var flags = new List<DelayFlag>(2);
        int? expected = null;
        var notStarted = milestone.Status == MilestoneStatus.NotStarted;

        if (!milestone.OpenEnded && end is { } due)
        {
            var lastDay = due.LastDay;
            if (asOf > lastDay)
            {
                flags.Add(new DelayFlag(DelayKind.Overdue, asOf.DayNumber - lastDay.DayNumber));
            }
            else if (start is { } begin)
            {
                expected = ExpectedProgress(begin.FirstDay, lastDay, asOf);
                var daysLeft = lastDay.DayNumber - asOf.DayNumber;
                if (daysLeft <= thresholds.AtRiskDays && milestone.Progress < expected - thresholds.AtRiskMarginPercent)
                {
                    flags.Add(new DelayFlag(DelayKind.AtRisk, daysLeft));
                }
            }
        }

        if (notStarted && milestone.Kind == MilestoneKind.Span && start is { } plannedStart
            && asOf > plannedStart.LastDay && !flags.Any(f => f.Kind == DelayKind.Overdue))
        {
            flags.Add(new DelayFlag(DelayKind.LateStart, asOf.DayNumber - plannedStart.LastDay.DayNumber));
        }

        if (milestone.Status == MilestoneStatus.InProgress && LastTouched(milestone) is { } touched)
        {
            var idle = asOf.DayNumber - touched.DayNumber;
            if (idle > thresholds.StaleDays)
            {
                flags.Add(new DelayFlag(DelayKind.Stale, idle));
            }
        }

        return new DelayAssessment(flags, expected);
    }

    /// <summary>
    /// The planned dates that apply on the as-of date. For a yearly recurring step this is the latest
    /// yearly repetition that has started by then (or the first one, before it starts).
    /// </summary>
    public static (PlanDate? Start, PlanDate? End) CurrentOccurrence(Milestone milestone, DateOnly asOf)
    {
        var start = milestone.PlannedStart ?? milestone.PlannedEnd;
        if (!milestone.RecurringYearly || start is not { } first || asOf < first.FirstDay)
        {
            return (milestone.PlannedStart, milestone.PlannedEnd);
        }
        var years = asOf.Year - first.FirstDay.Year;
        if (first.AddYears(years).FirstDay > asOf)
        {
            years--;
        }
        return (milestone.PlannedStart?.AddYears(years), milestone.PlannedEnd?.AddYears(years));
    }

    /// <summary>The share of the planned period that has passed, as a whole percentage 0–100.</summary>
    public static int ExpectedProgress(DateOnly start, DateOnly lastDay, DateOnly asOf)
    {
        if (asOf < start)
        {
            return 0;
        }
        if (asOf > lastDay)
        {
            return 100;
        }
        var total = lastDay.DayNumber - start.DayNumber + 1;
        var elapsed = asOf.DayNumber - start.DayNumber;
        return (int)Math.Round(100.0 * elapsed / total, MidpointRounding.AwayFromZero);
    }

    // The day of an update is the day in Japan, whatever offset the moment was stored with.
    private static DateOnly? LastTouched(Milestone milestone) =>
        milestone.UpdatedAt is { } updated ? JapaneseDates.DayInJapan(updated)
        : milestone.ActualStart ?? milestone.PlannedStart?.FirstDay;
}
