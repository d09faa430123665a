using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>Each delay rule at the day where its answer changes, as the alert list and the report print it.</summary>
public class DelayRuleBoundaryTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private static string Shown(Milestone milestone, string asOf) =>
        string.Join("、", DelayRules.Assess(milestone, Day(asOf)).Flags.Select(f => f.Description));

    /// <summary>A 未着手 step planned every June to July (first in 令和3年), last finished on <paramref name="lastDone"/>.</summary>
    private static Milestone YearlySpan(string? lastDone) => Span("2021-06", "2021-07").With(m =>
    {
        m.RecurringYearly = true;
        m.ActualEnd = lastDone is null ? null : Day(lastDone);
    });

    private static Milestone YearlyPoint(string date, string? actualEnd, MilestoneStatus status = MilestoneStatus.NotStarted) =>
        Point(date, status).With(m =>
        {
            m.RecurringYearly = true;
            m.ActualEnd = actualEnd is null ? null : Day(actualEnd);
        });

    // ---- yearly steps: which occurrence is judged ----

    [Fact]
    public void YearlyStep_BeforeThisYearsOccurrence_IsJudgedOnLastYears()
    {
        // Last finished in 2024: the 2025 occurrence (June–July) was missed, and on 2026-05-31 the 2026 one has not begun.
        var step = YearlySpan("2024-07-10");
        Assert.Equal("期限超過 10か月", Shown(step, "2026-05-31")); // 2025-07-31 + 304 days
        Assert.Equal(Signal.Red, DelayRules.Assess(step, Day("2026-05-31")).Signal);
    }

    [Fact]
    public void YearlyStep_OnTheFirstDayOfTheNewOccurrence_IsJudgedOnTheNewOne()
    {
        var step = YearlySpan("2024-07-10");
        var assessment = DelayRules.Assess(step, Day("2026-06-01"));
        Assert.Empty(assessment.Flags);
        Assert.Equal(Signal.Blue, assessment.Signal);
        Assert.Equal(0, assessment.ExpectedProgress); // the 2026 occurrence starts today
    }

    [Fact]
    public void YearlyStep_ThisYearsOccurrence_IsTheOneWhoseStartHasPassed_NotWhoseEndHasPassed()
    {
        // Mid-June 2026: the 2026 occurrence (June–July) is running, nothing is due yet.
        var step = YearlySpan("2025-07-20");
        Assert.Equal("", Shown(step, "2026-06-15"));
        Assert.Equal(Day("2026-06-01"), DelayRules.CurrentOccurrence(step, Day("2026-06-15")).Start!.Value.FirstDay);
        Assert.Equal(Day("2026-07-31"), DelayRules.CurrentOccurrence(step, Day("2026-06-15")).End!.Value.LastDay);
    }

    [Fact]
    public void YearlyStep_BeforeItsFirstOccurrence_KeepsThePlannedDates()
    {
        var step = YearlySpan(null);
        var (start, end) = DelayRules.CurrentOccurrence(step, Day("2021-05-31"));
        Assert.Equal(PlanDate.Parse("2021-06"), start);
        Assert.Equal(PlanDate.Parse("2021-07"), end);
    }

    [Fact]
    public void YearlyStep_WithOnlyAnEnd_RepeatsFromThatEnd_AndIsDoneWhenFinishedWithinIt()
    {
        // 「令和3年5月まで」 every year: no planned start, so each occurrence is the month of the end.
        var step = YearlyPoint("2021-05", "2026-05-20").With(m => m.PlannedStart = null);
        Assert.Equal(PlanDate.Parse("2026-05"), DelayRules.CurrentOccurrence(step, Day("2026-06-01")).End);
        Assert.Equal("", Shown(step, "2026-06-01"));
        // Finished only last year: this year's is 1 day overdue.
        var missed = YearlyPoint("2021-05", "2025-05-20").With(m => m.PlannedStart = null);
        Assert.Equal("期限超過 1日", Shown(missed, "2026-06-01"));
    }

    [Fact]
    public void YearlyStep_DueOnASetDay_IsLateFromTheNextDay_NotTheNextMonth()
    {
        // 毎年5月20日: a day-precision yearly step keeps its day in every year.
        var step = YearlyPoint("2021-05-20", "2025-05-20");
        Assert.Equal("", Shown(step, "2026-05-20"));
        Assert.Equal("期限超過 1日", Shown(step, "2026-05-21"));
        Assert.Equal(PlanDate.OfDay(Day("2026-05-20")), DelayRules.CurrentOccurrence(step, Day("2026-05-21")).End);
    }

    // ---- yearly steps: done for this occurrence ----

    [Fact]
    public void YearlyStep_FinishedOnTheAsOfDay_IsDoneForThisOccurrence()
    {
        // Due in May 2026, finished late on 2026-06-03; judged on that very day.
        var step = YearlyPoint("2021-05", "2026-06-03");
        Assert.Equal("", Shown(step, "2026-06-03"));
    }

    [Fact]
    public void YearlyStep_FinishedAfterTheAsOfDay_IsNotYetDone()
    {
        // A report as of 2026-06-02 does not know of the finish recorded for 2026-06-03.
        var step = YearlyPoint("2021-05", "2026-06-03");
        Assert.Equal("期限超過 2日", Shown(step, "2026-06-02"));
    }

    [Fact]
    public void YearlyStep_FinishedOnTheOccurrencesFirstDay_IsDone()
    {
        var step = YearlyPoint("2021-05", "2026-05-01");
        Assert.Equal("", Shown(step, "2026-06-01"));
    }

    [Fact]
    public void YearlySpan_FinishedInItsFirstMonth_IsDoneForThatYear()
    {
        // June–July every year, finished on 2026-06-20: done, though before the end month began.
        var step = YearlySpan("2026-06-20");
        Assert.Equal("", Shown(step, "2026-08-15"));
    }

    [Fact]
    public void YearlyStep_FinishedTheDayBeforeTheOccurrence_CountsForLastYearOnly()
    {
        var step = YearlyPoint("2021-05", "2026-04-30");
        Assert.Equal("期限超過 1日", Shown(step, "2026-06-01"));
    }

    [Fact]
    public void YearlyStep_IsJudgedByItsActualEnd_NotByAStatusLeftAt完了()
    {
        var step = YearlyPoint("2021-05", "2025-05-20", MilestoneStatus.Done);
        Assert.Equal("期限超過 1日", Shown(step, "2026-06-01"));
    }

    // ---- expected progress ----

    [Theory]
    [InlineData("2022-03-31", 0)]  // before the start: 0, never negative
    [InlineData("2022-04-01", 0)]  // the first day: nothing has passed yet
    [InlineData("2022-04-02", 25)] // 1 of 4 days
    [InlineData("2022-04-03", 50)]
    [InlineData("2022-04-04", 75)] // the last day itself is still to be worked
    [InlineData("2022-04-05", 100)]
    public void ExpectedProgress_CountsBothEndDays(string asOf, int expected) =>
        Assert.Equal(expected, DelayRules.ExpectedProgress(Day("2022-04-01"), Day("2022-04-04"), Day(asOf)));

    [Fact]
    public void ExpectedProgress_RoundsHalvesUp()
    {
        // 1 of 8 days = 12.5% → 13%.
        Assert.Equal(13, DelayRules.ExpectedProgress(Day("2022-04-01"), Day("2022-04-08"), Day("2022-04-02")));
    }

    [Fact]
    public void ExpectedProgress_BeforeTheStart_IsZero_OnTheAssessment()
    {
        var step = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 0);
        var assessment = DelayRules.Assess(step, Day("2021-05-01"));
        Assert.Equal(0, assessment.ExpectedProgress);
        Assert.Empty(assessment.Flags);
    }

    [Fact]
    public void ExpectedProgress_IsOnTheAssessmentOfAnItemNotYetDue()
    {
        var step = Span("2022-04-01", "2022-04-04", MilestoneStatus.InProgress, 50);
        Assert.Equal(50, DelayRules.Assess(step, Day("2022-04-03")).ExpectedProgress);
        Assert.Null(DelayRules.Assess(step, Day("2022-04-05")).ExpectedProgress); // overdue: no expectation shown
    }

    // ---- 要注意 ----

    [Theory]
    [InlineData(70, "")]               // exactly 20 points behind the expected 90%: not yet
    [InlineData(69, "要注意 残り0日")] // 21 points behind
    public void AtRisk_OnlyWhenMoreThanTwentyPointsBehind(int progress, string shown)
    {
        // 2022-04-01..2022-04-10 (10 days); on the last day 90% is expected.
        var step = Span("2022-04-01", "2022-04-10", MilestoneStatus.InProgress, progress);
        Assert.Equal(shown, Shown(step, "2022-04-10"));
    }

    [Fact]
    public void AtRisk_CountsTheDaysLeftToTheLastDayOfTheEndMonth()
    {
        var step = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 0)
            .With(m => m.UpdatedAt = new DateTimeOffset(2023, 2, 20, 9, 0, 0, Jst));
        Assert.Equal("要注意 残り30日", Shown(step, "2023-03-01"));
        Assert.Equal("要注意 残り0日", Shown(step, "2023-03-31"));
    }

    [Fact]
    public void AtRisk_HonoursAConfiguredMargin()
    {
        var step = Span("2022-04-01", "2022-04-10", MilestoneStatus.InProgress, 75);
        var strict = new DelayThresholds { AtRiskMarginPercent = 10, AtRiskDays = 0 };
        Assert.True(DelayRules.Assess(step, Day("2022-04-10"), strict).Has(DelayKind.AtRisk));
        Assert.False(DelayRules.Assess(step, Day("2022-04-09"), strict).Has(DelayKind.AtRisk)); // 1 day left > 0
    }

    // ---- signal ----

    [Fact]
    public void UnflaggedItem_SignalIsBlue()
    {
        var step = Span("2022-04", "2023-03", MilestoneStatus.InProgress, 50)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 9, 20, 9, 0, 0, Jst));
        var assessment = DelayRules.Assess(step, Day("2022-10-01"));
        Assert.Empty(assessment.Flags);
        Assert.False(assessment.NeedsAttention);
        Assert.Equal(Signal.Blue, assessment.Signal);
        Assert.Equal("青", assessment.Signal.Label());
        Assert.Null(assessment.Worst);
    }

    [Fact]
    public void StaleOnly_SignalIsYellow_AndLateIsRed()
    {
        var stale = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 30)
            .With(m => m.UpdatedAt = new DateTimeOffset(2026, 1, 1, 9, 0, 0, Jst));
        Assert.Equal("黄", DelayRules.Assess(stale, Day("2026-03-03")).Signal.Label());
        Assert.Equal("赤", DelayRules.Assess(Point("2022-03"), Day("2022-04-01")).Signal.Label());
    }

    [Fact]
    public void Worst_IsTheMostSeriousFlag()
    {
        // Overdue and stale at once: 遅延 is named first.
        var step = Span("2022-04", "2022-06", MilestoneStatus.InProgress, 10)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 4, 1, 9, 0, 0, Jst));
        var assessment = DelayRules.Assess(step, Day("2022-09-01"));
        Assert.Equal([DelayKind.Overdue, DelayKind.Stale], assessment.Flags.Select(f => f.Kind));
        Assert.Equal("遅延", assessment.Worst!.Label);
        Assert.Equal("期限超過 2か月、更新なし 153日", Shown(step, "2022-09-01"));
    }

    // ---- how many days and months ----

    [Theory]
    [InlineData("2022-04-30", "期限超過 30日")]
    [InlineData("2022-05-01", "期限超過 1か月")] // 31 days
    [InlineData("2022-05-29", "期限超過 1か月")] // 59 days
    [InlineData("2022-05-30", "期限超過 2か月")] // 60 days
    public void Overdue_BecomesMonthsFrom31Days(string asOf, string shown) =>
        Assert.Equal(shown, Shown(Point("2022-03"), asOf));

    [Theory]
    [InlineData(0, "0日")]
    [InlineData(1, "1日")]
    [InlineData(30, "30日")]
    [InlineData(31, "1か月")]
    [InlineData(59, "1か月")]
    [InlineData(60, "2か月")]
    public void Span_IsDaysUnderAMonth_ThenWholeMonths_NeverZeroMonths(int days, string text) =>
        Assert.Equal(text, DelayText.Span(days));

    [Theory]
    [InlineData("2022-05-01", "着手遅れ 1日")]
    [InlineData("2022-05-31", "着手遅れ 1か月")]
    public void LateStart_CountsFromTheLastDayOfTheStartMonth(string asOf, string shown) =>
        Assert.Equal(shown, Shown(Span("2022-04", "2023-03"), asOf));

    [Fact]
    public void LateStart_IsNotForAPoint()
    {
        // A point has no start to be late for: until it is due it is simply 予定.
        var step = Point("2022-12").With(m => m.PlannedStart = PlanDate.Parse("2022-01"));
        Assert.Equal("", Shown(step, "2022-03-01"));
    }

    [Fact]
    public void LateStart_OnlyWhile未着手()
    {
        var started = Span("2022-04", "2023-03", MilestoneStatus.OnHold);
        Assert.Equal("", Shown(started, "2022-05-01"));
    }

    // ---- 更新なし ----

    [Fact]
    public void Stale_WithoutAnyUpdate_CountsFromTheActualStart()
    {
        var step = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 10).With(m => m.ActualStart = Day("2026-02-01"));
        Assert.Equal("", Shown(step, "2026-04-02"));                // 60 days after the actual start
        Assert.Equal("更新なし 61日", Shown(step, "2026-04-03"));
    }

    [Fact]
    public void Stale_WithoutAnUpdateOrActualStart_CountsFromThePlannedStart()
    {
        var step = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 10);
        Assert.Equal("更新なし 92日", Shown(step, "2026-04-03"));
    }

    [Fact]
    public void Stale_OnlyWhile進行中()
    {
        var held = Span("2026-01", "2027-03", MilestoneStatus.OnHold, 10);
        Assert.Equal("", Shown(held, "2026-09-01"));
    }

    [Theory]
    [InlineData("2026-03-02", "")]
    [InlineData("2026-03-03", "更新なし 61日")]
    public void Stale_AnUpdateAt0800Jst_CountsFromThatJapaneseDay(string asOf, string shown)
    {
        // 2026-01-01 08:00 in Japan is 2025-12-31 23:00 UTC; the update belongs to 2026-01-01 however it is stored.
        var inJapan = new DateTimeOffset(2026, 1, 1, 8, 0, 0, Jst);
        var japan = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 30).With(m => m.UpdatedAt = inJapan);
        var utc = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 30).With(m => m.UpdatedAt = inJapan.ToUniversalTime());
        Assert.Equal(shown, Shown(japan, asOf));
        Assert.Equal(shown, Shown(utc, asOf));
    }

    [Fact]
    public void Stale_AnUpdateJustBeforeMidnightJst_IsStillThatDay()
    {
        // 2026-01-01 23:59 JST = 14:59 UTC the same day; 00:00 JST on the 2nd is the next day.
        var late = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 30)
            .With(m => m.UpdatedAt = new DateTimeOffset(2026, 1, 1, 14, 59, 0, TimeSpan.Zero));
        var midnight = Span("2026-01", "2027-03", MilestoneStatus.InProgress, 30)
            .With(m => m.UpdatedAt = new DateTimeOffset(2026, 1, 1, 15, 0, 0, TimeSpan.Zero));
        Assert.Equal("更新なし 61日", Shown(late, "2026-03-03"));
        Assert.Equal("", Shown(midnight, "2026-03-03"));
    }

    [Fact]
    public void DayInJapan_IsTheJapaneseCalendarDayOfAMoment()
    {
        Assert.Equal(Day("2026-01-01"), JapaneseDates.DayInJapan(new DateTimeOffset(2025, 12, 31, 15, 0, 0, TimeSpan.Zero)));
        Assert.Equal(Day("2025-12-31"), JapaneseDates.DayInJapan(new DateTimeOffset(2025, 12, 31, 14, 59, 59, TimeSpan.Zero)));
        Assert.Equal(Day("2026-01-01"), JapaneseDates.DayInJapan(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Jst)));
    }

    // ---- what is never flagged ----

    [Fact]
    public void DoneItem_HasNoFlags_EvenWhenItsPlannedEndHasPassed()
    {
        var done = Span("2022-04", "2022-06", MilestoneStatus.Done, 100);
        Assert.Same(DelayAssessment.None, DelayRules.Assess(done, Day("2023-01-01")));
    }

    [Fact]
    public void FlagDescriptions_AreTheWordsTheAlertListShows()
    {
        Assert.Equal("期限超過 3か月", new DelayFlag(DelayKind.Overdue, 95).Description);
        Assert.Equal("着手遅れ 12日", new DelayFlag(DelayKind.LateStart, 12).Description);
        Assert.Equal("要注意 残り20日", new DelayFlag(DelayKind.AtRisk, 20).Description);
        Assert.Equal("更新なし 75日", new DelayFlag(DelayKind.Stale, 75).Description);
        Assert.Equal(["遅延", "着手遅れ", "要注意", "更新なし"],
            Enum.GetValues<DelayKind>().Select(k => k.Label()));
        Assert.Equal(["青", "黄", "赤"], Enum.GetValues<Signal>().Select(s => s.Label()));
    }

    [Fact]
    public void UnknownKindOrSignal_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DelayKind)9).Label());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Signal)9).Label());
    }
}
