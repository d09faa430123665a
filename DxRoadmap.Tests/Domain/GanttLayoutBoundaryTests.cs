using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Tests.Support;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>The Gantt layout at its edges: the window's first and last day, yearly occurrences, ghosts and the イナズマ線.</summary>
public class GanttLayoutBoundaryTests
{
    // 令和3年度 … 令和5年度: x = 0 on 2021-04-01, x = 1096 on 2024-04-01.
    private static readonly GanttWindow Window = new(2021, 2023);
    private const double Width = 1096;

    private static GanttGeometry Layout(string asOf, params Milestone[] milestones) =>
        GanttLayout.Build(GanttData.Assess(Day(asOf), milestones), Day(asOf), Window, GanttZoom.Month);

    private static double X(string iso) => Day(iso).DayNumber - Day("2021-04-01").DayNumber;

    private static GanttBar Bar(GanttGeometry chart) => Assert.Single(chart.Bars, b => b.Tone != GanttTone.Summary);

    private static GanttRow MilestoneRow(GanttGeometry chart) => Assert.Single(chart.Rows, r => r.Kind == GanttRowKind.Milestone);

    [Fact]
    public void Rows_FollowInitiativeThenTrackOrder_WithTiesByIdAndStableKeys()
    {
        var first = new Initiative { Id = 7, Code = "5.1", Title = "標準化", LeadDepartment = "推進課", Order = 1 };
        var tie = new Initiative { Id = 3, Code = "5.3", Title = "AI・RPA", LeadDepartment = "推進課", Order = 2 };
        var later = new Initiative { Id = 2, Code = "5.5", Title = "セキュリティ", LeadDepartment = "推進課", Order = 2 };
        var trackB = new Track { Id = 9, Code = "5.1-b", InitiativeId = 7, Title = "b", Order = 2 };
        var trackA = new Track { Id = 8, Code = "5.1-a", InitiativeId = 7, Title = "a", Order = 1 };
        var trackA2 = new Track { Id = 5, Code = "5.1-c", InitiativeId = 7, Title = "c", Order = 1 };
        var tieTrack = new Track { Id = 4, Code = "5.3-a", InitiativeId = 3, Title = "t", Order = 1 };
        var laterTrack = new Track { Id = 6, Code = "5.5-a", InitiativeId = 2, Title = "l", Order = 1 };
        AssessedMilestone Item(int id, Initiative i, Track t) =>
            new(Span("2022-04", "2023-03").With(m => { m.Id = id; m.Code = $"M{id}"; }), i, t, DelayAssessment.None);
        var items = new[]
        {
            Item(1, tie, tieTrack), Item(2, first, trackB), Item(3, later, laterTrack), Item(4, first, trackA), Item(5, first, trackA2),
        };

        var chart = GanttLayout.Build(items, Day("2022-06-01"), Window, GanttZoom.Month);

        Assert.Equal(["i7", "t5", "m5", "t8", "m4", "t9", "m2", "i2", "t6", "m3", "i3", "t4", "m1"], chart.Rows.Select(r => r.Key));
        Assert.Equal(Enumerable.Range(0, 13), chart.Rows.Select(r => r.Index));
    }

    [Fact]
    public void GroupOwner_IsTheOneOwner_OrTheFirstWithほか_IgnoringItemsWithoutOne()
    {
        var other = new Department { Id = 2, Name = "市民課" };
        Assert.Equal("デジタル行政推進課", Layout("2022-06-01", Span("2022-04", "2023-03"), Span("2022-04", "2023-03")
            .With(m => m.OwnerDepartment = new Department { Id = 3, Name = "" })).Rows[1].Owner);
        Assert.Equal("デジタル行政推進課 ほか", Layout("2022-06-01", Span("2022-04", "2023-03"), Span("2022-04", "2023-03")
            .With(m => m.OwnerDepartment = other)).Rows[1].Owner);
        Assert.Equal("", Layout("2022-06-01", Span("2022-04", "2023-03").With(m => m.OwnerDepartment = new Department { Id = 3, Name = "" })).Rows[1].Owner);
    }

    [Fact]
    public void CollapsedTrack_HidesItsMilestonesOnly()
    {
        var steps = new[] { Span("2022-04", "2023-03"), Point("2022-09") };
        var chart = GanttLayout.Build(GanttData.Assess(Day("2022-06-01"), steps), Day("2022-06-01"), Window, GanttZoom.Month,
            new GanttOptions { Collapsed = new HashSet<string> { "t1" } });
        Assert.Equal(["i1", "t1"], chart.Rows.Select(r => r.Key));
        Assert.Equal((true, 2), (chart.Rows[1].Collapsed, chart.Rows[1].Count));
        Assert.Empty(chart.Diamonds);
    }

    [Theory]
    [InlineData(MilestoneStatus.InProgress, "2022-05-01", "2022-09-01", GanttTone.AtRisk)] // 更新なし for 123 days: caution
    [InlineData(MilestoneStatus.InProgress, "2022-05-20", "2022-06-01", GanttTone.InProgress)]
    [InlineData(MilestoneStatus.OnHold, "2022-05-20", "2022-06-01", GanttTone.OnHold)]
    [InlineData(MilestoneStatus.Cancelled, "2022-05-20", "2022-06-01", GanttTone.Cancelled)]
    [InlineData(MilestoneStatus.Done, "2022-05-20", "2022-06-01", GanttTone.Done)]
    public void Tone_PutsCautionOverStatus(MilestoneStatus status, string updated, string asOf, GanttTone tone)
    {
        var step = Span("2022-04", "2023-03", status, 20).With(m =>
            m.UpdatedAt = new DateTimeOffset(Day(updated).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9)));
        Assert.Equal(tone, MilestoneRow(Layout(asOf, step)).Tone);
    }

    [Fact]
    public void MilestoneRow_CountsItselfAndWhetherItIsLate()
    {
        var chart = Layout("2022-06-01", Point("2022-03"), Point("2022-09"));
        var rows = chart.Rows.Where(r => r.Kind == GanttRowKind.Milestone).ToList();
        Assert.Equal([(1, 1, false), (1, 0, false)], rows.Select(r => (r.Count, r.LateCount, r.Collapsed)));
        Assert.Equal(["m1", "m2"], rows.Select(r => r.Key));
    }

    [Fact]
    public void DoneBar_IsFull_WhateverProgressWasRecorded()
    {
        var chart = Layout("2022-06-01", Span("2022-04", "2022-05", MilestoneStatus.Done, 0));
        Assert.Equal(1.0, Bar(chart).Progress);
        Assert.Null(Bar(chart).OverdueTo); // ended before today, but finished: no delay drawn
        Assert.Equal(0.4, Bar(Layout("2022-06-01", Span("2022-04", "2022-09", MilestoneStatus.InProgress, 40))).Progress);
    }

    [Fact]
    public void YearlyStep_OnlyTheOccurrenceInForceCarriesStatusProgressAndDelay()
    {
        // Every June–July from 2021; last finished 2021-07-10, so on 2022-08-15 the 2022 occurrence is late.
        var step = Span("2021-06", "2021-07", MilestoneStatus.InProgress, 40).With(m =>
        {
            m.RecurringYearly = true;
            m.ActualEnd = Day("2021-07-10");
            m.UpdatedAt = new DateTimeOffset(2022, 8, 1, 9, 0, 0, TimeSpan.FromHours(9));
        });
        var bars = Layout("2022-08-15", step).Bars.Where(b => b.Tone != GanttTone.Summary).ToList();
        Assert.Equal([2021, 2022, 2023], bars.Select(b => b.Occurrence!.Value));
        Assert.Equal([GanttTone.OtherOccurrence, GanttTone.Late, GanttTone.OtherOccurrence], bars.Select(b => b.Tone));
        Assert.Equal([0, 0.4, 0], bars.Select(b => b.Progress));
        Assert.Equal([false, true, false], bars.Select(b => b.Late));
        Assert.Equal([null, X("2022-08-15"), null], bars.Select(b => b.OverdueTo));
        Assert.Equal((X("2022-06-01"), X("2022-08-01")), (bars[1].X0, bars[1].X1));
    }

    [Fact]
    public void YearlyStepWithOnlyAnEnd_IsDrawnInEveryYearFromThatEnd()
    {
        var step = Point("2021-05").With(m =>
        {
            m.PlannedStart = null;
            m.RecurringYearly = true;
        });
        var diamonds = Layout("2022-06-02", step).Diamonds;
        Assert.Equal([2021, 2022, 2023], diamonds.Select(d => d.Occurrence!.Value));
        Assert.Equal([GanttTone.OtherOccurrence, GanttTone.Late, GanttTone.OtherOccurrence], diamonds.Select(d => d.Tone));
        Assert.Equal(X("2022-06-02"), diamonds[1].OverdueTo);
    }

    [Fact]
    public void YearlySpan_TheOccurrenceInForceIsFoundByItsStart()
    {
        // Start June, end July: on 2022-06-15 the 2022 occurrence is in force though its end month has not come.
        var step = Span("2021-06", "2021-07", MilestoneStatus.InProgress, 10).With(m =>
        {
            m.RecurringYearly = true;
            m.UpdatedAt = new DateTimeOffset(2022, 6, 10, 9, 0, 0, TimeSpan.FromHours(9));
        });
        var bars = Layout("2022-06-15", step).Bars.Where(b => b.Tone != GanttTone.Summary).ToList();
        Assert.Equal([GanttTone.OtherOccurrence, GanttTone.InProgress, GanttTone.OtherOccurrence], bars.Select(b => b.Tone));
    }

    [Fact]
    public void OverduePoint_DrawsItsDelayToTheTodayLine_FromTheSecondDayLate()
    {
        // Due 2022-03-31: on 2022-04-01 the today line is exactly at the end of March, so there is no stretch to draw.
        Assert.Null(Assert.Single(Layout("2022-04-01", Point("2022-03")).Diamonds).OverdueTo);
        var diamond = Assert.Single(Layout("2022-04-02", Point("2022-03")).Diamonds);
        Assert.Equal((X("2022-04-02"), true), (diamond.OverdueTo!.Value, diamond.Late));
        Assert.Null(Assert.Single(Layout("2022-04-02", Point("2022-06")).Diamonds).OverdueTo);
        Assert.DoesNotContain(Layout("2022-04-02", Point("2022-03")).Bars, b => b.Tone != GanttTone.Summary);
    }

    [Fact]
    public void YearlySpan_AcrossTheFiscalYearEnd_IsLabelledByTheYearItStarts()
    {
        // February–May every year from 2022: the occurrences begin in 令和3, 4 and 5年度.
        var step = Span("2022-02", "2022-05", MilestoneStatus.InProgress, 10).With(m =>
        {
            m.RecurringYearly = true;
            m.UpdatedAt = new DateTimeOffset(2022, 3, 1, 9, 0, 0, TimeSpan.FromHours(9));
        });
        var bars = Layout("2022-03-10", step).Bars.Where(b => b.Tone != GanttTone.Summary).ToList();
        Assert.Equal([2021, 2022, 2023], bars.Select(b => b.Occurrence!.Value));
    }

    [Fact]
    public void PointWithAStart_IsDrawnOnItsEnd_AndItsProgressRunsFromTheStart()
    {
        // A ◆ due in March 2022 whose work starts in January, half done on 2022-02-15 (45 of 90 days).
        var step = Point("2022-03", MilestoneStatus.InProgress).With(m =>
        {
            m.PlannedStart = PlanDate.Parse("2022-01");
            m.Progress = 50;
            m.UpdatedAt = new DateTimeOffset(2022, 2, 10, 9, 0, 0, TimeSpan.FromHours(9));
        });
        var chart = Layout("2022-02-15", step);
        Assert.Equal((X("2022-03-01") + X("2022-04-01")) / 2, Assert.Single(chart.Diamonds).X);
        var point = chart.ProgressLine.Single(p => p.Row == MilestoneRow(chart).Index);
        Assert.Equal(X("2022-01-01") + 45, point.X);
    }

    [Fact]
    public void FinishedPoint_InThePast_DrawsNoDelay()
    {
        var diamond = Assert.Single(Layout("2022-06-01", Point("2022-03", MilestoneStatus.Done)).Diamonds);
        Assert.Equal((null, false), (diamond.OverdueTo, diamond.Late));
    }

    [Fact]
    public void Point_WithOnlyAStart_IsDrawnThere() =>
        Assert.Equal((X("2022-03-01") + X("2022-04-01")) / 2,
            Assert.Single(Layout("2021-06-01", Point("2022-03").With(m => m.PlannedEnd = null)).Diamonds).X);

    [Fact]
    public void Span_WithOnlyAnEnd_IsDrawnOverThatEnd()
    {
        var bar = Bar(Layout("2021-06-01", Span("2022-03", "2022-03").With(m => m.PlannedStart = null)));
        Assert.Equal((X("2022-03-01"), X("2022-04-01")), (bar.X0, bar.X1));
    }

    [Fact]
    public void Span_EndingTheDayBeforeTheWindow_OrStartingTheDayAfter_DrawsNothing()
    {
        Assert.Empty(Layout("2022-06-01", Span("2020-04", "2021-03", MilestoneStatus.Done)).Bars);
        Assert.Empty(Layout("2022-06-01", Span("2024-04", "2025-03")).Bars);
        Assert.DoesNotContain(Layout("2022-06-01", Span("2022-05", "2022-04")).Bars, b => b.Tone != GanttTone.Summary); // ends before it starts
    }

    [Fact]
    public void Span_OnTheWindowsFirstAndLastDay_ContinuesNeitherWay()
    {
        var exact = Bar(Layout("2022-06-01", Span("2021-04", "2024-03", MilestoneStatus.InProgress, 30)));
        Assert.Equal((0d, Width, false, false), (exact.X0, exact.X1, exact.ContinuesBefore, exact.ContinuesAfter));
        var beyond = Bar(Layout("2022-06-01", Span("2021-03", "2024-04", MilestoneStatus.InProgress, 30)));
        Assert.Equal((0d, Width, true, true), (beyond.X0, beyond.X1, beyond.ContinuesBefore, beyond.ContinuesAfter));
    }

    [Fact]
    public void OpenEndedBar_NeverContinuesAfter()
    {
        var bar = Bar(Layout("2022-06-01", OpenEnded("2022-10").With(m =>
            m.UpdatedAt = new DateTimeOffset(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(9)))));
        Assert.Equal((Width, true, false), (bar.X1, bar.FadesOut, bar.ContinuesAfter));
    }

    [Theory]
    [InlineData("2021-04-01", 0d)]
    [InlineData("2024-04-01", Width)]
    public void TodayLine_IsDrawnOnTheWindowsEdgeDays(string asOf, double x) =>
        Assert.Equal(x, Layout(asOf).TodayX);

    [Fact]
    public void YearBands_OfASingleYearWindow()
    {
        var band = Assert.Single(GanttLayout.YearBands(new GanttWindow(2022, 2022)));
        Assert.Equal(("令和4年度", 0d, 365d), (band.Label, band.X0, band.X1));
    }

    [Fact]
    public void ReplannedPoint_HasAPointGhostInTheMiddleOfItsFirstMonth()
    {
        var moved = Point("2022-06").With(m => m.BaselineStart = m.BaselineEnd = PlanDate.Parse("2022-03"));
        var ghost = Assert.Single(Layout("2022-04-01", moved).Ghosts);
        Assert.Equal((X("2022-03-01") + X("2022-04-01")) / 2, ghost.X0);
        Assert.Equal((ghost.X0, true), (ghost.X1, ghost.IsPoint));
        var withOnlyAStart = Point("2022-06").With(m => (m.BaselineStart, m.BaselineEnd) = (PlanDate.Parse("2022-03"), null));
        Assert.Equal(ghost.X0, Assert.Single(Layout("2022-04-01", withOnlyAStart).Ghosts).X0);
        var fromJanuary = Point("2022-06").With(m => (m.BaselineStart, m.BaselineEnd) = (PlanDate.Parse("2022-01"), PlanDate.Parse("2022-03")));
        Assert.Equal(ghost.X0, Assert.Single(Layout("2022-04-01", fromJanuary).Ghosts).X0); // a ◆ sits on its end
        var outside = Point("2022-06").With(m => m.BaselineStart = m.BaselineEnd = PlanDate.Parse("2020-03"));
        Assert.Empty(Layout("2022-04-01", outside).Ghosts);
    }

    [Fact]
    public void ReplannedSpan_GhostRunsOverTheOldPlan_ClippedToTheWindow()
    {
        var onlyEnd = Span("2022-04", "2023-03").With(m => (m.BaselineStart, m.BaselineEnd) = (null, PlanDate.Parse("2022-12")));
        var ghost = Assert.Single(Layout("2022-06-01", onlyEnd).Ghosts);
        Assert.Equal((X("2022-12-01"), X("2023-01-01"), false), (ghost.X0, ghost.X1, ghost.IsPoint));

        var noEnd = Span("2022-04", "2023-03").With(m => m.BaselineEnd = null);
        Assert.Equal((X("2022-04-01"), Width), (Layout("2022-06-01", noEnd).Ghosts[0].X0, Layout("2022-06-01", noEnd).Ghosts[0].X1));

        var before = Span("2022-04", "2023-03").With(m => (m.BaselineStart, m.BaselineEnd) = (PlanDate.Parse("2020-04"), PlanDate.Parse("2021-03")));
        Assert.Empty(Layout("2022-06-01", before).Ghosts);
        var after = Span("2022-04", "2023-03").With(m => (m.BaselineStart, m.BaselineEnd) = (PlanDate.Parse("2024-04"), PlanDate.Parse("2024-06")));
        Assert.Empty(Layout("2022-06-01", after).Ghosts);
        var backwards = Span("2022-04", "2023-03").With(m => (m.BaselineStart, m.BaselineEnd) = (PlanDate.Parse("2022-05"), PlanDate.Parse("2022-04")));
        Assert.Empty(Layout("2022-06-01", backwards).Ghosts);
        var across = Span("2022-04", "2023-03").With(m => (m.BaselineStart, m.BaselineEnd) = (PlanDate.Parse("2020-04"), PlanDate.Parse("2024-06")));
        Assert.Equal((0d, Width), (Layout("2022-06-01", across).Ghosts[0].X0, Layout("2022-06-01", across).Ghosts[0].X1));
    }

    [Fact]
    public void ProgressPoint_OfRowsThatSayNothingAboutProgress_SitsOnTheTodayLineUnmeasured()
    {
        var external = Point("2022-09").With(m => m.ExternalActor = "総務省");
        var cancelled = Span("2022-04", "2023-03", MilestoneStatus.Cancelled, 30);
        var open = OpenEnded("2022-04").With(m => m.UpdatedAt = new DateTimeOffset(2022, 5, 20, 9, 0, 0, TimeSpan.FromHours(9)));
        var undated = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 30).With(m => m.PlannedEnd = null);
        var chart = Layout("2022-06-01", external, cancelled, open, undated);
        var rows = chart.Rows.Where(r => r.Kind == GanttRowKind.Milestone).Select(r => r.Index).ToList();
        Assert.All(rows, row => Assert.Equal((X("2022-06-01"), false),
            (chart.ProgressLine.Single(p => p.Row == row).X, chart.ProgressLine.Single(p => p.Row == row).Measured)));
    }

    [Fact]
    public void ProgressPoint_OfAStepDueToBeginToday_IsMeasuredAtItsStart()
    {
        var step = Span("2022-06", "2022-07");
        var chart = Layout("2022-06-01", step);
        var point = chart.ProgressLine.Single(p => p.Row == MilestoneRow(chart).Index);
        Assert.Equal((X("2022-06-01"), true), (point.X, point.Measured));
    }

    [Theory]
    [InlineData(null, "2022-06")]
    [InlineData("2022-06", null)]
    public void ProgressPoint_OfAPoint_RunsOverItsMonth(string? start, string? end)
    {
        // A ◆ in June 2022 half done on 2022-06-16 sits at the middle of June, whichever of its dates is set.
        var step = Point("2022-06", MilestoneStatus.InProgress).With(m =>
        {
            m.Progress = 50;
            m.PlannedStart = start is null ? null : PlanDate.Parse(start);
            m.PlannedEnd = end is null ? null : PlanDate.Parse(end);
            m.UpdatedAt = new DateTimeOffset(2022, 6, 10, 9, 0, 0, TimeSpan.FromHours(9));
        });
        var chart = Layout("2022-06-16", step);
        var point = chart.ProgressLine.Single(p => p.Row == MilestoneRow(chart).Index);
        Assert.Equal((X("2022-06-16"), true), (point.X, point.Measured));
    }
}
