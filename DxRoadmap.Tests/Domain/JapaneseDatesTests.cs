using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

public class JapaneseDatesTests
{
    [Theory]
    [InlineData("2019-04-30", "平成31年4月30日")]
    [InlineData("2019-05-01", "令和元年5月1日")]
    [InlineData("2019-12-31", "令和元年12月31日")]
    [InlineData("2020-01-01", "令和2年1月1日")]
    [InlineData("2022-03-31", "令和4年3月31日")]
    [InlineData("1989-01-07", "昭和64年1月7日")]
    [InlineData("1989-01-08", "平成元年1月8日")]
    public void Day_IsWrittenInTheEraInForce(string date, string expected) =>
        Assert.Equal(expected, JapaneseDates.Day(Day(date)));

    [Fact]
    public void Month_WithWestern_ShowsBoth() =>
        Assert.Equal("令和5年4月 (2023/04)", JapaneseDates.MonthWithWestern(Day("2023-04-15")));

    [Theory]
    [InlineData("2022-03-31", 2021)]
    [InlineData("2022-04-01", 2022)]
    [InlineData("2023-03-31", 2022)]
    [InlineData("2023-01-01", 2022)]
    public void FiscalYear_TurnsOnTheFirstOfApril(string date, int expected) =>
        Assert.Equal(expected, JapaneseDates.FiscalYear(Day(date)));

    [Theory]
    [InlineData(2022, "令和4年度")]
    [InlineData(2019, "令和元年度")]
    [InlineData(2018, "平成30年度")]
    [InlineData(2025, "令和7年度")]
    public void FiscalYearLabel_UsesTheEraOfTheYear(int fiscalYear, string expected) =>
        Assert.Equal(expected, JapaneseDates.FiscalYearLabel(fiscalYear));

    [Fact]
    public void FiscalYearEnd_Of2022_Is31March2023() =>
        Assert.Equal(Day("2023-03-31"), JapaneseDates.FiscalYearEnd(2022));

    [Fact]
    public void Period_OfOpenEndedSpan_EndsWithTilde() =>
        Assert.Equal("令和4年10月～", JapaneseDates.Period(Support.Build.OpenEnded("2022-10")));

    [Fact]
    public void Period_OfDeadlinePoint_SaysBy() =>
        Assert.Equal("令和4年3月までに", JapaneseDates.Period(Point("2022-03").With(m => m.Deadline = true)));
}

public class PlanDateTests
{
    [Theory]
    [InlineData("2022-02", "2022-02-01", "2022-02-28")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2022-03", "2022-03-01", "2022-03-31")]
    [InlineData("2022-04", "2022-04-01", "2022-04-30")]
    [InlineData("2022-03-15", "2022-03-15", "2022-03-15")]
    public void MonthPrecision_CoversTheWholeMonth(string text, string first, string last)
    {
        var date = PlanDate.Parse(text);
        Assert.Equal(Day(first), date.FirstDay);
        Assert.Equal(Day(last), date.LastDay);
        Assert.Equal(text, date.ToIso());
    }

    [Theory]
    [InlineData("2022-13")]
    [InlineData("2022-02-30")]
    [InlineData("令和4年3月")]
    [InlineData("")]
    [InlineData("2022/03")]
    public void Parse_RejectsWhatIsNotAnIsoMonthOrDay(string text) =>
        Assert.False(PlanDate.TryParse(text, out _));
}
