using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
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
        Assert.Equal(40, section.Steps.Count);
        Assert.Equal(("①", "①-1", "推進体制案の作成"), (section.Steps[0].Group, section.Steps[0].Code, section.Steps[0].Title));
        // The sample on 2026-11-26: 15 業務 live at 40/40, the 4 特定移行支援 tax 業務 at 35, 就学 at 36: 776 of 800.
        Assert.Equal(0.97, section.Rate);
        Assert.Equal((15, 15, 4), (section.SystemsComplete, section.Migrated, section.SpecificSupport));
        Assert.Equal("完了率 97%　移行済み 15 / 20　特定移行支援 4", section.Headline);
        var register = section.Systems.Single(s => s.Name == "住民基本台帳");
        Assert.Equal("市民課", register.Department);
        Assert.True(register.Complete);
        var school = section.Systems.Single(s => s.Name == "就学");
        Assert.Equal((36, 2.0 / 40, 2.0 / 40), (school.Finished, school.WorkingRate, school.NotStartedRate));
        Assert.True(school.MigrationLate); // planned for 令和8年10月, not live on 11月26日
        var tax = section.Systems.Single(s => s.Name == "固定資産税");
        Assert.Equal((true, "事業者のリソースひっ迫", false), (tax.SpecificSupport, tax.SpecificReason, tax.MigrationLate));
        Assert.Equal(StepStatus.NotApplicable, tax.Statuses[section.Steps.ToList().FindIndex(s => s.Code == "⑤-3")]);
    }

    [Fact]
    public async Task Section_ForAnEarlierMeeting_CountsOnlyStepsFinishedByThen()
    {
        var now = (await Reports.BuildAsync("2026-11-26")).Standardisation!;
        var then = (await Reports.BuildAsync("2026-04-01")).Standardisation!;

        var january = (await Reports.BuildAsync("2026-01-31")).Standardisation!;

        Assert.True(january.Rate < then.Rate && then.Rate <= now.Rate);
        // Only 生活保護 had gone live (2025-12-22) by the end of January.
        Assert.Equal("生活保護", Assert.Single(january.Systems, s => s.Complete).Name);
        Assert.Equal(1, january.Migrated);
        Assert.False(Assert.Single(then.Systems, s => s.Name == "就学").MigrationLate); // its 令和8年10月 had not passed
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
        const int headerRow = 3, firstStep = 10;
        Assert.Equal("業務", sheet.Cell(2, 1).GetString());
        Assert.Equal("①", sheet.Cell(2, firstStep).GetString());
        Assert.Equal("①-1", sheet.Cell(headerRow, firstStep).GetString());
        Assert.Equal("⑱-1", sheet.Cell(headerRow, firstStep + 39).GetString());
        Assert.Contains("完了率 97%　移行済み 15 / 20　特定移行支援 4", sheet.Cell(1, 1).GetString());
        Assert.Equal(headerRow, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(XLPaperSize.A3Paper, sheet.PageSetup.PaperSize);

        var rows = Enumerable.Range(headerRow + 1, 20).Select(sheet.Row).ToList();
        Assert.Equal(report.Standardisation!.Systems.Select(s => s.Name), rows.Select(r => r.Cell(1).GetString()));
        Assert.True(sheet.Cell(headerRow + 21, 1).IsEmpty());

        var school = rows.Single(r => r.Cell(1).GetString() == "就学");
        Assert.Equal(XLDataType.Number, school.Cell(3).DataType);
        Assert.Equal(0.9, school.Cell(3).GetDouble());
        Assert.EndsWith("%", school.Cell(3).Style.NumberFormat.Format, StringComparison.Ordinal);
        Assert.Equal(0.05, school.Cell(4).GetDouble());
        Assert.Equal("遅延", school.Cell(9).GetString());
        Assert.Equal("●", school.Cell(firstStep).GetString());
        Assert.Equal("－", school.Cell(firstStep + 15).GetString()); // ⑤-3 対象外
        Assert.Equal("◐", school.Cell(firstStep + 34).GetString()); // ⑮-1 作業中
        Assert.Equal("○", school.Cell(firstStep + 39).GetString()); // ⑱-1 未着手
        Assert.NotEqual(school.Cell(firstStep + 39).Style.Fill.BackgroundColor, school.Cell(firstStep).Style.Fill.BackgroundColor);
        var tax = rows.Single(r => r.Cell(1).GetString() == "固定資産税");
        Assert.Equal("事業者のリソースひっ迫", tax.Cell(6).GetString());
        Assert.Equal(new DateTime(2027, 1, 1), tax.Cell(7).GetDateTime());
        var live = rows.Single(r => r.Cell(1).GetString() == "生活保護");
        Assert.Equal(new DateTime(2025, 12, 22), live.Cell(8).GetDateTime());
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

        // The table's pages (it may continue on the next, under the same caption).
        var text = string.Concat(pdf.GetPages().Select(p => p.Text.Replace(" ", "", StringComparison.Ordinal).Replace("　", "", StringComparison.Ordinal))
            .Where(t => t.Contains("標準化(5.1)の進捗", StringComparison.Ordinal)));
        Assert.Contains("住民基本台帳", text);
        Assert.Contains("子ども・子育て支援", text);
        Assert.Contains("完了率97%移行済み15/20特定移行支援4", text);
        Assert.Contains("事業者のリソースひっ迫", text);
        Assert.Contains("令和8年10月遅延", text); // 就学's passed planned month
        // The steps' names follow the table, since its columns carry only their codes.
        var all = string.Concat(pdf.GetPages().Select(p => p.Text.Replace(" ", "", StringComparison.Ordinal)));
        Assert.Contains("①-1推進体制案の作成", all);
        Assert.Contains("⑱-1運用開始ステータス", all);
    }
}
