using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>Planned periods and dates as the screens and reports print them, at each precision.</summary>
public class DateTextBoundaryTests
{
    [Fact]
    public void Period_OfAMonthSpan_NamesBothMonths() =>
        Assert.Equal("令和4年4月～令和5年3月", JapaneseDates.Period(Span("2022-04", "2023-03")));

    [Fact]
    public void Period_OfADaySpan_NamesBothDays() =>
        Assert.Equal("令和4年4月1日～令和4年4月10日", JapaneseDates.Period(Span("2022-04-01", "2022-04-10")));

    [Fact]
    public void Period_AcrossAnEra_UsesTheEraOfEachEnd() =>
        Assert.Equal("平成31年4月～令和元年5月", JapaneseDates.Period(Span("2019-04", "2019-05")));

    [Theory]
    [InlineData("2022-03", false, "令和4年3月")]
    [InlineData("2022-03", true, "令和4年3月までに")]
    [InlineData("2022-03-15", false, "令和4年3月15日")]
    [InlineData("2022-03-15", true, "令和4年3月15日までに")]
    public void Period_OfAPoint_IsItsDate_WithまでにOnlyForADeadline(string date, bool deadline, string shown) =>
        Assert.Equal(shown, JapaneseDates.Period(Point(date).With(m => m.Deadline = deadline)));

    [Fact]
    public void Period_WithOnlyAnEnd_SaysUntil() =>
        Assert.Equal("令和5年3月まで", JapaneseDates.Period(Span("2022-04", "2023-03").With(m => m.PlannedStart = null)));

    [Fact]
    public void Period_WithOnlyAStart_OpensToTheRight() =>
        Assert.Equal("令和4年4月～", JapaneseDates.Period(Span("2022-04", "2023-03").With(m => m.PlannedEnd = null)));

    [Fact]
    public void Period_OfAnOpenEndedSpanWithAnEnd_StillReadsFromItsStart() =>
        Assert.Equal("令和4年10月～", JapaneseDates.Period(Span("2022-10", "2023-03").With(m => m.OpenEnded = true)));

    [Fact]
    public void Period_WithNoDates_IsUndecided() =>
        Assert.Equal("未定", JapaneseDates.Period(null, null, MilestoneKind.Span, openEnded: false, deadline: false));

    [Fact]
    public void Period_OfAPointWithoutAnEnd_FallsBackToItsStart() =>
        Assert.Equal("令和4年4月～", JapaneseDates.Period(PlanDate.Parse("2022-04"), null, MilestoneKind.Point, false, false));

    [Theory]
    [InlineData("2022-03", "令和4年3月", "令和4年3月 (2022/03)")]
    [InlineData("2022-03-05", "令和4年3月5日", "令和4年3月5日 (2022/03/05)")]
    [InlineData("2019-05-01", "令和元年5月1日", "令和元年5月1日 (2019/05/01)")]
    public void Format_IsAsPreciseAsThePlanDate(string text, string japanese, string withWestern)
    {
        var date = PlanDate.Parse(text);
        Assert.Equal(japanese, JapaneseDates.Format(date));
        Assert.Equal(withWestern, JapaneseDates.FormatWithWestern(date));
    }

    [Fact]
    public void WesternForms_AreZeroPadded()
    {
        Assert.Equal("2022/03/05", JapaneseDates.WesternDay(Day("2022-03-05")));
        Assert.Equal("2022/03", JapaneseDates.WesternMonth(Day("2022-03-05")));
        Assert.Equal("令和4年", JapaneseDates.EraYear(Day("2022-03-05")));
    }

    [Fact]
    public void FiscalYear_RunsFromAprilTheFirstToMarchTheThirtyFirst()
    {
        Assert.Equal(Day("2022-04-01"), JapaneseDates.FiscalYearStart(2022));
        Assert.Equal(Day("2023-03-31"), JapaneseDates.FiscalYearEnd(2022));
    }
}

/// <summary>Plan dates: precision kept through yearly repetition, parsing, and the text stored for them.</summary>
public class PlanDateBoundaryTests
{
    [Theory]
    [InlineData("2021-05", 5, "2026-05")]
    [InlineData("2021-05-20", 5, "2026-05-20")]
    [InlineData("2024-02-29", 1, "2025-02-28")] // no 29th: the last day of February
    [InlineData("2022-12", -1, "2021-12")]
    public void AddYears_KeepsThePrecision(string text, int years, string expected)
    {
        var moved = PlanDate.Parse(text).AddYears(years);
        Assert.Equal(expected, moved.ToIso());
        Assert.Equal(PlanDate.Parse(text).Precision, moved.Precision);
    }

    [Fact]
    public void AMonthAndItsFirstDay_AreDifferentPlanDates()
    {
        Assert.NotEqual(PlanDate.Parse("2022-03"), PlanDate.Parse("2022-03-01"));
        Assert.Equal(DatePrecision.Month, PlanDate.OfMonth(2022, 3).Precision);
        Assert.Equal(DatePrecision.Day, PlanDate.OfDay(Day("2022-03-01")).Precision);
    }

    [Theory]
    [InlineData(" 2022-03 ", "2022-03")]
    [InlineData("2022-03-15\t", "2022-03-15")]
    public void Parse_IgnoresSurroundingSpace(string text, string iso)
    {
        Assert.True(PlanDate.TryParse(text, out var date));
        Assert.Equal(iso, date.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("2022-3")]
    [InlineData("2022-03-5")]
    [InlineData("2022-03-015")]
    public void TryParse_RefusesIncompleteText(string? text) => Assert.False(PlanDate.TryParse(text, out _));

    [Fact]
    public void Parse_OfBadText_SaysWhichFormsAreAccepted()
    {
        var error = Assert.Throws<FormatException>(() => PlanDate.Parse("令和4年3月"));
        Assert.Equal("日付 '令和4年3月' は YYYY-MM または YYYY-MM-DD で指定してください。", error.Message);
    }
}
