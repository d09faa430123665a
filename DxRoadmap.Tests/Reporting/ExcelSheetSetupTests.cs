using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Tests.Reporting;

/// <summary>
/// The sheet furniture of the streamed workbook, read back with ClosedXML: print set-up, frozen panes, widths,
/// header styles, the workbook font and properties.
/// </summary>
public class ExcelSheetSetupTests
{
    [Fact]
    public async Task EverySheet_PrintsA3LandscapeOnePageWide_WithItsHeaderRowsRepeated()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-26", since: "2026-06-01"));
        var headerRows = new Dictionary<string, int>
        {
            ["概要"] = 4, ["増減"] = 2, ["工程一覧"] = 2, ["遅延一覧"] = 2, ["課別"] = 2, ["ガント"] = 3, ["標準化"] = 3,
            ["オンライン化手続"] = 2, ["AI・RPA"] = 2,
        };
        Assert.Equal(headerRows.Keys.Order(), workbook.Worksheets.Select(s => s.Name).Order());
        foreach (var sheet in workbook.Worksheets)
        {
            var setup = sheet.PageSetup;
            Assert.Equal(XLPaperSize.A3Paper, setup.PaperSize);
            Assert.Equal(XLPageOrientation.Landscape, setup.PageOrientation);
            Assert.Equal(1, setup.PagesWide);
            Assert.Equal(0, setup.PagesTall);
            Assert.Equal(1, setup.FirstRowToRepeatAtTop);
            Assert.Equal(headerRows[sheet.Name], setup.LastRowToRepeatAtTop);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.Equal(headerRows[sheet.Name], sheet.SheetView.SplitRow);
        }
    }

    [Fact]
    public async Task ListSheet_HasItsWidths_StyledHeader_AndFrozenCodeColumns()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var workbook = Reports.Workbook(report);
        var list = workbook.Worksheet("工程一覧");
        Assert.Equal(40, list.Column(4).Width, 1);
        Assert.Equal(9, list.Column(1).Width, 1);
        Assert.Equal(4, list.SheetView.SplitColumn);
        var header = list.Cell(2, 4);
        Assert.True(header.Style.Font.Bold);
        Assert.Equal(XLColor.FromHtml(ReportPalette.HeaderFill), header.Style.Fill.BackgroundColor);
        Assert.Equal(XLBorderStyleValues.Thin, list.Cell(3, 4).Style.Border.BottomBorder);
        Assert.True(list.Cell(3, 4).Style.Alignment.WrapText);
        Assert.Equal($"A2:S{2 + report.Milestones.Count}", list.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(12, list.Cell(1, 1).Style.Font.FontSize);
        Assert.Equal(10, list.Cell(3, 1).Style.Font.FontSize);
    }

    [Fact]
    public async Task GanttSheet_RepeatsTheTitleColumns_PrintsGridLines_AndFreezesTheMonthHeader()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-26"));
        var gantt = workbook.Worksheet("ガント");
        Assert.Equal(1, gantt.PageSetup.FirstColumnToRepeatAtLeft);
        Assert.Equal(2, gantt.PageSetup.LastColumnToRepeatAtLeft);
        Assert.True(gantt.PageSetup.ShowGridlines);
        Assert.Equal(3, gantt.SheetView.SplitRow);
        Assert.Equal(4, gantt.SheetView.SplitColumn);
        Assert.Equal(3.6, gantt.Column(5).Width, 1);
        Assert.True(gantt.Cell(2, 1).IsMerged());
    }

    [Fact]
    public async Task Workbook_CarriesTheJapaneseFont_AndItsProperties()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var workbook = Reports.Workbook(report);
        Assert.All(workbook.Worksheets, s => Assert.Equal(ExcelReportWriter.FontName, s.Cell(1, 1).Style.Font.FontName));
        Assert.Equal(ExcelReportWriter.FontName, workbook.Worksheet("ガント").Cell(4, 2).Style.Font.FontName);
        Assert.Equal($"{report.Header.PlanTitle} {report.Header.Title}", workbook.Properties.Title);
        Assert.Equal(report.Header.IssuedBy, workbook.Properties.Author);
        Assert.Equal(report.Header.IssuedBy, workbook.Properties.Company);
    }

    [Theory]
    [InlineData("=SUM(A1:A3)", true)]
    [InlineData("+81-995-00-0000", true)]
    [InlineData("-3か月遅れ", true)]
    [InlineData("@担当者", true)]
    [InlineData("1/2", false)]
    public async Task FormulaLookingText_GetsTheQuotePrefix_OnEverySheetItReaches(string reason, bool prefixed)
    {
        var report = await Reports.BuildAsync("2026-11-26");
        var late = report.Late[0] with { DelayReason = reason };
        using var workbook = Reports.Workbook(report with { Late = [late, .. report.Late.Skip(1)] });
        var cell = workbook.Worksheet("遅延一覧").Cell(3, 9);
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(reason, cell.GetString());
        Assert.Equal(prefixed, cell.Style.IncludeQuotePrefix);
    }

    [Fact]
    public async Task ControlCharactersInANote_DoNotBreakTheExport()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        var first = report.Milestones[0] with { Note = "一行目\v二行目\u0001𠮷\uD800" };
        using var workbook = Reports.Workbook(report with { Milestones = [first, .. report.Milestones.Skip(1)] });
        Assert.Equal("一行目\uFFFD二行目\uFFFD𠮷\uFFFD", workbook.Worksheet("工程一覧").Cell(3, 18).GetString());
    }

    [Fact]
    public async Task PlanDates_KeepTheirPrecision_MonthsAsYearMonth_DaysAsFullDates()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        var first = report.Milestones[0];
        var day = first with { PlannedStart = PlanDate.OfDay(new DateOnly(2022, 4, 15)), PlannedEnd = PlanDate.OfMonth(2023, 3) };
        using var workbook = Reports.Workbook(report with { Milestones = [day, .. report.Milestones.Skip(1)] });
        var list = workbook.Worksheet("工程一覧");
        Assert.Equal(new DateTime(2022, 4, 15), list.Cell(3, 8).GetDateTime());
        Assert.Equal("yyyy/mm/dd", list.Cell(3, 8).Style.NumberFormat.Format);
        Assert.Equal(new DateTime(2023, 3, 1), list.Cell(3, 9).GetDateTime());
        Assert.Equal("yyyy/mm", list.Cell(3, 9).Style.NumberFormat.Format);
    }

    [Fact]
    public async Task Package_IsValidAgainstTheSpreadsheetSchema()
    {
        var stream = new MemoryStream();
        ExcelReportWriter.Write(await Reports.BuildAsync("2026-11-26", since: "2026-06-01"), stream);
        stream.Position = 0;
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void SyntheticReport_OfAThousandMilestones_ReopensWithEveryRow()
    {
        var roadmap = SyntheticRoadmap.Create(1_000, seed: 42);
        var report = ReportBuilder.Build(roadmap, [],
            new ReportRequest(new DateOnly(2024, 6, 1), ReportScope.All, null, DelayThresholds.Default));
        using var workbook = Reports.Workbook(report);
        var list = workbook.Worksheet("工程一覧");
        Assert.Equal(report.Milestones.Count, list.RowsUsed().Count() - 2);
        Assert.Equal(report.Milestones[^1].Code, list.Cell(2 + report.Milestones.Count, 1).GetString());
        Assert.Equal(report.Gantt.RowCount, workbook.Worksheet("ガント").Column(2).CellsUsed().Count(c => c.Address.RowNumber > 3)
            - 8); // the legend's title and seven swatches
    }
}
