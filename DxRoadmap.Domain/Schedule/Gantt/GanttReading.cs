using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule.Gantt;

/// <summary>
/// A milestone row read out in words: what a sighted reader takes from its bar (where it sits, how far it is filled,
/// its colour and its warning marks). Screen readers hear it on the row; the chart's table view shows it in columns.
/// </summary>
/// <param name="Planned">令和4年4月 (2022/04) ～ 令和5年3月 (2023/03), with the plan as first issued when it changed.</param>
/// <param name="Actual">実績 dates, or 「なし」.</param>
/// <param name="Status">状態 and 進捗率, or whose event it is for 国・県の動き.</param>
/// <param name="Judgement">遅延・着手遅れ・要注意・更新なし with their extent, 「予定どおり」, or 「判定の対象外」.</param>
public sealed record GanttRowReading(string Planned, string Actual, string Status, string Judgement)
{
    /// <summary>One sentence for a screen reader: 「計画 …。実績 …。状態 …。判定 …。」</summary>
    public string Sentence => $"計画 {Planned}。実績 {Actual}。状態 {Status}。判定 {Judgement}。";

    /// <summary>The reading of a milestone row; null for a group row.</summary>
    public static GanttRowReading? Of(GanttRow row)
    {
        if (row.Item is not { } item)
        {
            return null;
        }
        var m = item.Milestone;
        var planned = GanttText.PlannedWithWestern(m);
        if (m.IsReplanned && (m.BaselineStart ?? m.BaselineEnd) is not null)
        {
            planned += " (当初計画 " + JapaneseDates.Period(m.BaselineStart, m.BaselineEnd, m.Kind, m.OpenEnded, m.Deadline) + ")";
        }
        var actual = (m.ActualStart, m.ActualEnd) switch
        {
            (null, null) => "なし",
            ({ } start, null) => $"{Day(start)} 開始",
            (null, { } end) => $"{Day(end)} 終了",
            ({ } start, { } end) => $"{Day(start)} ～ {Day(end)}",
        };
        var status = m.IsExternal ? $"{m.ExternalActor}の動き" : $"{m.Status.Label()} 進捗 {m.Progress}%";
        if (m.RecurringYearly)
        {
            status += " (年次で繰り返し)";
        }
        var judgement = m.IsExternal ? "判定の対象外"
            : item.Assessment.Flags.Count == 0 ? "予定どおり"
            : string.Join("、", item.Assessment.Flags.OrderBy(f => f.Kind).Select(f => f.Description));
        return new GanttRowReading(planned, actual, status, judgement);
    }

    private static string Day(DateOnly day) => $"{JapaneseDates.Day(day)} ({JapaneseDates.WesternDay(day)})";
}

/// <summary>
/// The イナズマ線 in words: how many of the measured rows it bends left of the as-of line (behind plan), meets it
/// (on plan) or bends right (ahead), and the farthest lag in days.
/// </summary>
public sealed record GanttProgressLineReading(DateOnly AsOf, int Behind, int OnSchedule, int Ahead, int MostDaysBehind)
{
    /// <summary>Within this many days of the as-of line a point counts as on plan (a day's width, either side).</summary>
    public const double Tolerance = 1;

    public int Measured => Behind + OnSchedule + Ahead;

    public static GanttProgressLineReading Of(GanttGeometry chart)
    {
        int behind = 0, on = 0, ahead = 0;
        var most = 0.0;
        if (chart.TodayX is { } today)
        {
            foreach (var point in chart.ProgressLine.Where(p => p.Measured))
            {
                var lag = today - point.X;
                if (lag > Tolerance)
                {
                    behind++;
                    most = Math.Max(most, lag);
                }
                else if (lag < -Tolerance)
                {
                    ahead++;
                }
                else
                {
                    on++;
                }
            }
        }
        return new GanttProgressLineReading(chart.AsOf, behind, on, ahead, (int)Math.Round(most));
    }

    /// <summary>What the line is and what it shows on this chart.</summary>
    public string Sentence
    {
        get
        {
            var what = $"イナズマ線は、基準日 {JapaneseDates.Day(AsOf)} の縦線から、各工程の進捗率が計画期間のどこまで進んでいるかを結んだ折れ線です。"
                + "左に折れた工程は予定より遅れ、右に折れた工程は予定より先行しています。";
            if (Measured == 0)
            {
                return what + "表示中の工程に、基準日の時点で進み具合を測れるものはありません。";
            }
            var lag = Behind > 0 ? $" (最大 {MostDaysBehind}日分)" : "";
            return what + $"表示中の測れる工程 {Measured}件のうち、遅れ {Behind}件{lag}、予定どおり {OnSchedule}件、先行 {Ahead}件です。"
                + "国・県の動き、中止、順次の工程、着手予定前の工程は基準日の線上に置いています。";
        }
    }
}
