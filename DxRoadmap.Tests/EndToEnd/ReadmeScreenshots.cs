using System.Diagnostics;
using DxRoadmap.Tests.Support;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>
/// The README's screenshots, taken from the running app on a fresh database with the sample progress.
/// Explicit: never part of a normal test run; scripts/screenshots.sh runs it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshots(BrowserApp app)
{
    private static string Folder => Path.Combine(Path.GetDirectoryName(RepoPaths.DataDirectory)!, "docs", "screenshots");

    [Fact(Explicit = true)]
    public async Task TakeReadmeScreenshots()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.EditorName);

        await watched.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-testid=initiatives] tbody tr")).ToHaveCountAsync(5);
        await SaveAsync(page, "dashboard.png");

        await watched.GotoAsync("/gantt");
        await Assertions.Expect(page.Locator("[data-testid=inazuma]")).ToBeVisibleAsync();
        await SaveAsync(page, "gantt.png");

        await watched.GotoAsync("/standardisation");
        await Assertions.Expect(page.Locator("[data-testid=standardisation-matrix] tbody tr")).ToHaveCountAsync(20);
        await SaveAsync(page, "standardisation.png");

        await watched.GotoAsync("/reports");
        var pdf = await ReportsBrowserTests.DownloadAsync(page, "download-pdf");
        var pdfPath = Path.Combine(Path.GetTempPath(), $"dxroadmap-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf.Bytes);
        try
        {
            // The second page (the summary; the first is the cover), as a PNG of about the screenshots' width.
            await RunAsync("pdftoppm", "-png", "-f", "2", "-l", "2", "-singlefile", "-scale-to", "1400", pdfPath,
                Path.Combine(Folder, "report-page"));
        }
        finally
        {
            File.Delete(pdfPath);
        }

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    private static async Task RunAsync(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })
            ?? throw new InvalidOperationException(tool + " did not start");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {errors}");
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        // Let ripples, popovers and the progress bars settle.
        await page.WaitForTimeoutAsync(500);
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name) });
    }
}
