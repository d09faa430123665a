using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using UglyToad.PdfPig;

namespace DxRoadmap.Tests.Reporting;

public class StandardisationReportTests
{
    [Fact]
    public async Task Section_CountsEverySystem_AndTheMeanOfTheirRates()
    {
        var section = (await Reports.BuildAsync("2026-11-26")).Standardisation;

        Assert.NotNull(section);
        Assert.Equal(20, section.Systems.Count);
        Assert.Equal(12, section.Steps.Count);
        Assert.Equal("計画立案", section.Steps[0].Phase);
        // The sample finishes 220 of the 240 system-steps: nine systems all 12, four 11, five 10, two 9.
        Assert.Equal(220.0 / 240, section.Rate, 6);
        Assert.Equal(9, section.SystemsComplete);
        var register = section.Systems.Single(s => s.Name == "住民基本台帳");
        Assert.Equal("市民課", register.Department);
        Assert.True(register.Complete);
        var welfare = section.Systems.Single(s => s.Name == "生活保護");
        Assert.Equal(9, welfare.DoneCount);
        Assert.Equal([true, true, true, true, true, true, true, true, true, false, false, false], welfare.Done);
    }

    [Fact]
    public async Task Section_ForAnEarlierMeeting_CountsOnlyStepsFinishedByThen()
    {
        var now = (await Reports.BuildAsync("2026-11-26")).Standardisation!;
        var then = (await Reports.BuildAsync("2026-04-01")).Standardisation!;

        Assert.True(then.Rate < now.Rate);
        // Only 固定資産税 had its last step (2026-03-15) by then.
        Assert.Equal("固定資産税", Assert.Single(then.Systems, s => s.Complete).Name);
    }

    [Theory]
    [InlineData("5.1", true)]
    [InlineData("5.2", false)]
    public async Task Section_ShowsForTheWholePlanAnd51_NotForOtherInitiatives(string initiative, bool shown)
    {
        var report = await Reports.BuildAsync("2026-11-26", ReportScope.ForInitiative(initiative));
        Assert.Equal(shown, report.Standardisation is not null);
    }

    [Fact]
    public async Task DepartmentScope_KeepsTheSystemsItOwns_OrDropsTheSection()
    {
        var citizens = (await Reports.BuildAsync("2026-11-26", ReportScope.ForDepartment("市民課"))).Standardisation;
        var digital = (await Reports.BuildAsync("2026-11-26", ReportScope.ForDepartment("デジタル行政推進課"))).Standardisation;

        Assert.NotNull(citizens);
        Assert.Equal(4, citizens.Systems.Count);
        Assert.All(citizens.Systems, s => Assert.Equal("市民課", s.Department));
        Assert.Null(digital);
    }

    [Fact]
    public async Task Workbook_HasAStandardisationSheet_WithARowPerSystemAndAStepGrid()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var workbook = Reports.Workbook(report);

        var sheet = workbook.Worksheet("標準化");
        const int headerRow = 3, firstStep = 5;
        Assert.Equal("業務", sheet.Cell(2, 1).GetString());
        Assert.Equal("計画立案", sheet.Cell(2, firstStep).GetString());
        Assert.Equal(headerRow, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(XLPaperSize.A3Paper, sheet.PageSetup.PaperSize);

        var rows = Enumerable.Range(headerRow + 1, 20).Select(sheet.Row).ToList();
        Assert.Equal(report.Standardisation!.Systems.Select(s => s.Name), rows.Select(r => r.Cell(1).GetString()));
        Assert.True(sheet.Cell(headerRow + 21, 1).IsEmpty());

        var welfare = rows.Single(r => r.Cell(1).GetString() == "生活保護");
        Assert.Equal("9/12", welfare.Cell(3).GetString());
        Assert.Equal(XLDataType.Number, welfare.Cell(4).DataType);
        Assert.Equal(0.75, welfare.Cell(4).GetDouble());
        Assert.EndsWith("%", welfare.Cell(4).Style.NumberFormat.Format, StringComparison.Ordinal);
        Assert.Equal("●", welfare.Cell(firstStep + 8).GetString());
        Assert.Equal("", welfare.Cell(firstStep + 9).GetString());
        Assert.NotEqual(welfare.Cell(firstStep + 9).Style.Fill.BackgroundColor, welfare.Cell(firstStep + 8).Style.Fill.BackgroundColor);
    }

    [Fact]
    public async Task Workbook_LeavesTheSheetOut_WhenTheScopeHasNoSystems()
    {
        var report = await Reports.BuildAsync("2026-11-26", ReportScope.ForInitiative("5.3"));
        using var workbook = Reports.Workbook(report);
        Assert.DoesNotContain(workbook.Worksheets, s => s.Name == "標準化");
    }

    [Fact]
    public async Task Pdf_CarriesTheStandardisationTable()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var stream = new MemoryStream();
        PdfReportWriter.Write(report, stream);
        using var pdf = PdfDocument.Open(stream.ToArray());

        var page = pdf.GetPages().First(p => p.Text.Contains("標準化 (5.1) の進捗", StringComparison.Ordinal)
            || p.Text.Replace(" ", "", StringComparison.Ordinal).Contains("標準化(5.1)の進捗", StringComparison.Ordinal));
        var text = page.Text.Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("住民基本台帳", text);
        Assert.Contains("子ども・子育て支援", text);
        Assert.Contains("全手順完了9/20業務", text);
        Assert.Contains("9/12", text);
    }
}
