using System.Globalization;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Reporting;

public static class ReportEndpoints
{
    public const string DownloadPath = "/reports/download";

    /// <summary>The download link the レポート page builds: /reports/download?format=xlsx&amp;asOf=2026-11-26&amp;scope=all.</summary>
    public static string DownloadUrl(ReportFormat format, DateOnly asOf, ReportScope scope, DateOnly? since, PaperSize paper, int? round = null)
    {
        var url = $"{DownloadPath}?format={(format == ReportFormat.Pdf ? "pdf" : "xlsx")}&asOf={Iso(asOf)}&scope={Uri.EscapeDataString(scope.ToString())}";
        if (round is { } id)
        {
            url += "&round=" + id.ToString(CultureInfo.InvariantCulture);
        }
        if (since is { } s)
        {
            url += "&since=" + Iso(s);
        }
        if (format == ReportFormat.Pdf && paper == PaperSize.A4)
        {
            url += "&paper=a4";
        }
        return url;
    }

    /// <summary>
    /// GET /reports/download: the report as a file. The Japanese file name goes out as RFC 6266/5987
    /// filename* (UTF-8) with an ASCII fallback, which ASP.NET Core writes for a named file result.
    /// </summary>
    public static IEndpointRouteBuilder MapReportDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadPath, async (string? format, string? asOf, string? scope, string? since, string? paper, string? round,
            ReportService reports, InquiryRounds inquiries, AppClock clock, CancellationToken cancellationToken) =>
        {
            if (!ReportFormats.TryParse(format ?? "xlsx", out var reportFormat))
            {
                return Problem($"形式「{format}」は使えません。xlsx または pdf を指定してください。");
            }
            var day = clock.Today;
            if (asOf is not null && !TryDay(asOf, out day))
            {
                return Problem($"基準日「{asOf}」は日付として正しくありません (YYYY-MM-DD)。");
            }
            DateOnly? sinceDay = null;
            if (!string.IsNullOrEmpty(since))
            {
                if (!TryDay(since, out var parsed))
                {
                    return Problem($"前回会議日「{since}」は日付として正しくありません (YYYY-MM-DD)。");
                }
                sinceDay = parsed;
            }
            if (!ReportScope.TryParse(scope, out var reportScope))
            {
                return Problem($"対象「{scope}」は使えません。");
            }
            var paperSize = string.Equals(paper, "a4", StringComparison.OrdinalIgnoreCase) ? PaperSize.A4 : PaperSize.A3;
            ReportRounds? rounds = null;
            if (!string.IsNullOrEmpty(round))
            {
                if (!int.TryParse(round, NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
                {
                    return Problem($"照会「{round}」は番号として正しくありません。");
                }
                rounds = await inquiries.ReportBasisAsync(roundId, cancellationToken);
                if (rounds.Problem is { } problem)
                {
                    return Problem(problem);
                }
                day = rounds.Round!.BaseDate;
            }

            var buffer = new MemoryStream();
            var invalid = await reports.WriteAsync(reportFormat, day, reportScope, sinceDay, buffer, paperSize, cancellationToken, rounds: rounds);
            if (invalid is not null)
            {
                return Problem(invalid);
            }
            buffer.Position = 0;
            return Results.File(buffer, reportFormat.ContentType(), reportFormat.FileName(day, reportScope));
        });
        return app;
    }

    private static IResult Problem(string message) =>
        Results.Text(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
