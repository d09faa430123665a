using System.Globalization;

namespace DxRoadmap.Web.Services;

/// <summary>
/// The as-of date (基準日) travels in the URL as <c>?asOf=2022-04-01</c> so a view can be shared and reopened;
/// this is the one place that reads and writes that form.
/// </summary>
public static class AsOfDate
{
    public const string QueryName = "asOf";

    /// <summary>The date in the query, or today when it is missing or not a valid yyyy-MM-dd date.</summary>
    public static DateOnly Resolve(string? query, DateOnly today) => TryParse(query, out var date) ? date : today;

    public static bool TryParse(string? query, out DateOnly date) =>
        DateOnly.TryParseExact(query?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>True when the query carries something that is not a date (shown as a warning, never an error page).</summary>
    public static bool IsInvalid(string? query) => !string.IsNullOrWhiteSpace(query) && !TryParse(query, out _);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
