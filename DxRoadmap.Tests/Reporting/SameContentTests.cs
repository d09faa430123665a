using ClosedXML.Excel;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using UglyToad.PdfPig;

namespace DxRoadmap.Tests.Reporting;

public class SameContentTests
{
    [Theory]
    [InlineData("2022-04-01")]
    [InlineData("2026-11-26")]
    public async Task ExcelAndPdf_CarryTheSameLateItems(string asOf)
    {
        var report = await Reports.BuildAsync(asOf);
        Assert.NotEmpty(report.Late);

        using var workbook = Reports.Workbook(report);
        var excelCodes = workbook.Worksheet("遅延一覧").RowsUsed().Skip(2).Select(r => r.Cell(1).GetString()).ToList();

        using var pdfStream = new MemoryStream();
        PdfReportWriter.Write(report, pdfStream);
        using var pdf = PdfDocument.Open(pdfStream.ToArray());
        var latePages = pdf.GetPages().SkipWhile(p => !p.Text.Contains("遅延している工程", StringComparison.Ordinal))
            .TakeWhile(p => !p.Text.Contains("付録", StringComparison.Ordinal));
        var pdfText = string.Concat(latePages.Select(p => p.Text));
        var allCodes = report.Milestones.Select(m => m.Code);
        var pdfCodes = allCodes.Where(code => pdfText.Contains(code, StringComparison.Ordinal)).ToList();

        Assert.Equal(report.Late.Select(r => r.Code), excelCodes);
        Assert.Equal(excelCodes.Order(), pdfCodes.Order());
    }
}
