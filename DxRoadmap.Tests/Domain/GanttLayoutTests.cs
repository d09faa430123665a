using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Tests.Support;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

public class GanttLayoutTests
{
    // 令和3年度 … 令和5年度: x = 0 on 2021-04-01.
    private static readonly GanttWindow Window = new(2021, 2023);

    private static GanttGeometry Layout(DateOnly asOf, params Milestone[] milestones) =>
        Layout(asOf, GanttZoom.Month, GanttOptions.Default, milestones);

    private static GanttGeometry Layout(DateOnly asOf, GanttZoom zoom, GanttOptions options, params Milestone[] milestones) =>
        GanttLayout.Build(GanttData.Assess(asOf, milestones), asOf, Window, zoom, options);

    private static double X(string iso) => Day(iso).DayNumber - Day("2021-04-01").DayNumber;

    [Fact]
    public void Window_SpansWholeFiscalYears()
    {
        Assert.Equal(Day("2021-04-01"), Window.Start);
        Assert.Equal(Day("2024-04-01"), Window.EndExclusive);
        Assert.Equal(1096, Window.Days); // 2024 is a leap year: 365 + 365 + 366
    }

    [Fact]
    public void YearBands_StartOnFirstOfAprilAndAreLabelledInReiwa()
    {
        var chart = Layout(Day("2022-06-01"));
        Assert.Collection(chart.YearBands,
            b => Assert.Equal((0d, X("2022-04-01"), "令和3年度", "2021年度"), (b.X0, b.X1, b.Label, b.WesternLabel)),
            b => Assert.Equal((X("2022-04-01"), X("2023-04-01"), "令和4年度"), (b.X0, b.X1, b.Label)),
            b => Assert.Equal((X("2023-04-01"), 1096d, "令和5年度"), (b.X0, b.X1, b.Label)));
    }

    [Fact]
    public void MonthTicks_AtMonthZoom_FallOnTheFirstOfEveryMonth()
    {
        var chart = Layout(Day("2022-06-01"));
        Assert.Equal(36, chart.Ticks.Count);
        Assert.Equal(("4月", 0d, true), (chart.Ticks[0].Label, chart.Ticks[0].X, chart.Ticks[0].FiscalYearStart));
        var march = chart.Ticks[11];
        Assert.Equal(("3月", X("2022-03-01"), false), (march.Label, march.X, march.FiscalYearStart));
        Assert.Equal(X("2022-04-01"), chart.Ticks[12].X);
        Assert.True(chart.Ticks[12].FiscalYearStart);
    }

    [Theory]
    [InlineData(GanttZoom.Quarter, 12, new[] { "4月", "7月", "10月", "1月" })]
    [InlineData(GanttZoom.FiscalYear, 3, new[] { "4月" })]
    public void MonthTicks_FollowTheZoom(GanttZoom zoom, int count, string[] labels)
    {
        var chart = Layout(Day("2022-06-01"), zoom, GanttOptions.Default);
        Assert.Equal(count, chart.Ticks.Count);
        Assert.Equal(labels, chart.Ticks.Select(t => t.Label).Distinct());
    }

    [Fact]
    public void PointInR4March_SitsInMarch2022()
    {
        var chart = Layout(Day("2021-06-01"), Point("2022-03"));
        var diamond = Assert.Single(chart.Diamonds);
        Assert.InRange(diamond.X, X("2022-03-01"), X("2022-04-01") - 0.01);
        Assert.Equal(chart.Rows.Single(r => r.Kind == GanttRowKind.Milestone).Index, diamond.Row);
    }

    [Fact]
    public void MonthSpan_CoversWholeMonthsFromFirstToLastDay()
    {
        var chart = Layout(Day("2021-06-01"), Span("2022-04", "2023-03"));
        var bar = chart.Bars.Single(b => b.Tone != GanttTone.Summary);
        Assert.Equal((X("2022-04-01"), X("2023-04-01")), (bar.X0, bar.X1));
        Assert.False(bar.FadesOut);
    }

    [Fact]
    public void OpenEndedSpan_ReachesWindowEndAndFades()
    {
        var chart = Layout(Day("2022-06-01"), Build.OpenEnded("2022-10"));
        var bar = chart.Bars.Single(b => b.Tone != GanttTone.Summary);
        Assert.Equal(X("2022-10-01"), bar.X0);
        Assert.Equal(chart.Width, bar.X1);
        Assert.True(bar.FadesOut);
        Assert.False(bar.ContinuesAfter);
    }

    [Fact]
    public void SpanCrossingTheWindow_IsClippedAndMarked()
    {
        var chart = Layout(Day("2022-06-01"), Span("2020-12", "2024-06"));
        var bar = chart.Bars.Single(b => b.Tone != GanttTone.Summary);
        Assert.Equal((0d, chart.Width, true, true), (bar.X0, bar.X1, bar.ContinuesBefore, bar.ContinuesAfter));
    }

    [Fact]
    public void StepOutsideTheWindow_KeepsItsRowButDrawsNothing()
    {
        var chart = Layout(Day("2022-06-01"), Point("2025-05"), Span("2019-04", "2020-03"));
        Assert.Equal(2, chart.Rows.Count(r => r.Kind == GanttRowKind.Milestone));
        Assert.Empty(chart.Diamonds);
        Assert.DoesNotContain(chart.Bars, b => b.Tone != GanttTone.Summary);
    }

    [Fact]
    public void TodayLine_IsAtTheStartOfTheAsOfDay_AndAbsentOutsideTheWindow()
    {
        Assert.Equal(X("2022-06-01"), Layout(Day("2022-06-01")).TodayX);
        Assert.Null(Layout(Day("2026-11-26")).TodayX);
    }

    [Fact]
    public void ProgressPoint_HalfDoneAtMidpoint_SitsOnTodayLine()
    {
        // 2022-04-01 … 2022-04-10 is ten days; on the 6th, five have passed.
        var step = Span("2022-04-01", "2022-04-10", MilestoneStatus.InProgress, 50);
        var chart = Layout(Day("2022-04-06"), step);
        var point = chart.ProgressLine.Single(p => p.Measured);
        Assert.Equal(chart.TodayX, point.X);
    }

    [Fact]
    public void ProgressPoint_Behind_SitsLeftOfTodayLine_Ahead_Right()
    {
        var behind = Span("2022-04-01", "2022-04-10", MilestoneStatus.InProgress, 20);
        var ahead = Span("2022-04-01", "2022-04-10", MilestoneStatus.InProgress, 80);
        var chart = Layout(Day("2022-04-06"), behind, ahead);
        var points = chart.ProgressLine.Where(p => p.Measured).ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal(X("2022-04-01") + 2, points[0].X);
        Assert.True(points[0].X < chart.TodayX);
        Assert.True(points[1].X > chart.TodayX);
    }

    [Fact]
    public void ProgressPoint_NotStartedAndNotYetDue_SitsOnTodayLine_NotStartedAndDue_SitsAtStart()
    {
        var future = Span("2022-09", "2023-03");
        var due = Span("2022-04", "2022-12");
        var chart = Layout(Day("2022-06-01"), future, due);
        var rows = chart.Rows.Where(r => r.Kind == GanttRowKind.Milestone).ToList();
        var futurePoint = chart.ProgressLine.Single(p => p.Row == rows[0].Index);
        var duePoint = chart.ProgressLine.Single(p => p.Row == rows[1].Index);
        Assert.Equal(chart.TodayX, futurePoint.X);
        Assert.Equal(X("2022-04-01"), duePoint.X);
        Assert.Equal(chart.Rows.Count, chart.ProgressLine.Count);
    }

    [Fact]
    public void ProgressPoint_Done_SitsOnTodayLine_WhetherItEndsLaterOrEndedLongAgo()
    {
        var early = Span("2022-04", "2022-12", MilestoneStatus.Done, 100);
        var old = Span("2021-04", "2021-12", MilestoneStatus.Done, 100);
        var chart = Layout(Day("2022-06-01"), early, old);
        var points = chart.ProgressLine.Where(p => p.Measured).ToList();
        Assert.Equal(2, points.Count);
        Assert.All(points, p => Assert.Equal(chart.TodayX, p.X));
    }

    [Fact]
    public void OverdueStep_IsLate_WithDelayReachingTheTodayLine()
    {
        var step = Span("2021-10", "2022-03", MilestoneStatus.InProgress, 60);
        var chart = Layout(Day("2022-06-01"), step);
        var bar = chart.Bars.Single(b => b.Tone != GanttTone.Summary);
        Assert.Equal(GanttTone.Late, bar.Tone);
        Assert.True(bar.Late);
        Assert.Equal(chart.TodayX, bar.OverdueTo);
        var row = chart.Rows.Single(r => r.Kind == GanttRowKind.Milestone);
        Assert.Equal((DelayKind?)DelayKind.Overdue, row.Delay);
        Assert.All(chart.Rows.Where(r => r.IsGroup), g => Assert.Equal(1, g.LateCount));
    }

    [Fact]
    public void ExternalEvent_IsNeverLateAndStyledApart()
    {
        var step = Point("2021-07").With(m => m.ExternalActor = "総務省");
        var chart = Layout(Day("2022-06-01"), step);
        var diamond = Assert.Single(chart.Diamonds);
        Assert.Equal((GanttTone.External, true, false), (diamond.Tone, diamond.External, diamond.Late));
    }

    [Fact]
    public void RecurringStep_IsShownInEveryYearFromItsFirst()
    {
        var step = Point("2021-12").With(m => m.RecurringYearly = true);
        var chart = Layout(Day("2022-06-01"), step);
        Assert.Equal([2021, 2022, 2023], chart.Diamonds.Select(d => d.Occurrence!.Value));
        Assert.All(chart.Diamonds, d => Assert.InRange(d.X - chart.X(new DateOnly(d.Occurrence!.Value, 12, 1)), 0, 31));
        // Only the occurrence in force on the as-of date carries the status colour.
        Assert.Single(chart.Diamonds, d => d.Tone != GanttTone.OtherOccurrence);
    }

    [Fact]
    public void ReplannedStep_HasABaselineGhost_UnchangedStepHasNone()
    {
        var moved = Span("2022-07", "2023-03").With(m =>
        {
            m.BaselineStart = PlanDate.OfMonth(2022, 4);
            m.BaselineEnd = PlanDate.OfMonth(2022, 12);
        });
        var chart = Layout(Day("2022-06-01"), moved, Span("2022-04", "2022-09"));
        var ghost = Assert.Single(chart.Ghosts);
        Assert.Equal((X("2022-04-01"), X("2023-01-01"), false), (ghost.X0, ghost.X1, ghost.IsPoint));
        Assert.Empty(Layout(Day("2022-06-01"), GanttZoom.Month, GanttOptions.Default with { ShowBaseline = false }, moved).Ghosts);
    }

    [Fact]
    public void Rows_AreGroupedInitiativeTrackMilestone()
    {
        var chart = Layout(Day("2022-06-01"), Span("2022-04", "2022-09"), Point("2022-10"));
        Assert.Equal([GanttRowKind.Initiative, GanttRowKind.Track, GanttRowKind.Milestone, GanttRowKind.Milestone],
            chart.Rows.Select(r => r.Kind));
        Assert.Equal([0, 1, 2, 3], chart.Rows.Select(r => r.Index));
        Assert.Equal(2, chart.Rows[0].Count);
        // The group's summary bar spans its items.
        var summary = chart.Bars.Single(b => b.Row == 0);
        Assert.Equal((X("2022-04-01"), X("2022-11-01")), (summary.X0, summary.X1));
    }

    [Fact]
    public void CollapsedGroup_HidesItsChildrenButKeepsItsCounts()
    {
        var steps = new[] { Span("2022-04", "2022-09"), Point("2022-10") };
        var open = Layout(Day("2022-06-01"), steps);
        var collapsed = Layout(Day("2022-06-01"), GanttZoom.Month,
            new GanttOptions { Collapsed = new HashSet<string> { open.Rows[0].Key } }, steps);
        var row = Assert.Single(collapsed.Rows);
        Assert.True(row.Collapsed);
        Assert.Equal(2, row.Count);
        Assert.Empty(collapsed.Diamonds);
    }

    [Fact]
    public void LateOnlyFilter_KeepsOnlyLateItems()
    {
        var late = Span("2021-10", "2022-03", MilestoneStatus.InProgress, 60);
        var onTime = Span("2022-04", "2022-09", MilestoneStatus.InProgress, 30);
        var chart = Layout(Day("2022-06-01"), GanttZoom.Month,
            new GanttOptions { Filter = new GanttFilter { LateOnly = true } }, late, onTime);
        var row = Assert.Single(chart.Rows, r => r.Kind == GanttRowKind.Milestone);
        Assert.Same(late, row.Item!.Milestone);
    }

    [Fact]
    public void WindowForPlan_RunsFromFirstToLastPlannedFiscalYear()
    {
        var window = GanttWindow.ForPlan([Span("2021-03", "2021-09"), Point("2026-04"), Build.OpenEnded("2023-10")],
            Day("2022-01-01"));
        Assert.Equal(new GanttWindow(2020, 2026), window);
    }
}
