using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;

namespace DxRoadmap.Tests.Reporting;

public class ExcelReportWriterTests
{
    [Fact]
    public async Task Workbook_HasTheSheetsInOrder_WithPrintSetupAndFrozenHeaders()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-26"));
        Assert.Equal(["概要", "工程一覧", "遅延一覧", "課別", "ガント", "標準化", "オンライン化手続", "AI・RPA"],
            workbook.Worksheets.Select(s => s.Name));
        var list = workbook.Worksheet("工程一覧");
        Assert.Equal(["コード", "重点取組", "取組項目", "工程名", "主管課"], Enumerable.Range(1, 5).Select(c => list.Cell(2, c).GetString()));
        Assert.Equal(2, list.SheetView.SplitRow);
        Assert.True(list.AutoFilter.IsEnabled);
        Assert.Equal(XLPaperSize.A3Paper, list.PageSetup.PaperSize);
        Assert.Equal(XLPageOrientation.Landscape, list.PageSetup.PageOrientation);
        // Too wide for one readable page: printed at 80 % with the code and title columns on every page.
        Assert.Equal(80, list.PageSetup.Scale);
        Assert.Equal(4, list.PageSetup.LastColumnToRepeatAtLeft);
        Assert.Equal(ExcelReportWriter.FontName, list.Cell(3, 4).Style.Font.FontName);
        Assert.Contains("令和8年11月26日", list.Cell(1, 1).GetString());
    }

    [Fact]
    public async Task ChangeSheet_AppearsOnlyWithAPreviousMeetingDate()
    {
        using var without = Reports.Workbook(await Reports.BuildAsync("2026-11-26"));
        using var with = Reports.Workbook(await Reports.BuildAsync("2026-11-26", since: "2026-06-01"));
        Assert.DoesNotContain(without.Worksheets, s => s.Name == "増減");
        Assert.Equal("増減", with.Worksheet(2).Name);
    }

    [Fact]
    public async Task LateSheet_ListsTheLateItemWithItsReason()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-26"));
        var sheet = workbook.Worksheet("遅延一覧");
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "5.1-08");
        Assert.Equal("移行・テスト", row.Cell(3).GetString());
        Assert.Contains("ベンダ", row.Cell(9).GetString());
        Assert.False(string.IsNullOrEmpty(row.Cell(10).GetString()));
    }

    [Fact]
    public async Task Cells_AreTyped()
    {
        using var workbook = Reports.Workbook(await Reports.BuildAsync("2026-11-26"));
        var list = workbook.Worksheet("工程一覧");
        var row = list.RowsUsed().Single(r => r.Cell(1).GetString() == "5.1-01");
        Assert.Equal(XLDataType.DateTime, row.Cell(8).DataType);
        Assert.Equal(new DateTime(2021, 10, 1), row.Cell(8).GetDateTime());
        Assert.Equal(XLDataType.Number, row.Cell(11).DataType);
        Assert.Equal(1.0, row.Cell(11).GetDouble());
        Assert.Equal(XLDataType.DateTime, row.Cell(13).DataType);
        var summary = workbook.Worksheet("概要");
        Assert.Equal(XLDataType.Number, summary.Cell(5, 4).DataType);
    }

    [Theory]
    [InlineData("=SUM(A1:A3)")]
    [InlineData("+81-995-00-0000")]
    [InlineData("-3か月遅れ")]
    [InlineData("@担当者")]
    [InlineData("2022/03")]
    public async Task FormulaLookingNote_IsStoredAsText(string note)
    {
        var report = await Reports.BuildAsync("2026-11-26");
        var first = report.Milestones[0] with { Note = note };
        using var workbook = Reports.Workbook(report with { Milestones = [first, .. report.Milestones.Skip(1)] });
        var cell = workbook.Worksheet("工程一覧").Cell(3, 18);
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(note, cell.GetString());
    }

    [Fact]
    public async Task GanttSheet_HasAMonthColumnPerMonthUnderFiscalYearHeaders_FilledByStatus()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var workbook = Reports.Workbook(report);
        var sheet = workbook.Worksheet("ガント");
        const int firstMonth = 5;
        var months = report.Gantt.Ticks.Count;
        Assert.Equal(12 * report.Gantt.YearBands.Count, months);
        Assert.Equal("4", sheet.Cell(3, firstMonth).GetString());
        Assert.Equal("3", sheet.Cell(3, firstMonth + 11).GetString());
        Assert.Equal(report.Gantt.YearBands[0].Label, sheet.Cell(2, firstMonth).GetString());
        Assert.True(sheet.Cell(2, firstMonth).IsMerged());

        // 5.1-01 is done and planned 2021-10 … 2022-04: its months are filled green, the month before is not.
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "5.1-01").RowNumber();
        var october2021 = firstMonth + MonthIndex(report, new DateOnly(2021, 10, 1));
        var done = XLColor.FromHtml(ReportPalette.Gantt(DxRoadmap.Domain.Schedule.Gantt.GanttTone.Done).Strong);
        Assert.Equal(done, sheet.Cell(row, october2021).Style.Fill.BackgroundColor);
        Assert.NotEqual(done, sheet.Cell(row, october2021 - 1).Style.Fill.BackgroundColor);

        // A late item's overdue months up to the as-of date are hatched.
        var late = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "5.1-09").RowNumber();
        var asOfMonth = firstMonth + MonthIndex(report, new DateOnly(2026, 11, 1));
        Assert.Equal(XLFillPatternValues.LightUp, sheet.Cell(late, asOfMonth - 1).Style.Fill.PatternType);
    }

    [Fact]
    public async Task GanttSheet_TellsEveryStateApartWithoutColour_ByPatternInTheBarsAndTheLegend()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        using var workbook = Reports.Workbook(report);
        var sheet = workbook.Worksheet("ガント");
        const int firstMonth = 5, firstDataRow = 4;

        // A late bar's months not yet done carry falling lines over the light tone.
        var ticks = report.Gantt.Ticks;
        var months = (GanttBar b) => ticks.Select((t, i) => (t, i))
            .Where(x => (x.i + 1 < ticks.Count ? ticks[x.i + 1].X : report.Gantt.Width) > b.X0 && x.t.X < b.X1).Select(x => x.i).ToList();
        var late = report.Gantt.Bars.First(b => b.Tone == GanttTone.Late && Math.Round(months(b).Count * b.Progress) < months(b).Count);
        var lastMonth = months(late)[^1];
        var lateCell = sheet.Cell(firstDataRow + late.Row, firstMonth + lastMonth).Style.Fill;
        Assert.Equal(XLFillPatternValues.LightDown, lateCell.PatternType);
        Assert.Equal(XLColor.FromHtml(ReportPalette.Gantt(GanttTone.Late).Strong), lateCell.PatternColor);

        // The legend draws each state as its bars are drawn; read as a grey copy would (pattern, and whether a
        // month is dark, light or white), no two states look alike.
        var legend = sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "凡例").RowNumber();
        var states = new[] { GanttTone.Done, GanttTone.InProgress, GanttTone.NotStarted, GanttTone.AtRisk, GanttTone.Late, GanttTone.External, GanttTone.OnHold };
        var looks = states.Select((tone, i) =>
        {
            var row = legend + 1 + i;
            Assert.Equal(tone.Label(), sheet.Cell(row, 2).GetString());
            return string.Join("|", Enumerable.Range(firstMonth, 2).Select(c => Grey(sheet.Cell(row, c).Style.Fill, tone)));
        }).ToList();
        Assert.Equal(states.Length, looks.Distinct().Count());
        Assert.Equal("期限を過ぎた月", sheet.Cell(legend + 1 + states.Length, 2).GetString());
        Assert.Equal(XLFillPatternValues.LightUp, sheet.Cell(legend + 1 + states.Length, firstMonth).Style.Fill.PatternType);
    }

    private static string Grey(IXLFill fill, GanttTone tone)
    {
        var colours = ReportPalette.Gantt(tone);
        var shade = fill.BackgroundColor == XLColor.FromHtml(colours.Strong) ? "dark"
            : fill.BackgroundColor == XLColor.FromHtml("#FFFFFF") ? "white" : "light";
        return $"{fill.PatternType}:{shade}";
    }

    private static int MonthIndex(CommitteeReport report, DateOnly month) =>
        report.Gantt.Ticks.Select((t, i) => (t, i)).Single(x => x.t.Month == month).i;
}
