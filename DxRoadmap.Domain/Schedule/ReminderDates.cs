namespace DxRoadmap.Domain.Schedule;

/// <summary>
/// The days reminders and notices go out, as pure functions of the dates they are about. A day that is not a
/// working day (weekend, 国民の祝日, 振替休日, 国民の休日) moves the reminder to the working day before it, so
/// it arrives while people are at their desks and never later than promised.
/// </summary>
public static class ReminderDates
{
    /// <summary>"N days before the 回答期限": the working day on or before due − N.</summary>
    public static DateOnly BeforeDue(DateOnly due, int days) => JapaneseHolidays.OnOrBeforeWorkingDay(due.AddDays(-days));

    /// <summary>
    /// "N days after the 回答期限": the working day on or before due + N, but never on or before the due date itself
    /// (moving back past the weekend would remind people before they were late): then the first working day after it.
    /// </summary>
    public static DateOnly AfterDue(DateOnly due, int days)
    {
        var moved = JapaneseHolidays.OnOrBeforeWorkingDay(due.AddDays(Math.Max(days, 1)));
        return moved > due ? moved : JapaneseHolidays.OnOrAfterWorkingDay(due.AddDays(1));
    }

    /// <summary>The first working day on which an item due on <paramref name="end"/> is late.</summary>
    public static DateOnly FirstLateDay(DateOnly end) => JapaneseHolidays.OnOrAfterWorkingDay(end.AddDays(1));

    /// <summary>The week's digest day: <paramref name="day"/> of the week that holds <paramref name="today"/> (weeks start on Monday).</summary>
    public static DateOnly DigestDayOfWeek(DateOnly today, DayOfWeek day)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays(((int)day + 6) % 7);
    }

    /// <summary>The day the week's digest goes out: its nominal day, or the working day before it.</summary>
    public static DateOnly DigestSendDay(DateOnly nominal) => JapaneseHolidays.OnOrBeforeWorkingDay(nominal);
}
