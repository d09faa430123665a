using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Web.Reporting;

public enum ReportFormat
{
    Xlsx = 0,
    Pdf = 1,
}

public static class ReportFormats
{
    public static bool TryParse(string? text, out ReportFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "xlsx":
            case "excel":
                format = ReportFormat.Xlsx;
                return true;
            case "pdf":
                format = ReportFormat.Pdf;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string Extension(this ReportFormat format) => format == ReportFormat.Pdf ? ".pdf" : ".xlsx";

    public static string ContentType(this ReportFormat format) => format == ReportFormat.Pdf
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>進捗報告_令和8年11月26日.xlsx, with the scope added when the report is not for the whole plan.</summary>
    public static string FileName(this ReportFormat format, DateOnly asOf, ReportScope scope)
    {
        var suffix = scope.Kind switch
        {
            ReportScopeKind.Initiative => "_" + scope.Value,
            ReportScopeKind.Department => "_" + scope.Value,
            _ => "",
        };
        return SafeFileName($"進捗報告_{JapaneseDates.Day(asOf)}{suffix}") + format.Extension();
    }

    /// <summary>A department name typed by a person must not carry path separators into a file name.</summary>
    public static string SafeFileName(string name)
    {
        foreach (var bad in Path.GetInvalidFileNameChars().Append('\\'))
        {
            name = name.Replace(bad, '_');
        }
        return name;
    }
}
