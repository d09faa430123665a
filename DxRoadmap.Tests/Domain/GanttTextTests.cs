using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Tests.Support;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>What the Gantt chart says in words: tooltips, the legend, and which rows a filter keeps.</summary>
public class GanttTextTests
{
    private static readonly DateOnly AsOf = Day("2022-04-01");

    private static GanttRow Row(Milestone milestone)
    {
        var item = GanttData.Assess(AsOf, milestone).Single();
        return new GanttRow(0, GanttRowKind.Milestone, 2, "m1", milestone.Code, milestone.Title, milestone.OwnerName, item,
            GanttLayout.ToneOf(item), item.Assessment.Signal, false, 1, item.Assessment.IsLate ? 1 : 0);
    }

    private static GanttRow Group(int count, int late) =>
        new(0, GanttRowKind.Track, 1, "t1", "5.2-a", "オンライン化", "市民課", null, GanttTone.Summary, Signal.Blue, false, count, late);

    [Fact]
    public void Tooltip_OfAGroup_CountsItsItems_AndNamesTheLateOnes()
    {
        Assert.Equal("5.2-a オンライン化\n3工程 (遅延 1件)", GanttText.Tooltip(Group(3, 1)));
        Assert.Equal("5.2-a オンライン化\n3工程", GanttText.Tooltip(Group(3, 0)));
    }

    [Fact]
    public void Tooltip_OfALateReplannedStep_ListsPlanBaselineActualStateAndDelay()
    {
        var step = Span("2021-04", "2022-03", MilestoneStatus.InProgress, 60).With(m =>
        {
            m.Title = "電子申請システムの導入";
            m.BaselineEnd = PlanDate.Parse("2021-12");
            m.ActualStart = Day("2021-04-15");
            m.UpdatedAt = new DateTimeOffset(2022, 3, 20, 9, 0, 0, TimeSpan.FromHours(9));
        });
        Assert.Equal(string.Join('\n',
                "電子申請システムの導入",
                "主管課: デジタル行政推進課",
                "計画: 令和3年4月 (2021/04) ～ 令和4年3月 (2022/03)",
                "当初計画: 令和3年4月～令和3年12月",
                "実績: 令和3年4月15日 (2021/04/15)～",
                "状態: 進行中  進捗: 60%",
                "⚠ 期限超過 1日"),
            GanttText.Tooltip(Row(step)));
    }

    [Fact]
    public void Tooltip_OfAFinishedYearlyStep_ShowsBothActualDaysAndTheRepetition()
    {
        var step = Point("2021-05", MilestoneStatus.Done).With(m =>
        {
            m.Title = "新規採用職員研修";
            m.Progress = 100;
            m.RecurringYearly = true;
            m.ActualEnd = Day("2021-05-20");
        });
        Assert.Equal(string.Join('\n',
                "新規採用職員研修",
                "主管課: デジタル行政推進課",
                "計画: 令和3年5月 (2021/05)",
                "実績: ～令和3年5月20日 (2021/05/20)",
                "状態: 完了  進捗: 100%",
                "年次で繰り返し"),
            GanttText.Tooltip(Row(step)));
    }

    [Fact]
    public void Tooltip_OfANationalEvent_SaysItIsNotJudged()
    {
        var step = Point("2022-03").With(m =>
        {
            m.Title = "標準仕様書の公表";
            m.ExternalActor = "総務省";
            m.Deadline = true;
        });
        Assert.Equal(string.Join('\n',
                "標準仕様書の公表",
                "主管課: デジタル行政推進課",
                "計画: 令和4年3月 (2022/03) まで",
                "総務省の動き (遅延判定の対象外)"),
            GanttText.Tooltip(Row(step)));
    }

    [Fact]
    public void Tooltip_DoesNotShowABaselineThatWasNeverChanged() =>
        Assert.DoesNotContain("当初計画", GanttText.Tooltip(Row(Span("2022-04", "2023-03"))));

    [Fact]
    public void Tooltip_ShowsABaselineThatHadOnlyAStart()
    {
        var step = Span("2022-04", "2023-03").With(m => (m.BaselineStart, m.BaselineEnd) = (PlanDate.Parse("2022-06"), null));
        Assert.Contains("当初計画: 令和4年6月～", GanttText.Tooltip(Row(step)));
    }

    [Fact]
    public void PlannedWithWestern_OfASpanWithoutAnEnd_LeavesTheEndBlank() =>
        Assert.Equal("令和4年4月 (2022/04) ～ ", GanttText.PlannedWithWestern(Span("2022-04", "2023-03").With(m => m.PlannedEnd = null)));

    [Fact]
    public void Tooltip_ShowsABaselineThatHadOnlyAnEnd()
    {
        var step = Span("2022-04", "2023-03").With(m => (m.BaselineStart, m.BaselineEnd) = (null, PlanDate.Parse("2022-12")));
        Assert.Contains("当初計画: 令和4年12月まで", GanttText.Tooltip(Row(step)));
    }

    [Theory]
    [InlineData("2022-10", null, false, "令和4年10月 (2022/10) ～ 順次")]
    [InlineData("2022-10-03", "2023-03-31", false, "令和4年10月3日 (2022/10/03) ～ 令和5年3月31日 (2023/03/31)")]
    [InlineData(null, "2023-03", false, "～ 令和5年3月 (2023/03)")]
    [InlineData("2022-10", "2023-03", true, "令和4年10月 (2022/10) ～ 順次")]
    public void PlannedWithWestern_OfASpan(string? start, string? end, bool openEnded, string shown)
    {
        var step = Span("2022-01", "2022-02").With(m =>
        {
            m.PlannedStart = start is null ? null : PlanDate.Parse(start);
            m.PlannedEnd = end is null ? null : PlanDate.Parse(end);
            m.OpenEnded = openEnded || end is null && start is not null;
        });
        Assert.Equal(shown, GanttText.PlannedWithWestern(step).Trim());
    }

    [Fact]
    public void PlannedWithWestern_OfAPoint_UsesItsEnd_OrItsStartWhenThereIsNoEnd()
    {
        var moved = Point("2022-03").With(m => m.PlannedStart = PlanDate.Parse("2022-01"));
        Assert.Equal("令和4年3月 (2022/03)", GanttText.PlannedWithWestern(moved));
        var startOnly = Point("2022-03").With(m => m.PlannedEnd = null);
        Assert.Equal("令和4年3月 (2022/03)", GanttText.PlannedWithWestern(startOnly));
        var asSpan = Span("2022-01", "2022-03");
        Assert.Equal("令和4年1月 (2022/01) ～ 令和4年3月 (2022/03)", GanttText.PlannedWithWestern(asSpan));
    }

    [Fact]
    public void Reading_OfALateReplannedStep_SaysPlanActualStateAndHowLate()
    {
        var step = Span("2021-04", "2022-03", MilestoneStatus.InProgress, 60).With(m =>
        {
            m.BaselineEnd = PlanDate.Parse("2021-12");
            m.ActualStart = Day("2021-04-15");
            m.UpdatedAt = new DateTimeOffset(2022, 3, 20, 9, 0, 0, TimeSpan.FromHours(9));
        });
        var reading = GanttRowReading.Of(Row(step))!;
        Assert.Equal("令和3年4月 (2021/04) ～ 令和4年3月 (2022/03) (当初計画 令和3年4月～令和3年12月)", reading.Planned);
        Assert.Equal("令和3年4月15日 (2021/04/15) 開始", reading.Actual);
        Assert.Equal("進行中 進捗 60%", reading.Status);
        Assert.Equal("期限超過 1日", reading.Judgement);
        Assert.Equal($"計画 {reading.Planned}。実績 {reading.Actual}。状態 進行中 進捗 60%。判定 期限超過 1日。", reading.Sentence);
    }

    [Fact]
    public void Reading_OfAStepOnPlan_SaysSo_AndOfAFinishedYearlyStep_GivesBothDays()
    {
        var onPlan = GanttRowReading.Of(Row(Span("2022-04", "2023-03", MilestoneStatus.InProgress, 0).With(m =>
            m.UpdatedAt = new DateTimeOffset(2022, 3, 31, 9, 0, 0, TimeSpan.FromHours(9)))))!;
        Assert.Equal(("なし", "予定どおり"), (onPlan.Actual, onPlan.Judgement));

        var yearly = GanttRowReading.Of(Row(Point("2021-05", MilestoneStatus.Done).With(m =>
        {
            m.Progress = 100;
            m.RecurringYearly = true;
            m.ActualStart = Day("2021-05-10");
            m.ActualEnd = Day("2021-05-20");
        })))!;
        Assert.Equal("令和3年5月10日 (2021/05/10) ～ 令和3年5月20日 (2021/05/20)", yearly.Actual);
        Assert.Equal("完了 進捗 100% (年次で繰り返し)", yearly.Status);
    }

    [Fact]
    public void Reading_OfANationalEvent_IsNotJudged_AndAGroupRowHasNone()
    {
        var reading = GanttRowReading.Of(Row(Point("2022-03").With(m => m.ExternalActor = "総務省")))!;
        Assert.Equal(("総務省の動き", "判定の対象外"), (reading.Status, reading.Judgement));
        Assert.Null(GanttRowReading.Of(Group(3, 1)));
    }

    [Fact]
    public void ProgressLineReading_CountsRowsBehindOnAndAheadOfTheAsOfLine()
    {
        // 2022-04-01 … 2022-04-10 on the 6th: 50% is on the line, 20% three days behind, 80% three days ahead.
        var asOf = Day("2022-04-06");
        Milestone Step(int progress) => Span("2022-04-01", "2022-04-10", MilestoneStatus.InProgress, progress);
        var chart = GanttLayout.Build(GanttData.Assess(asOf, Step(20), Step(50), Step(80), Step(10), Point("2022-03").With(m => m.ExternalActor = "総務省")),
            asOf, new GanttWindow(2021, 2023), GanttZoom.Month, GanttOptions.Default);
        var reading = GanttProgressLineReading.Of(chart);
        Assert.Equal((2, 1, 1, 4), (reading.Behind, reading.OnSchedule, reading.Ahead, reading.MostDaysBehind));
        Assert.Contains("基準日 令和4年4月6日 の縦線から", reading.Sentence);
        Assert.Contains("表示中の測れる工程 4件のうち、遅れ 2件 (最大 4日分)、予定どおり 1件、先行 1件です。", reading.Sentence);
    }

    [Fact]
    public void ProgressLineReading_WithNothingMeasured_SaysSo()
    {
        var asOf = Day("2022-04-06");
        var chart = GanttLayout.Build(GanttData.Assess(asOf, Point("2022-03").With(m => m.ExternalActor = "総務省")),
            asOf, new GanttWindow(2021, 2023), GanttZoom.Month, GanttOptions.Default);
        Assert.Equal(0, GanttProgressLineReading.Of(chart).Measured);
        Assert.EndsWith("基準日の時点で進み具合を測れるものはありません。", GanttProgressLineReading.Of(chart).Sentence);
    }

    [Fact]
    public void Legend_NamesEveryToneAndZoom()
    {
        Assert.Equal(["未着手", "進行中", "完了", "保留", "中止", "要注意・更新なし", "遅延・着手遅れ", "国・県の動き", "他年度の回 (年次)", "取組の期間"],
            Enum.GetValues<GanttTone>().Select(t => t.Label()));
        Assert.Equal(["月", "四半期", "年度"], Enum.GetValues<GanttZoom>().Select(z => z.Label()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((GanttTone)99).Label());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((GanttZoom)99).Label());
    }

    [Fact]
    public void Rows_SayWhetherTheyAreGroupsAndWhetherTheirItemIsLate()
    {
        var late = Row(Point("2022-03"));
        Assert.False(late.IsGroup);
        Assert.True(late.IsLate);
        Assert.Equal(DelayKind.Overdue, late.Delay);
        Assert.Equal(MilestoneStatus.NotStarted, late.Status);
        var group = Group(2, 1);
        Assert.True(group.IsGroup);
        Assert.False(group.IsLate);
        Assert.Null(group.Delay);
        Assert.Null(group.MilestoneId);
    }

    [Fact]
    public void Options_DrawTheBaselineUnlessToldNot() => Assert.True(new GanttOptions().ShowBaseline);

    [Fact]
    public void Filter_IsEmptyOnlyWithNoCondition()
    {
        Assert.True(GanttFilter.None.IsEmpty);
        Assert.False(new GanttFilter { InitiativeIds = new HashSet<int> { 1 } }.IsEmpty);
        Assert.False(new GanttFilter { DepartmentIds = new HashSet<int> { 1 } }.IsEmpty);
        Assert.False(new GanttFilter { Statuses = new HashSet<MilestoneStatus> { MilestoneStatus.Done } }.IsEmpty);
        Assert.False(new GanttFilter { LateOnly = true }.IsEmpty);
    }

    [Fact]
    public void Filter_KeepsAnItemOnlyWhenEveryConditionHolds()
    {
        var item = GanttData.Assess(AsOf, Point("2022-03")).Single(); // initiative 1, 推進課 (1), 未着手, late
        Assert.True(GanttFilter.None.Matches(item));
        Assert.True(new GanttFilter { InitiativeIds = new HashSet<int> { 1 }, DepartmentIds = new HashSet<int> { 1 } }.Matches(item));
        Assert.False(new GanttFilter { InitiativeIds = new HashSet<int> { 2 }, DepartmentIds = new HashSet<int> { 1 } }.Matches(item));
        Assert.False(new GanttFilter { InitiativeIds = new HashSet<int> { 1 }, DepartmentIds = new HashSet<int> { 2 } }.Matches(item));
        Assert.False(new GanttFilter { Statuses = new HashSet<MilestoneStatus> { MilestoneStatus.Done } }.Matches(item));
        Assert.True(new GanttFilter { Statuses = new HashSet<MilestoneStatus> { MilestoneStatus.NotStarted }, LateOnly = true }.Matches(item));
        var onTime = GanttData.Assess(AsOf, Point("2022-06")).Single();
        Assert.False(new GanttFilter { LateOnly = true }.Matches(onTime));
    }
}
