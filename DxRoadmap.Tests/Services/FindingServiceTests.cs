using ClosedXML.Excel;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;

namespace DxRoadmap.Tests.Services;

public class FindingServiceTests
{
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    private static readonly FixedTime Time = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));

    private static ReportService Reports(TestDatabase database, FindingService findings) =>
        new(new RoadmapReader(database), Options.Create(DelayThresholds.Default), Time, findings);

    private static async Task<int> InitiativeIdAsync(TestDatabase database, string code)
    {
        await using var db = database.CreateDbContext();
        return (await db.Initiatives.SingleAsync(i => i.Code == code)).Id;
    }

    [Fact]
    public async Task AReport_UsesTheWordsWrittenForTheLatestMeetingUpToItsDate()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider, sampleProgress: true);
        var findings = new FindingService(database);
        var id = await InitiativeIdAsync(database, "5.1");
        var june = new FindingInput(id, new DateOnly(2026, 6, 1), "移行テストを継続", "住民記録を移行", "税・介護の提供遅れ", "特定移行支援として届出");
        var november = june with { MeetingDate = new DateOnly(2026, 11, 1), Results = "20業務のうち11業務を移行" };
        Assert.True((await findings.SaveFindingAsync(june, TestUser.Editor(), Time)).Succeeded);
        Assert.True((await findings.SaveFindingAsync(november, TestUser.Editor(), Time)).Succeeded);

        var reports = Reports(database, findings);
        var august = (await reports.BuildAsync(new DateOnly(2026, 8, 1), ReportScope.All, null)).Report!;
        var late = (await reports.BuildAsync(new DateOnly(2026, 11, 26), ReportScope.All, null)).Report!;
        var early = (await reports.BuildAsync(new DateOnly(2026, 5, 1), ReportScope.All, null)).Report!;
        Assert.Equal("住民記録を移行", august.Details.Single(d => d.Code == "5.1").Finding!.Results);
        Assert.Equal("20業務のうち11業務を移行", late.Details.Single(d => d.Code == "5.1").Finding!.Results);
        Assert.Equal("令和8年11月1日 部会", late.Details.Single(d => d.Code == "5.1").Finding!.MeetingLabel);
        Assert.Null(early.Details.Single(d => d.Code == "5.1").Finding);
        Assert.Null(late.Details.Single(d => d.Code == "5.2").Finding);
    }

    [Fact]
    public async Task Writing_IsFor推進課Only_AndEveryChangeIsInTheAuditLog()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var findings = new FindingService(database);
        var id = await InitiativeIdAsync(database, "5.2");
        var input = new FindingInput(id, new DateOnly(2026, 11, 1), "申請の受付開始", null, null, null);

        var denied = await findings.SaveFindingAsync(input, TestUser.Viewer(), Time);
        Assert.False(denied.Succeeded);
        Assert.Contains("所見・指標を書く権限がありません", denied.Message);
        Assert.False((await findings.SaveIndicatorAsync(new IndicatorInput(null, id, "件数", "件", 10, 2026), TestUser.Head(1, "市民課"))).Succeeded);
        Assert.Empty((await findings.LoadAsync()).Findings);

        Assert.True((await findings.SaveFindingAsync(input, TestUser.Editor("推進担当"), Time)).Succeeded);
        Assert.True((await findings.SaveFindingAsync(input with { Work = "受付開始と周知" }, TestUser.Editor("推進担当"), Time)).Succeeded);
        var saved = Assert.Single((await findings.LoadAsync()).Findings);
        Assert.Equal("受付開始と周知", saved.Work);
        await using var db = database.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.Entity == "所見").ToListAsync();
        Assert.Contains(audit, a => a.Field == "取組内容" && a.OldValue == "申請の受付開始" && a.NewValue == "受付開始と周知" && a.Actor == "推進担当");
    }

    [Fact]
    public async Task TooLongText_IsRefusedInJapanese_AndNothingIsSaved()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var findings = new FindingService(database);
        var id = await InitiativeIdAsync(database, "5.3");
        var result = await findings.SaveFindingAsync(
            new FindingInput(id, new DateOnly(2026, 11, 1), new string('あ', 2001), null, null, null), TestUser.Editor(), Time);
        Assert.False(result.Succeeded);
        Assert.Contains("取組内容は 2,000 文字以内", result.Message);
        Assert.Empty((await findings.LoadAsync()).Findings);
    }

    [Fact]
    public async Task Indicators_ShowTheirLatestValueUpToTheDate_BesideTheComputedOnes_InBothFiles()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider, sampleProgress: true);
        var findings = new FindingService(database);
        var id = await InitiativeIdAsync(database, "5.4");
        Assert.True((await findings.SaveIndicatorAsync(new IndicatorInput(null, id, "押印を廃止した手続", "手続", 120, 2026), TestUser.Editor())).Succeeded);
        var indicator = Assert.Single((await findings.LoadAsync()).Indicators);
        Assert.True((await findings.SaveValueAsync(indicator.Id, new DateOnly(2025, 3, 31), 40, TestUser.Editor())).Succeeded);
        Assert.True((await findings.SaveValueAsync(indicator.Id, new DateOnly(2026, 3, 31), 85, TestUser.Editor())).Succeeded);
        Assert.True((await findings.SaveFindingAsync(new FindingInput(id, new DateOnly(2026, 11, 1), "例規の段階的改正",
            "子育て関係の手続を改正", "法制審査の待ち時間", "令和9年度に残りを改正"), TestUser.Editor(), Time)).Succeeded);

        var reports = Reports(database, findings);
        var then = (await reports.BuildAsync(new DateOnly(2025, 6, 1), ReportScope.All, null)).Report!;
        var now = (await reports.BuildAsync(new DateOnly(2026, 11, 26), ReportScope.All, null)).Report!;
        Assert.Equal(40, then.Details.Single(d => d.Code == "5.4").Indicators.Single().Actual);
        var typed = now.Details.Single(d => d.Code == "5.4").Indicators.Single();
        Assert.Equal((85m, "令和8年度", 71), (typed.Actual!.Value, typed.TargetYear, typed.Attainment!.Value));
        var online = now.Details.Single(d => d.Code == "5.2").Indicators.Single(i => i.Name == InitiativeDetails.ProceduresOnline);
        Assert.Equal(28, online.Target);
        Assert.True(online.Computed);
        Assert.InRange(online.Actual!.Value, 1, 28);
        Assert.NotNull(now.Details.Single(d => d.Code == "5.2").ProcedureStages);
        Assert.True(now.Details.Single(d => d.Code == "5.3").Hours!.Actual > 0);

        using var pdfStream = new MemoryStream();
        PdfReportWriter.Write(now, pdfStream);
        using var pdf = PdfDocument.Open(pdfStream.ToArray());
        var page = pdf.GetPages().First(p => p.Text.Replace(" ", "", StringComparison.Ordinal).Contains("法制審査の待ち時間", StringComparison.Ordinal));
        var text = page.Text.Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("5.4業務プロセスの変革とICTの推進", text);
        Assert.Contains("押印を廃止した手続", text);
        Assert.Contains("85手続", text);
        Assert.Contains("目標と所見", text);
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        Assert.Contains(bookmarks.Roots, b => b.Title == "重点取組ごとの状況" && b.Children.Count == 5);
        var allText = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains("オンライン化手続(5.2)の段階別件数", allText);
        Assert.Contains("AI・RPA(5.3)による削減時間(年間)", allText);

        var xlsx = new MemoryStream();
        ExcelReportWriter.Write(now, xlsx);
        xlsx.Position = 0;
        using var workbook = new XLWorkbook(xlsx);
        var cells = workbook.Worksheet("概要").CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("法制審査の待ち時間", cells);
        Assert.Contains("押印を廃止した手続", cells);
        Assert.Contains(InitiativeDetails.ProceduresOnline, cells);
        Assert.Contains(now.Details.Single(d => d.Code == "5.1").Aim, cells);
    }

    [Fact]
    public async Task AnIndicatorEnteredByMistake_CanBeCorrectedOrRemoved_WithItsValues_AndEachStepIsAudited()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider);
        var findings = new FindingService(database);
        var id = await InitiativeIdAsync(database, "5.3");
        Assert.True((await findings.SaveIndicatorAsync(new IndicatorInput(null, id, "RPA削減時間", "時間", 1000, 2026), TestUser.Editor())).Succeeded);
        var indicator = Assert.Single((await findings.LoadAsync()).Indicators);
        Assert.True((await findings.SaveValueAsync(indicator.Id, new DateOnly(2026, 3, 31), 400, TestUser.Editor())).Succeeded);
        Assert.True((await findings.SaveValueAsync(indicator.Id, new DateOnly(2026, 9, 30), 650, TestUser.Editor())).Succeeded);

        // Corrected: the same indicator, its values kept.
        Assert.True((await findings.SaveIndicatorAsync(new IndicatorInput(indicator.Id, id, "RPAによる削減時間", "時間/年", 1200, 2027), TestUser.Editor())).Succeeded);
        var corrected = Assert.Single((await findings.LoadAsync()).Indicators);
        Assert.Equal(("RPAによる削減時間", "時間/年", 1200m, 2027, 2), (corrected.Name, corrected.Unit, corrected.Target!.Value, corrected.TargetFiscalYear!.Value, corrected.Values.Count));

        // A value recorded for the wrong day is removed; a 閲覧者 may not remove anything.
        var denied = await findings.DeleteValueAsync(indicator.Id, new DateOnly(2026, 9, 30), TestUser.Viewer());
        Assert.False(denied.Succeeded);
        Assert.Equal(2, Assert.Single((await findings.LoadAsync()).Indicators).Values.Count);
        var removed = await findings.DeleteValueAsync(indicator.Id, new DateOnly(2026, 9, 30), TestUser.Editor());
        Assert.Equal("2026/09/30 の実績値を削除しました。", removed.Message);
        Assert.Equal(400, Assert.Single(Assert.Single((await findings.LoadAsync()).Indicators).Values).Value);
        Assert.Equal("この実績値は削除されています。", (await findings.DeleteValueAsync(indicator.Id, new DateOnly(2026, 9, 30), TestUser.Editor())).Message);

        // The indicator goes with its remaining value; asking again says it is gone.
        Assert.False((await findings.DeleteIndicatorAsync(indicator.Id, TestUser.Head(1, "市民課"))).Succeeded);
        Assert.Equal("指標「RPAによる削減時間」を削除しました。", (await findings.DeleteIndicatorAsync(indicator.Id, TestUser.Editor("推進担当"))).Message);
        Assert.Empty((await findings.LoadAsync()).Indicators);
        Assert.Equal("この指標は削除されています。", (await findings.DeleteIndicatorAsync(indicator.Id, TestUser.Editor())).Message);
        await using var db = database.CreateDbContext();
        Assert.Empty(await db.IndicatorValues.ToListAsync());
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Actor == "推進担当" && a.OldValue == "RPAによる削減時間");
    }
}

public sealed class FindingServiceTestsOnPostgres : FindingServiceTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
