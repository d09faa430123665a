using DxRoadmap.Web.Services;

namespace DxRoadmap.Web.Reporting;

public static class InquiryEndpoints
{
    public const string DownloadPath = "/inquiry/download";

    public static string DownloadUrl(string department) => $"{DownloadPath}?department={Uri.EscapeDataString(department)}";

    /// <summary>
    /// GET /inquiry/download?department=子どもみらい課: the 課's 照会票. Signed-in users only (the app's fallback
    /// policy); the Japanese file name goes out as RFC 6266/5987 filename*.
    /// </summary>
    public static IEndpointRouteBuilder MapInquiryDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadPath, async (string? department, ProgressInquiry inquiry, HttpContext context, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(department))
            {
                return Results.Text("課 (department) を指定してください。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
            var export = await inquiry.ExportAsync(department, context.User, cancellationToken);
            return export is null
                ? Results.Text($"課「{department}」は登録されていません。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.File(export.Content, ProgressInquiry.ContentType, export.FileName);
        });
        return app;
    }
}
