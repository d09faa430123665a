using System.Globalization;

namespace DxRoadmap.Domain.Roadmap;

public enum DatePrecision
{
    Month = 0,
    Day = 1,
}

/// <summary>
/// A planned date as the plan writes it: a whole month (「令和4年3月」) or a single day.
/// A month-precision date covers the month from its first to its last day.
/// </summary>
public readonly record struct PlanDate
{
    private PlanDate(DateOnly date, DatePrecision precision)
    {
        Date = date;
        Precision = precision;
    }

    /// <summary>The first day of the month for month precision, otherwise the day itself.</summary>
    public DateOnly Date { get; }

    public DatePrecision Precision { get; }

    public static PlanDate OfMonth(int year, int month) => new(new DateOnly(year, month, 1), DatePrecision.Month);

    public static PlanDate OfDay(DateOnly day) => new(day, DatePrecision.Day);

    public DateOnly FirstDay => Date;

    public DateOnly LastDay => Precision == DatePrecision.Month
        ? new DateOnly(Date.Year, Date.Month, DateTime.DaysInMonth(Date.Year, Date.Month))
        : Date;

    /// <summary>The same date moved by whole years (used for yearly recurring steps).</summary>
    public PlanDate AddYears(int years) => Precision == DatePrecision.Month
        ? OfMonth(Date.Year + years, Date.Month)
        : OfDay(Date.AddYears(years));

    /// <summary>"2022-03" for a month, "2022-03-15" for a day.</summary>
    public string ToIso() => Precision == DatePrecision.Month
        ? Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override string ToString() => ToIso();

    public static bool TryParse(string? text, out PlanDate value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        if (text.Length == 7 && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var month))
        {
            value = OfMonth(month.Year, month.Month);
            return true;
        }
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var day))
        {
            value = OfDay(day);
            return true;
        }
        return false;
    }

    public static PlanDate Parse(string text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"日付 '{text}' は YYYY-MM または YYYY-MM-DD で指定してください。");
}
