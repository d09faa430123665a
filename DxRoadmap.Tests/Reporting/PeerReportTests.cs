using System.Text;
using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Peers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace DxRoadmap.Tests.Reporting;

/// <summary>他団体比較 in both reports, read back: ClosedXML opens the sheet, PdfPig reads the page's text.</summary>
public class PeerReportTests
{
    private static PeerStanding Standing(bool withDecember = false, bool national = false)
    {
        var file = national
            ? PeerFiles.With(Enumerable.Range(1, 7).Select(i => $"熊本県,町{i},0.5," + string.Join(',', Enumerable.Repeat("0.5", 20))).ToArray())
            : PeerFiles.Kagoshima;
        var table = PeerTableFile.ReadCsv(file, new DateOnly(2026, 1, 1), PeerFiles.PlanBusinesses).Table!;
        var december = withDecember
            ? PeerTableFile.ReadCsv(Encoding.UTF8.GetBytes(PeerFiles.KagoshimaText.Replace("鹿児島県,姶良市,0.8575,0.85", "鹿児島県,姶良市,0.8,0.75")),
                new DateOnly(2025, 12, 1), PeerFiles.PlanBusinesses).Table
            : null;
        return PeerComparison.Compare(table, "鹿児島県", "姶良市", december)!;
    }

    private static async Task<CommitteeReport> ReportAsync(PeerStanding? standing) =>
        await Reports.BuildAsync("2026-11-26") with { Peers = standing };

    private static string PdfText(CommitteeReport report)
    {
        using var stream = new MemoryStream();
        PdfReportWriter.Write(report, stream);
        using var pdf = PdfDocument.Open(stream.ToArray());
        return string.Join("\n", pdf.GetPages().Select(p => p.Text));
    }

    [Fact]
    public async Task Excel_HasThePeerSheet_WithTheCityBesideThe県Mean_RankAndSpread()
    {
        using var book = Reports.Workbook(await ReportAsync(Standing(withDecember: true)));
        var sheet = book.Worksheet(ExcelReportWriter.PeerSheetName);
        var cells = sheet.CellsUsed().ToList();

        Assert.Contains("令和8年1月時点", sheet.Cell(1, 1).GetString());
        Assert.Contains("基準日 令和8年11月26日", sheet.Cell(1, 1).GetString());
        Assert.Contains(cells, c => c.GetString().StartsWith("20位 / 43団体", StringComparison.Ordinal) && c.GetString().Contains("前回 28位"));
        Assert.Contains(cells, c => c.GetString() == PeerComparison.NoNationalMean);

        var overall = cells.First(c => c.GetString() == "全体" && c.Address.ColumnNumber == 1).Address.RowNumber;
        Assert.Equal(0.8575, sheet.Cell(overall, 2).GetDouble(), 6);
        Assert.Equal(0.845381, sheet.Cell(overall, 3).GetDouble(), 6);
        Assert.Equal(1.21, sheet.Cell(overall, 4).GetDouble(), 2);        // 85.75 − 84.54 points
        Assert.Equal("—", sheet.Cell(overall, 5).GetString());
        Assert.Equal(5.75, sheet.Cell(overall, 6).GetDouble(), 2);        // since 2025-12
        Assert.Equal("0.00%", sheet.Cell(overall, 2).Style.NumberFormat.Format);
        var welfare = cells.First(c => c.GetString() == "生活保護").Address.RowNumber;
        Assert.Equal(1.0, sheet.Cell(welfare, 2).GetDouble());
        Assert.Equal(0.915116, sheet.Cell(welfare, 3).GetDouble(), 6);

        var spreadRows = cells.Where(c => c.Address.ColumnNumber == 2 && c.Address.RowNumber > welfare
            && sheet.Cell(c.Address.RowNumber, 1).DataType == XLDataType.Number).ToList();
        Assert.Equal(43, spreadRows.Count);
        var city = spreadRows.Single(c => c.GetString() == "姶良市").Address.RowNumber;
        Assert.Equal(20, sheet.Cell(city, 1).GetDouble());
        Assert.True(sheet.Cell(city, 2).Style.Font.Bold);
        Assert.Equal("曽於市", spreadRows[0].GetString());
        Assert.Equal("龍郷町", spreadRows[^1].GetString());
    }

    [Fact]
    public async Task Excel_WithANationalTable_ShowsTheNationalMean()
    {
        using var book = Reports.Workbook(await ReportAsync(Standing(national: true)));
        var sheet = book.Worksheet(ExcelReportWriter.PeerSheetName);
        var overall = sheet.CellsUsed().First(c => c.GetString() == "全体" && c.Address.ColumnNumber == 1).Address.RowNumber;
        Assert.Equal((0.8453814 * 43 + 0.5 * 7) / 50, sheet.Cell(overall, 5).GetDouble(), 6);
        Assert.Contains(sheet.CellsUsed(), c => c.GetString().Contains("(50団体)"));
    }

    [Fact]
    public async Task Excel_WithoutAPublishedTable_HasNoPeerSheet()
    {
        using var book = Reports.Workbook(await ReportAsync(null));
        Assert.False(book.TryGetWorksheet(ExcelReportWriter.PeerSheetName, out _));
    }

    [Fact]
    public async Task Pdf_HasThePeerPage_WithTheStampRankMeansAnd業務()
    {
        var text = PdfText(await ReportAsync(Standing(withDecember: true)));

        Assert.Contains(PdfReportWriter.PeerHeading + " (令和8年1月時点)", text);
        Assert.Contains("姶良市 全体 85.75%", text);
        Assert.Contains("鹿児島県内 20位 / 43団体", text);
        Assert.Contains("前回 2025-12", text);
        Assert.Contains("鹿児島県平均 84.54%", text);
        Assert.Contains("最高 曽於市 100.00%", text);
        Assert.Contains("最低 龍郷町 66.13%", text);
        Assert.Contains(PeerComparison.NoNationalMean, text);
        Assert.Contains("鹿児島県の43団体の全体", text);  // the strip's caption
        Assert.Contains("生活保護", text);
        Assert.Contains("91.51%", text);                  // 生活保護's 県 mean
        Assert.Contains("+5.75pt", text);
    }

    [Fact]
    public async Task Pdf_WithoutAPublishedTable_HasNoPeerPage()
    {
        Assert.DoesNotContain(PdfReportWriter.PeerHeading, PdfText(await ReportAsync(null)));
    }

    [Fact]
    public async Task ReportService_AddsTheTableNotAfterTheAsOfDate_AndOnlyWhen5Point1IsInScope()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var clock = new AppClock(new FixedTime(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero)));
        var peers = new PeerRates(database, clock, Options.Create(new CityOptions()), NullLogger<PeerRates>.Instance);
        Assert.True((await peers.ApplyAsync(PeerFiles.Kagoshima, "2026-01", false, TestUser.Editor())).Succeeded);
        var service = new ReportService(new RoadmapReader(database), Options.Create(DelayThresholds.Default), peers: peers);

        Assert.Equal(20, (await service.BuildAsync(new DateOnly(2026, 11, 26), ReportScope.All, null)).Report!.Peers!.Rank);
        Assert.Null((await service.BuildAsync(new DateOnly(2025, 12, 31), ReportScope.All, null)).Report!.Peers);
        Assert.Null((await service.BuildAsync(new DateOnly(2026, 11, 26), ReportScope.ForInitiative("5.2"), null)).Report!.Peers);
    }
}
