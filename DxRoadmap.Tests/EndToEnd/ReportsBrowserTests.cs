using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Reporting;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace DxRoadmap.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Reports_ExcelAndPdfDownloadsArrive_Open_AndCarryTheChosenAsOfDate()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "レポート" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("部会資料の作成");

        // The end of the last fiscal year rather than today, so the date in the files is the one the user chose.
        var asOf = JapaneseDates.FiscalYearEnd(JapaneseDates.FiscalYear(app.Today) - 1);
        var asOfInput = page.Locator("[data-testid=as-of]");
        await asOfInput.FillAsync(JapaneseDates.WesternDay(asOf));
        await asOfInput.PressAsync("Tab");
        await Assertions.Expect(page.GetByText(JapaneseDates.Day(asOf)).First).ToBeVisibleAsync();

        var excel = await DownloadAsync(page, "download-xlsx");
        Assert.Equal(ReportFormat.Xlsx.FileName(asOf, ReportScope.All), excel.Name);
        using (var workbook = new XLWorkbook(new MemoryStream(excel.Bytes)))
        {
            Assert.Contains(JapaneseDates.Day(asOf), workbook.Worksheet("工程一覧").Cell(1, 1).GetString());
        }

        var pdf = await DownloadAsync(page, "download-pdf");
        Assert.Equal(ReportFormat.Pdf.FileName(asOf, ReportScope.All), pdf.Name);
        using (var document = PdfDocument.Open(pdf.Bytes))
        {
            Assert.True(document.NumberOfPages > 1);
            Assert.Contains(JapaneseDates.Day(asOf), document.GetPage(1).Text);
        }

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    /// <summary>Clicks a download button as a user would and returns the file the browser received.</summary>
    internal static async Task<(string Name, byte[] Bytes)> DownloadAsync(IPage page, string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid={testId}]").ClickAsync());
        Assert.Null(await download.FailureAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return (download.SuggestedFilename, copy.ToArray());
    }
}
