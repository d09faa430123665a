using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>The S/A/B/C grade and the progress figures beside it, at the points where the grade changes.</summary>
public class EvaluationBoundaryTests
{
    private static (string Grade, ProgressComparison Progress) Grade(string asOf, params Milestone[] items)
    {
        var grade = EvaluationRule.Evaluate(GanttData.Assess(Day(asOf), items), Day(asOf), out var progress);
        return (EvaluationRule.Label(grade), progress);
    }

    // 2023-04-01..2023-04-10: on the 10th, 90% is expected.
    private static Milestone TenDays(MilestoneStatus status, int progress) => Span("2023-04-01", "2023-04-10", status, progress);

    [Fact]
    public void S_AtExactlyTenPointsAhead()
    {
        var (grade, progress) = Grade("2023-04-10", TenDays(MilestoneStatus.InProgress, 100));
        Assert.Equal("S 計画以上", grade);
        Assert.Equal(new ProgressComparison(100, 90, 1), progress);
    }

    [Fact]
    public void A_AtNinePointsAhead()
    {
        var (grade, progress) = Grade("2023-04-10", TenDays(MilestoneStatus.InProgress, 99));
        Assert.Equal("A 計画どおり", grade);
        Assert.Equal(new ProgressComparison(99, 90, 1), progress);
    }

    [Fact]
    public void Done_CountsAsAHundred_WhateverProgressWasRecorded()
    {
        // Marked 完了 without moving the progress bar: still 100 against the expected 90.
        var (grade, progress) = Grade("2023-04-10", TenDays(MilestoneStatus.Done, 0));
        Assert.Equal("S 計画以上", grade);
        Assert.Equal(100, progress.Actual);
    }

    [Fact]
    public void AverageProgress_RoundsHalvesUp_AndThatRoundingDecidesSOverA()
    {
        // Both run 2023-01-01..2023-04-10 (100 days); on 2023-02-23, 53% is expected of each.
        // Recorded 100 and 25: the average 62.5% is shown as 63%, exactly 10 points ahead.
        var done = Span("2023-01-01", "2023-04-10", MilestoneStatus.Done, 100);
        var running = Span("2023-01-01", "2023-04-10", MilestoneStatus.InProgress, 25);
        var (grade, progress) = Grade("2023-02-23", done, running);
        Assert.Equal(new ProgressComparison(63, 53, 2), progress);
        Assert.Equal("S 計画以上", grade);
    }

    [Fact]
    public void OnlyOpenEndedItems_NothingToCompare_IsA()
    {
        var (grade, progress) = Grade("2023-04-10", OpenEnded("2022-10").With(m =>
            m.UpdatedAt = new DateTimeOffset(2023, 4, 1, 9, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal("A 計画どおり", grade);
        Assert.Equal(new ProgressComparison(0, 0, 0), progress);
    }

    [Fact]
    public void OpenEndedItems_AreLeftOutOfTheProgressComparison()
    {
        var open = OpenEnded("2022-10").With(m => m.UpdatedAt = new DateTimeOffset(2023, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        var (_, progress) = Grade("2023-04-10", open, TenDays(MilestoneStatus.InProgress, 80));
        Assert.Equal(new ProgressComparison(80, 90, 1), progress);
    }

    [Fact]
    public void ItemWithOnlyAnEnd_IsExpectedFromTheStartOfThatEnd()
    {
        // 「令和5年4月まで」: no start, so the expectation runs over April 2023 itself.
        var step = Span("2023-04", "2023-04", MilestoneStatus.InProgress, 50).With(m => m.PlannedStart = null);
        var (_, progress) = Grade("2023-04-16", step);
        Assert.Equal(new ProgressComparison(50, 50, 1), progress);
    }

    // 新規採用職員研修: every May; on 2026-05-16, 15 of May's 31 days have passed (48%).
    private static Milestone YearlyTraining(MilestoneStatus status, int progress, string? actualEnd) =>
        Point("2021-05", status).With(m =>
        {
            m.RecurringYearly = true;
            m.Progress = progress;
            m.ActualEnd = actualEnd is null ? null : Day(actualEnd);
        });

    [Theory]
    [InlineData("2026-04-30", 0)]  // finished before this year's occurrence: that was last year's
    [InlineData("2026-05-01", 100)] // on the occurrence's first day
    [InlineData("2026-05-16", 100)] // on the as-of day
    [InlineData("2026-05-17", 0)]  // after the as-of day: not known yet
    public void YearlyStep_CountsAsAHundredOnlyWhenFinishedInThisOccurrence(string actualEnd, int actual)
    {
        var (_, progress) = Grade("2026-05-16", YearlyTraining(MilestoneStatus.InProgress, 0, actualEnd));
        Assert.Equal(new ProgressComparison(actual, 48, 1), progress);
    }

    [Fact]
    public void YearlyStep_DoneThisYear_IsS()
    {
        var (grade, _) = Grade("2026-05-16", YearlyTraining(MilestoneStatus.InProgress, 0, "2026-05-10"));
        Assert.Equal("S 計画以上", grade);
    }

    [Fact]
    public void YearlyStep_Left完了FromLastYear_CountsItsRecordedProgress_AndIsAtRisk()
    {
        var (grade, progress) = Grade("2026-05-16", YearlyTraining(MilestoneStatus.Done, 0, "2025-05-20"));
        Assert.Equal(0, progress.Actual);
        Assert.Equal("B やや遅れ", grade); // 0% with 15 days left against 48% expected
    }

    [Fact]
    public void Labels_AreTheFourGrades()
    {
        Assert.Equal(["S 計画以上", "A 計画どおり", "B やや遅れ", "C 遅れ"], Enum.GetValues<Evaluation>().Select(EvaluationRule.Label));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationRule.Label((Evaluation)9));
    }
}
