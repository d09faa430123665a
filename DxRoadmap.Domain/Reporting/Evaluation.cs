using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Domain.Reporting;

/// <summary>The committee's four-grade evaluation of an initiative.</summary>
public enum Evaluation
{
    /// <summary>S 計画以上.</summary>
    S = 0,
    /// <summary>A 計画どおり.</summary>
    A = 1,
    /// <summary>B やや遅れ.</summary>
    B = 2,
    /// <summary>C 遅れ.</summary>
    C = 3,
}

/// <summary>
/// The S/A/B/C rule, applied to an initiative's own items (国・県の動き and 中止 left out) on the as-of date:
/// <list type="number">
/// <item><b>C 遅れ</b>: items that are 遅延 or 着手遅れ make up <see cref="LateShareForC"/> (20%) or more of them.</item>
/// <item><b>B やや遅れ</b>: at least one item is late or 要注意, but fewer than 20% are late.</item>
/// <item><b>S 計画以上</b>: nothing is late or 要注意, and the average progress is at least
///   <see cref="AheadMargin"/> (10) points above the average expected progress.</item>
/// <item><b>A 計画どおり</b>: otherwise, including an initiative with nothing due yet.</item>
/// </list>
/// Expected progress is linear over the planned period (<see cref="DelayRules.ExpectedProgress"/>): 0 before the
/// start, 100 after the end; a 完了 item counts as 100, others at their recorded progress. Open-ended steps
/// (「から順次」) have no expected end and are left out of the progress comparison.
/// </summary>
public static class EvaluationRule
{
    public const double LateShareForC = 0.2;
    public const int AheadMargin = 10;

    public static string Label(Evaluation evaluation) => evaluation switch
    {
        Evaluation.S => "S 計画以上",
        Evaluation.A => "A 計画どおり",
        Evaluation.B => "B やや遅れ",
        Evaluation.C => "C 遅れ",
        _ => throw new ArgumentOutOfRangeException(nameof(evaluation), evaluation, null),
    };

    public static Evaluation Evaluate(IReadOnlyList<AssessedMilestone> items, DateOnly asOf, out ProgressComparison progress)
    {
        var counted = items.Where(a => !a.Milestone.IsExternal && a.Milestone.Status != MilestoneStatus.Cancelled).ToList();
        progress = Compare(counted, asOf);
        if (counted.Count == 0)
        {
            return Evaluation.A;
        }
        var late = counted.Count(a => a.Assessment.IsLate);
        if (late >= LateShareForC * counted.Count)
        {
            return Evaluation.C;
        }
        if (late > 0 || counted.Any(a => a.Assessment.Has(DelayKind.AtRisk)))
        {
            return Evaluation.B;
        }
        return progress.Measured > 0 && progress.Actual >= progress.Expected + AheadMargin ? Evaluation.S : Evaluation.A;
    }

    private static ProgressComparison Compare(IReadOnlyList<AssessedMilestone> items, DateOnly asOf)
    {
        double actual = 0, expected = 0;
        var measured = 0;
        foreach (var a in items)
        {
            var m = a.Milestone;
            var (start, end) = DelayRules.CurrentOccurrence(m, asOf);
            if (m.OpenEnded || end is not { } due)
            {
                continue;
            }
            var from = (start ?? due).FirstDay;
            expected += DelayRules.ExpectedProgress(from, due.LastDay, asOf);
            // A yearly step is done for this year only when its actual end falls in the current occurrence.
            var done = m.RecurringYearly
                ? m.ActualEnd is { } actualEnd && actualEnd >= from && actualEnd <= asOf
                : m.Status == MilestoneStatus.Done;
            actual += done ? 100 : m.Progress;
            measured++;
        }
        return measured == 0
            ? new ProgressComparison(0, 0, 0)
            : new ProgressComparison(Whole(actual / measured), Whole(expected / measured), measured);
    }

    // Halves up, as every percentage the app prints (62.5 → 63), so the grade agrees with the figures shown.
    private static int Whole(double percent) => (int)Math.Round(percent, MidpointRounding.AwayFromZero);
}

/// <summary>Average recorded progress against the average linear expectation, over the items that have an end.</summary>
public sealed record ProgressComparison(int Actual, int Expected, int Measured);
