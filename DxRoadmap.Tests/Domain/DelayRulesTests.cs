using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

public class DelayRulesTests
{
    [Fact]
    public void Milestone_DueR4March_IsOnTimeOnLastDayOfMarch()
    {
        var step = Point("2022-03");
        Assert.False(DelayRules.Assess(step, Day("2022-03-31")).Has(DelayKind.Overdue));
    }

    [Fact]
    public void Milestone_DueR4March_IsOverdueOnFirstOfApril()
    {
        var step = Point("2022-03");
        var assessment = DelayRules.Assess(step, Day("2022-04-01"));
        var flag = Assert.Single(assessment.Flags);
        Assert.Equal(DelayKind.Overdue, flag.Kind);
        Assert.Equal(1, flag.Days);
        Assert.Equal(Signal.Red, assessment.Signal);
    }

    [Fact]
    public void Milestone_DueInFebruaryOfLeapYear_EndsOn29th()
    {
        var step = Point("2024-02");
        Assert.False(DelayRules.Assess(step, Day("2024-02-29")).IsLate);
        Assert.True(DelayRules.Assess(step, Day("2024-03-01")).IsLate);
    }

    [Fact]
    public void Overdue_ThreeMonths_IsDescribedInMonths()
    {
        var step = Point("2022-03");
        var flag = DelayRules.Assess(step, Day("2022-07-01")).Worst!;
        Assert.Equal("期限超過 3か月", flag.Description);
    }

    [Theory]
    [InlineData(MilestoneStatus.Done)]
    [InlineData(MilestoneStatus.Cancelled)]
    public void ClosedMilestone_IsNeverLate(MilestoneStatus status) =>
        Assert.False(DelayRules.Assess(Point("2022-03", status), Day("2025-01-01")).NeedsAttention);

    [Fact]
    public void ExternalEvent_IsNeverLate()
    {
        var step = Point("2021-03").With(m => m.ExternalActor = "総務省");
        Assert.Empty(DelayRules.Assess(step, Day("2026-11-26")).Flags);
    }

    [Fact]
    public void OpenEndedSpan_IsNeverOverdue()
    {
        var step = Build.OpenEnded("2022-10", MilestoneStatus.InProgress)
            .With(m => m.UpdatedAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Empty(DelayRules.Assess(step, Day("2029-12-31")).Flags);
    }

    [Fact]
    public void OpenEndedSpan_CanBeStale()
    {
        var step = Build.OpenEnded("2022-10", MilestoneStatus.InProgress)
            .With(m => m.UpdatedAt = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        var flag = Assert.Single(DelayRules.Assess(step, Day("2026-03-03")).Flags);
        Assert.Equal(DelayKind.Stale, flag.Kind);
    }

    [Theory]
    [InlineData("2026-03-02", false)] // 60 days without update: still fine
    [InlineData("2026-03-03", true)]  // 61 days: stale
    public void Stale_AfterMoreThanSixtyDays(string asOf, bool stale)
    {
        var step = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 30)
            .With(m => m.UpdatedAt = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        Assert.Equal(stale, DelayRules.Assess(step, Day(asOf)).Has(DelayKind.Stale));
    }

    [Theory]
    [InlineData("2022-04-30", false)] // within the planned start month
    [InlineData("2022-05-01", true)]  // start month over, still 未着手
    public void LateStart_WhenStartMonthHasPassedStillNotStarted(string asOf, bool late)
    {
        var step = Span("2022-04", "2023-03");
        Assert.Equal(late, DelayRules.Assess(step, Day(asOf)).Has(DelayKind.LateStart));
    }

    [Fact]
    public void LateStart_IsNotReportedOnTopOfOverdue()
    {
        var flags = DelayRules.Assess(Span("2022-04", "2023-03"), Day("2023-04-01")).Flags;
        Assert.Equal([DelayKind.Overdue], flags.Select(f => f.Kind));
    }

    [Fact]
    public void AtRisk_WhenEndIsNearAndProgressFarBehind()
    {
        // 2022-04-01..2023-03-31 (365 days); on 2023-03-10 about 94% is expected.
        var behind = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 50)
            .With(m => m.UpdatedAt = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var onTrack = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 90)
            .With(m => m.UpdatedAt = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var asOf = Day("2023-03-10");
        Assert.Equal(Signal.Yellow, DelayRules.Assess(behind, asOf).Signal);
        Assert.True(DelayRules.Assess(behind, asOf).Has(DelayKind.AtRisk));
        Assert.False(DelayRules.Assess(onTrack, asOf).NeedsAttention);
    }

    [Fact]
    public void AtRisk_NotYetWhenEndIsFurtherThanThreshold()
    {
        var behind = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 0)
            .With(m => m.UpdatedAt = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.False(DelayRules.Assess(behind, Day("2023-02-28")).Has(DelayKind.AtRisk)); // 31 days left
        Assert.True(DelayRules.Assess(behind, Day("2023-03-01")).Has(DelayKind.AtRisk));  // 30 days left
    }

    [Theory]
    [InlineData("2022-04-01", 0)]
    [InlineData("2022-09-30", 50)]
    [InlineData("2023-03-31", 100)]
    [InlineData("2023-05-01", 100)]
    public void ExpectedProgress_IsLinearOverThePlannedPeriod(string asOf, int expected) =>
        Assert.Equal(expected, DelayRules.ExpectedProgress(Day("2022-04-01"), Day("2023-03-31"), Day(asOf)));

    [Fact]
    public void RecurringStep_IsJudgedByThisYearsOccurrence()
    {
        // 新規採用職員研修: every May from 令和3年.
        var training = Point("2021-05", MilestoneStatus.Done).With(m =>
        {
            m.RecurringYearly = true;
            m.ActualEnd = Day("2025-05-20");
        });
        Assert.False(DelayRules.Assess(training, Day("2025-06-01")).IsLate); // done for 2025
        Assert.False(DelayRules.Assess(training, Day("2026-05-31")).IsLate); // 2026 occurrence still running
        Assert.True(DelayRules.Assess(training, Day("2026-06-01")).IsLate);  // 2026 not recorded as done
    }

    [Fact]
    public void CustomThresholds_AreHonoured()
    {
        var step = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 30)
            .With(m => m.UpdatedAt = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        var strict = new DelayThresholds { StaleDays = 10 };
        Assert.True(DelayRules.Assess(step, Day("2026-01-12"), strict).Has(DelayKind.Stale));
        Assert.False(DelayRules.Assess(step, Day("2026-01-12")).Has(DelayKind.Stale));
    }
}
