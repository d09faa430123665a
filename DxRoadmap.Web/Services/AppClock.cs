namespace DxRoadmap.Web.Services;

/// <summary>"Today" in the city's time zone, from the injected <see cref="TimeProvider"/>.</summary>
public sealed class AppClock(TimeProvider time)
{
    private static readonly TimeZoneInfo Japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Japan);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);
}
