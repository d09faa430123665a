using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Tests.Domain;

public class JapaneseHolidaysTests
{
    [Theory]
    [InlineData("2026-01-01", "元日")]
    [InlineData("2026-01-12", "成人の日")]          // second Monday
    [InlineData("2026-02-23", "天皇誕生日")]
    [InlineData("2026-03-20", "春分の日")]
    [InlineData("2026-05-06", "振替休日")]          // 5/3 on a Sunday: the next day not a holiday is 5/6
    [InlineData("2026-07-20", "海の日")]
    [InlineData("2026-09-21", "敬老の日")]
    [InlineData("2026-09-22", "国民の休日")]        // between 敬老の日 and 秋分の日
    [InlineData("2026-09-23", "秋分の日")]
    [InlineData("2026-10-12", "スポーツの日")]
    [InlineData("2025-02-24", "振替休日")]          // 天皇誕生日 on a Sunday
    [InlineData("2024-09-22", "秋分の日")]
    [InlineData("2024-09-23", "振替休日")]
    [InlineData("2023-03-21", "春分の日")]
    [InlineData("2019-04-30", "国民の休日")]
    [InlineData("2019-05-01", "天皇の即位の日")]
    [InlineData("2019-05-02", "国民の休日")]
    [InlineData("2019-10-22", "即位礼正殿の儀の行われる日")]
    [InlineData("2018-12-24", "振替休日")]
    [InlineData("2020-07-24", "スポーツの日")]      // moved for the Olympic Games
    [InlineData("2020-08-10", "山の日")]
    [InlineData("2021-08-09", "振替休日")]          // 山の日 moved to Sunday 8/8
    [InlineData("2015-09-22", "国民の休日")]
    [InlineData("2006-04-29", "みどりの日")]
    [InlineData("2007-04-29", "昭和の日")]
    public void Holiday_HasItsName(string day, string name) =>
        Assert.Equal(name, JapaneseHolidays.Name(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-09-24")] // the day after 秋分の日
    [InlineData("2026-05-07")]
    [InlineData("2019-12-23")] // no 天皇誕生日 in 2019
    [InlineData("2019-02-23")]
    [InlineData("2020-10-12")] // the sports day was moved to July that year
    [InlineData("2021-07-19")] // nor was 海の日 on its usual Monday
    [InlineData("2026-03-21")]
    [InlineData("2026-12-29")] // year-end days are each office's, not public holidays
    public void OrdinaryDay_IsNoHoliday(string day) =>
        Assert.Null(JapaneseHolidays.Name(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Year2026_IsTheCabinetOfficesList() =>
        // 16 named holidays, the 振替休日 of 5/6 and the 国民の休日 of 9/22, as published by 内閣府.
        Assert.Equal(
            ["01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05", "05-06", "07-20", "08-11",
             "09-21", "09-22", "09-23", "10-12", "11-03", "11-23"],
            JapaneseHolidays.Of(2026).Select(h => h.Day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void OutsideTheCoveredYears_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.Name(new DateOnly(2100, 1, 1)));

    [Theory]
    [InlineData("2026-09-24", 3, "2026-09-18")] // 9/21 敬老の日, back over the weekend to Friday
    [InlineData("2026-09-25", 3, "2026-09-18")] // 9/22 国民の休日, 9/21 holiday, weekend
    [InlineData("2026-11-30", 3, "2026-11-27")] // 11/27 is a Friday: unchanged
    [InlineData("2026-05-08", 2, "2026-05-01")] // 5/6 振替休日, 5/3–5/5, weekend 5/2–5/3 → 5/1
    public void BeforeDue_MovesToThePreviousWorkingDay(string due, int days, string expected) =>
        Assert.Equal(Day(expected), ReminderDates.BeforeDue(Day(due), days));

    [Theory]
    [InlineData("2026-11-20", 1, "2026-11-24")] // Friday due: Saturday would move back to the due day; Monday 11/23 is 勤労感謝の日
    [InlineData("2026-11-18", 1, "2026-11-19")]
    [InlineData("2026-11-18", 4, "2026-11-20")] // Sunday 11/22 moves back to Friday, still after the due day
    public void AfterDue_IsAWorkingDayAfterTheDueDate(string due, int days, string expected) =>
        Assert.Equal(Day(expected), ReminderDates.AfterDue(Day(due), days));

    [Fact]
    public void FirstLateDay_SkipsTheHolidays() =>
        Assert.Equal(Day("2026-09-24"), ReminderDates.FirstLateDay(Day("2026-09-20")));

    [Fact]
    public void DigestOnAHolidayMonday_GoesOutTheFridayBefore()
    {
        var nominal = ReminderDates.DigestDayOfWeek(Day("2026-09-23"), DayOfWeek.Monday);
        Assert.Equal(Day("2026-09-21"), nominal);
        Assert.Equal(Day("2026-09-18"), ReminderDates.DigestSendDay(nominal));
    }

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
