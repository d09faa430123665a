namespace DxRoadmap.Domain.Schedule;

/// <summary>
/// Japanese public holidays computed from the rules of 国民の祝日に関する法律 rather than read from a calendar file:
/// the fixed and Monday holidays, 春分の日 and 秋分の日, 振替休日 (a holiday on a Sunday moves to the next day
/// that is not a holiday) and 国民の休日 (a day between two holidays). Covers 2000–2099, including the one-off
/// days of 2019 and the moved sports holidays of 2020 and 2021.
/// </summary>
/// <remarks>
/// The equinox days are set each February by the Cabinet Office from the observatory's calculation; the formula
/// used here gives the same days for the years it has published and is the usual approximation up to 2099.
/// </remarks>
public static class JapaneseHolidays
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    /// <summary>The holiday's name (元日, 振替休日, 国民の休日 …), or null on a day that is not a public holiday.</summary>
    public static string? Name(DateOnly day)
    {
        if (day.Year is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"祝日は {FirstYear}～{LastYear} 年のみ計算できます。");
        }
        if (Named(day) is { } name)
        {
            return name;
        }
        if (IsSubstitute(day))
        {
            return "振替休日";
        }
        // 国民の休日: a day, not a Sunday, between two named holidays (e.g. 2026-09-22 between 敬老の日 and 秋分の日).
        if (day.DayOfWeek != DayOfWeek.Sunday && Named(day.AddDays(-1)) is not null && Named(day.AddDays(1)) is not null)
        {
            return "国民の休日";
        }
        return null;
    }

    public static bool IsHoliday(DateOnly day) => Name(day) is not null;

    /// <summary>A weekday that is not a public holiday. The year-end days are left to each office and are not counted.</summary>
    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(day);

    /// <summary>The day itself when it is a working day, else the working day before it.</summary>
    public static DateOnly OnOrBeforeWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }
        return day;
    }

    /// <summary>The day itself when it is a working day, else the working day after it.</summary>
    public static DateOnly OnOrAfterWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>Every public holiday of a year, in date order.</summary>
    public static IReadOnlyList<(DateOnly Day, string Name)> Of(int year)
    {
        var list = new List<(DateOnly, string)>();
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            if (Name(day) is { } name)
            {
                list.Add((day, name));
            }
        }
        return list;
    }

    // 振替休日: when a holiday falls on a Sunday, the first following day that is not itself a holiday.
    private static bool IsSubstitute(DateOnly day)
    {
        if (Named(day) is not null)
        {
            return false;
        }
        for (var before = day.AddDays(-1); Named(before) is not null; before = before.AddDays(-1))
        {
            if (before.DayOfWeek == DayOfWeek.Sunday)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The holidays the law names by date or by weekday, without the substitute and in-between days.</summary>
    private static string? Named(DateOnly day)
    {
        var (y, m, d) = (day.Year, day.Month, day.Day);
        return m switch
        {
            1 when d == 1 => "元日",
            1 when IsNthMonday(day, 2) => "成人の日",
            2 when d == 11 => "建国記念の日",
            2 when d == 23 && y >= 2020 => "天皇誕生日",
            3 when d == VernalEquinox(y) => "春分の日",
            4 when d == 29 => y >= 2007 ? "昭和の日" : "みどりの日",
            5 when d == 1 && y == 2019 => "天皇の即位の日",
            5 when d == 3 => "憲法記念日",
            5 when d == 4 && y >= 2007 => "みどりの日",
            5 when d == 5 => "こどもの日",
            7 when y == 2020 => d switch { 23 => "海の日", 24 => "スポーツの日", _ => null },
            7 when y == 2021 => d switch { 22 => "海の日", 23 => "スポーツの日", _ => null },
            7 when IsNthMonday(day, 3) && y >= 2003 => "海の日",
            7 when d == 20 && y < 2003 => "海の日",
            8 when y == 2020 => d == 10 ? "山の日" : null,
            8 when y == 2021 => d == 8 ? "山の日" : null,
            8 when d == 11 && y >= 2016 => "山の日",
            9 when IsNthMonday(day, 3) && y >= 2003 => "敬老の日",
            9 when d == 15 && y < 2003 => "敬老の日",
            9 when d == AutumnalEquinox(y) => "秋分の日",
            10 when y is 2020 or 2021 => null,
            10 when d == 22 && y == 2019 => "即位礼正殿の儀の行われる日",
            10 when IsNthMonday(day, 2) => y >= 2020 ? "スポーツの日" : "体育の日",
            11 when d == 3 => "文化の日",
            11 when d == 23 => "勤労感謝の日",
            12 when d == 23 && y <= 2018 => "天皇誕生日",
            _ => null,
        };
    }

    private static bool IsNthMonday(DateOnly day, int n) =>
        day.DayOfWeek == DayOfWeek.Monday && (day.Day - 1) / 7 == n - 1;

    // The usual formula for 1980–2099: the day of the equinox in Japan time.
    private static int VernalEquinox(int year) => Equinox(year, 20.8431);

    private static int AutumnalEquinox(int year) => Equinox(year, 23.2488);

    private static int Equinox(int year, double baseDay) =>
        (int)Math.Floor(baseDay + 0.242194 * (year - 1980)) - (year - 1980) / 4;
}
