using System.Globalization;
using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule;

/// <summary>
/// The one place that writes 和暦 (令和5年4月), 年度 (令和5年度) and 西暦 (2023/04).
/// Era arithmetic is left to <see cref="JapaneseCalendar"/>; the first year of an era prints as 元年.
/// </summary>
public static class JapaneseDates
{
    private static readonly CultureInfo Culture = CreateCulture();

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>令和4年3月</summary>
    public static string Month(DateOnly date) => EraYear(date) + date.Month.ToString(CultureInfo.InvariantCulture) + "月";

    /// <summary>令和4年3月31日</summary>
    public static string Day(DateOnly date) => Month(date) + date.Day.ToString(CultureInfo.InvariantCulture) + "日";

    /// <summary>令和4年 (元年 for the first year of an era).</summary>
    public static string EraYear(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        var era = dateTime.ToString("gg", Culture);
        var year = Culture.DateTimeFormat.Calendar.GetYear(dateTime);
        return era + (year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture)) + "年";
    }

    /// <summary>Japan's offset from UTC all year round (no summer time).</summary>
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    /// <summary>
    /// The calendar day in Japan on which a moment falls: 2026-01-01 08:00 JST (2025-12-31 23:00 UTC) is 2026-01-01,
    /// whether the moment carries the +09:00 offset or was read back as UTC.
    /// </summary>
    public static DateOnly DayInJapan(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(JapanOffset).DateTime);

    /// <summary>2022/03</summary>
    public static string WesternMonth(DateOnly date) => date.ToString("yyyy/MM", CultureInfo.InvariantCulture);

    /// <summary>2022/03/31</summary>
    public static string WesternDay(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);

    /// <summary>令和4年3月 (2022/03)</summary>
    public static string MonthWithWestern(DateOnly date) => $"{Month(date)} ({WesternMonth(date)})";

    /// <summary>The fiscal year (年度) a date falls in: the year of the April that starts it.</summary>
    public static int FiscalYear(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    public static DateOnly FiscalYearStart(int fiscalYear) => new(fiscalYear, 4, 1);

    public static DateOnly FiscalYearEnd(int fiscalYear) => new(fiscalYear + 1, 3, 31);

    /// <summary>
    /// 令和4年度. A fiscal year is named after the era in force for most of it, so FY2019, which began
    /// in 平成31年4月, is 令和元年度 as the government names it.
    /// </summary>
    public static string FiscalYearLabel(int fiscalYear) => EraYear(new DateOnly(fiscalYear, 12, 31)) + "度";

    /// <summary>令和4年3月 or 令和4年3月15日, as precise as the plan date.</summary>
    public static string Format(PlanDate date) =>
        date.Precision == DatePrecision.Month ? Month(date.Date) : Day(date.Date);

    /// <summary>令和4年3月 (2022/03) or 令和4年3月15日 (2022/03/15).</summary>
    public static string FormatWithWestern(PlanDate date) => date.Precision == DatePrecision.Month
        ? $"{Month(date.Date)} ({WesternMonth(date.Date)})"
        : $"{Day(date.Date)} ({WesternDay(date.Date)})";

    /// <summary>The planned period as one phrase: 令和4年4月～令和5年3月, 令和4年10月～ (順次), 令和5年4月.</summary>
    public static string Period(Milestone milestone) => Period(milestone.PlannedStart, milestone.PlannedEnd,
        milestone.Kind, milestone.OpenEnded, milestone.Deadline);

    public static string Period(PlanDate? start, PlanDate? end, MilestoneKind kind, bool openEnded, bool deadline)
    {
        if (kind == MilestoneKind.Point && end is { } point)
        {
            return Format(point) + (deadline ? "までに" : "");
        }
        if (openEnded && start is { } from)
        {
            return Format(from) + "～";
        }
        return (start, end) switch
        {
            ({ } s, { } e) => $"{Format(s)}～{Format(e)}",
            (null, { } e) => Format(e) + "まで",
            ({ } s, null) => Format(s) + "～",
            _ => "未定",
        };
    }
}
