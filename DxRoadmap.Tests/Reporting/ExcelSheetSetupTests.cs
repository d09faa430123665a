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
    // LibreOffice prints a unit of column width in BIZ UDPゴシック 10 pt as about 6.4 pt (measured on its PDF
    // output); A3 landscape less 0.4 in margins is 1,133 pt wide.
    private const double PointsPerUnit = 6.4;
    private const double PrintableWidth = 1133;

    [Fact]
    public async Task EverySheet_PrintsA3Landscape_WithItsHeaderRowsRepeated_AndNoTextBelow8Points()
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
            Assert.Equal(1, setup.FirstRowToRepeatAtTop);
            Assert.Equal(headerRows[sheet.Name], setup.LastRowToRepeatAtTop);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.Equal(headerRows[sheet.Name], sheet.SheetView.SplitRow);

            var lastColumn = sheet.LastColumnUsed()!.ColumnNumber();
            var width = Enumerable.Range(1, lastColumn).Sum(c => (sheet.Column(c).Width + 0.71) * PointsPerUnit);
            var smallest = sheet.CellsUsed().Where(c => !c.IsEmpty()).Min(c => c.Style.Font.FontSize);
            double scale;
            if (setup.PagesWide == 1)
            {
                Assert.Equal(0, setup.PagesTall);
                scale = Math.Min(1, PrintableWidth / width);
            }
            else
            {
                // Printed at a fixed scale across several pages, so the first columns come again on each.
                scale = setup.Scale / 100.0;
                Assert.Equal(1, setup.FirstColumnToRepeatAtLeft);
                Assert.True(setup.LastColumnToRepeatAtLeft >= 1, sheet.Name);
            }
            Assert.True(scale * smallest >= 8, $"{sheet.Name}: {smallest} pt at {scale:P0} prints at {scale * smallest:0.0} pt");
        }
    }

    [Fact]
    public async Task WrappedCells_GetRowsTallEnoughForTheirLines()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-26", since: "2026-06-01"));
        var checkedCells = 0;
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed().Where(c => c.Style.Alignment.WrapText && !c.IsMerged() && !c.IsEmpty()))
            {
                // A full-width character takes at least 1.6 units of width (LibreOffice fits 15 in a column of 24).
                var units = sheet.Column(cell.Address.ColumnNumber).Width;
                var lines = cell.GetString().Split('\n')
                    .Sum(p => Math.Max(1, Math.Ceiling(p.Sum(ch => ch > 0x2E80 ? 1.6 : 0.8) / units)));
                var needed = lines * cell.Style.Font.FontSize * 1.2;
                var height = cell.WorksheetRow().Height;
                Assert.True(height >= needed, $"{sheet.Name}!{cell.Address}: {lines} lines need {needed:0} pt, the row is {height} pt");
                checkedCells++;
            }
        }
        Assert.True(checkedCells > 100);
    }

    [Fact]
    public async Task TableColumns_AreWideEnoughForTheirText_SoTheChangeSheetShowsTheWholeDepartmentName()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-26", since: "2026-06-01"));
        var changes = workbook.Worksheet("増減");
        var owner = changes.CellsUsed().First(c => c.GetString() == "デジタル行政推進課");
        Assert.True(changes.Column(owner.Address.ColumnNumber).Width >= 9 * 1.6 + 1);
    }

    [Fact]
    public void EverySheet_CarriesItsDimension_AndTheWorkbookItsCreationTimeFromTheClock()
    {
        var report = ReportBuilder.Build(SyntheticRoadmap.Create(200, seed: 7), [],
            new ReportRequest(new DateOnly(2024, 6, 1), ReportScope.All, null, DelayThresholds.Default));
        var stream = new MemoryStream();
        ExcelReportWriter.Write(report, stream, new FixedTime(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero)));
        stream.Position = 0;
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false))
        {
            Assert.Equal(new DateTime(2026, 11, 20, 9, 30, 0), document.PackageProperties.Created);
            foreach (var part in document.WorkbookPart!.WorksheetParts)
            {
                var dimension = part.Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetDimension>();
                Assert.NotNull(dimension);
                Assert.StartsWith("A1:", dimension.Reference!.Value);
            }
        }
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var list = workbook.Worksheet("工程一覧");
        var lastCell = list.LastCellUsed()!.Address;
        stream.Position = 0;
        using var again = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
        var listPart = (DocumentFormat.OpenXml.Packaging.WorksheetPart)again.WorkbookPart!.GetPartById(
            again.WorkbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First(s => s.Name == "工程一覧").Id!);
        Assert.Equal($"A1:{lastCell}", listPart.Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetDimension>()!.Reference!.Value);
    }

    [Fact]
    public async Task ListSheet_HasItsWidths_StyledHeader_AndFrozenCodeColumns()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var workbook = Reports.Workbook(report);
        var list = workbook.Worksheet("工程一覧");
        Assert.Equal(30, list.Column(4).Width, 1);
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
            - 9); // the legend's title, seven states and the overdue months
    }
}
