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

/// <summary>
/// The parts of the PDF report to print. At 10,000 milestones the chart and the full list run to a thousand
/// pages; a meeting often needs only the summary.
/// </summary>
[Flags]
public enum ReportSections
{
    /// <summary>Cover, 重点取組 summary and per-initiative pages, 標準化, 課別.</summary>
    Summary = 1,

    /// <summary>The Gantt chart.</summary>
    Gantt = 2,

    /// <summary>The late items with reasons and countermeasures.</summary>
    Late = 4,

    /// <summary>The appendix listing every milestone.</summary>
    List = 8,

    All = Summary | Gantt | Late | List,
}

public static class ReportSectionNames
{
    public const string Help = "summary, gantt, late, list をカンマ区切りで (例: summary,late)";

    /// <summary>「summary,late」 → Summary | Late; false on an unknown or empty name.</summary>
    public static bool TryParse(string? text, out ReportSections sections)
    {
        sections = 0;
        foreach (var name in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            ReportSections? one = name.ToLowerInvariant() switch
            {
                "summary" => ReportSections.Summary,
                "gantt" => ReportSections.Gantt,
                "late" => ReportSections.Late,
                "list" => ReportSections.List,
                "all" => ReportSections.All,
                _ => null,
            };
            if (one is null)
            {
                sections = 0;
                return false;
            }
            sections |= one.Value;
        }
        return sections != 0;
    }
}
