using ClosedXML.Excel;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// Hostile and damaged 照会票, made by the tests from a real answered one: each is refused with a message the user
/// can act on (or, where only locked or hidden cells were touched, changes nothing), and nothing is saved.
/// Time and memory for each are measured by <c>bench/DxRoadmap.Bench -- --hostile</c>, not here.
/// </summary>
public class HostileWorkbookTests
{
    private static ProgressInquiry Inquiry(SmallRoadmap roadmap) =>
        new(roadmap.Database, new AppClock(FixedTime.On("2022-04-01")), Options.Create(DelayThresholds.Default), NullLogger<ProgressInquiry>.Instance);

    /// <summary>市民課's 照会票 with a real answer in it (順調な工程 to 40%), so a refusal is what keeps it out.</summary>
    private static async Task<byte[]> AnsweredAsync(SmallRoadmap roadmap, string department = SmallRoadmap.Citizens) =>
        EditMilestones((await Inquiry(roadmap).ExportAsync(department, TestUser.Editor().Principal))!.Content, sheet =>
        {
            foreach (var row in sheet.RowsUsed().Where(r => r.RowNumber() >= InquiryWorkbook.FirstDataRow))
            {
                row.Cell(InquiryWorkbook.ProgressColumn).Value = 40;
            }
        });

    private static byte[] EditMilestones(byte[] file, Action<IXLWorksheet> change)
    {
        using var workbook = new XLWorkbook(new MemoryStream(file));
        change(workbook.Worksheet(InquiryWorkbook.MilestoneSheet));
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static IXLRow OnTrackRow(IXLWorksheet sheet, SmallRoadmap roadmap) =>
        sheet.RowsUsed().Single(r => r.Cell(InquiryWorkbook.CodeColumn).GetString() == roadmap.OnTrack.Code);

    /// <summary>Everything an import could change, as one text: equal before and after means nothing was saved.</summary>
    private static async Task<string> StateAsync(SmallRoadmap roadmap)
    {
        await using var db = roadmap.Database.CreateDbContext();
        var milestones = await db.Milestones.OrderBy(m => m.Id)
            .Select(m => $"{m.Id}:{m.Title}:{m.Status}:{m.Progress}:{m.ActualStart}:{m.ActualEnd}:{m.Note}:{m.DelayReason}:{m.Version}").ToListAsync();
        var procedures = await db.Procedures.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Stage}:{p.ActualGoLive}").ToListAsync();
        var cases = await db.AutomationCases.OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Stage}:{c.ActualHoursSaved}").ToListAsync();
        return string.Join("\n", [.. milestones, .. procedures, .. cases, $"history {await db.ProgressUpdates.CountAsync()}"]);
    }

    public static TheoryData<string, string> PackageCases => new()
    {
        { "whitespace-before-sheetData", "「工程」シートを展開したところで大きさの上限を超えました (1つの部品は 8 MB、ブック全体は 16 MB まで)" },
        { "whitespace-inside-closing-tag", "「工程」シートに長すぎるタグがあります (64 KB を超えています)" },
        { "truncated-zip", InquiryWorkbook.NotAWorkbook },
        { "zip-not-a-workbook", InquiryWorkbook.NotAWorkbook },
        { "docx-not-xlsx", InquiryWorkbook.NotAWorkbook },
        { "10000-entries", "ブックの中の部品が多すぎます (10,013 個、上限 200 個)" },
        { "400000-rows", "「工程」シートの行が多すぎます (5,000 行を超えています)" },
        { "1048576-rows", "「工程」シートの行が多すぎます (5,000 行を超えています)" },
        { "last-row-1048576", "「工程」シートに 1048576 行目が使われています (使える行は 10,000 行目まで)" },
        { "million-shared-strings", "ブックの文字列が多すぎます (100,000 個を超えています)" },
        { "dtd-with-nested-entities", "「工程」シートの XML が壊れているか、読めない形式 (DTD、対応していない文字コードなど) です" },
        { "shift-jis-declared", "「工程」シートの XML が壊れているか、読めない形式 (DTD、対応していない文字コードなど) です" },
    };

    [Theory]
    [MemberData(nameof(PackageCases))]
    public async Task HostilePackage_IsRefusedNamingTheLimit_AndNothingIsSaved(string name, string message)
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var file = HostileWorkbooks.All[name](await AnsweredAsync(roadmap));
        Assert.True(file.Length <= ProgressInquiry.MaxFileSize, $"{name} is {file.Length:N0} bytes: the size limit would refuse it before the guard");
        var before = await StateAsync(roadmap);

        var preview = await Inquiry(roadmap).PreviewAsync(file, TestUser.Editor());
        var result = await Inquiry(roadmap).ApplyAsync(file, TestUser.Editor());

        Assert.True(preview.IsRefused);
        Assert.StartsWith(message, preview.Summary, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
        Assert.Equal(preview.Summary, result.Message);
        Assert.Equal(before, await StateAsync(roadmap));
    }

    public static TheoryData<string, string> CellCases => new()
    {
        { "100000-character-cell", "ブックの部品「xl/sharedStrings.xml」の文字数が多すぎます (100,000 文字、上限 32,767 文字)" },
        { "formula-for-progress", "「工程」シートの G9 セルに数式が入力されています。照会票には数式ではなく値を入力してください。" },
        { "number-for-date", "工程 シート 9行目 H列 (実績開始): 実績開始は 2026/11/26 の形の日付で入力してください。" },
        { "version-edited", "照会票の出力後に更新されています" },
        { "id-of-another-department", "は「市民課」の工程ではありません (主管課: 推進課)" },
    };

    [Theory]
    [MemberData(nameof(CellCases))]
    public async Task EditedCells_AreRefusedWithTheirPlace_AndNothingIsSaved(string name, string message)
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var file = EditMilestones(await AnsweredAsync(roadmap), sheet =>
        {
            var row = OnTrackRow(sheet, roadmap);
            switch (name)
            {
                case "100000-character-cell":
                    row.Cell(InquiryWorkbook.NoteColumn).Value = "長い備考"; // made 100,000 characters below: Excel and ClosedXML stop at 32,767
                    break;
                case "formula-for-progress":
                    row.Cell(InquiryWorkbook.ProgressColumn).FormulaA1 = "=20+30";
                    break;
                case "number-for-date":
                    row.Cell(InquiryWorkbook.ActualStartColumn).Value = 20261126;
                    break;
                case "version-edited":
                    row.Cell(InquiryWorkbook.VersionColumn).Value = Guid.NewGuid().ToString("D");
                    break;
                case "id-of-another-department":
                    row.Cell(InquiryWorkbook.IdColumn).Value = roadmap.AtRisk.Id;
                    break;
            }
        });
        if (name == "100000-character-cell")
        {
            file = HostileWorkbooks.Edit(file, "xl/sharedStrings.xml", xml => xml.Replace("長い備考", new string('あ', 100_000), StringComparison.Ordinal));
        }
        var before = await StateAsync(roadmap);

        var preview = await Inquiry(roadmap).PreviewAsync(file, TestUser.Editor());
        var result = await Inquiry(roadmap).ApplyAsync(file, TestUser.Editor());

        Assert.True(preview.IsRefused);
        var said = preview.Refusal ?? string.Join("\n", preview.Problems.Select(p => p.Text));
        Assert.Contains(message, said, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
        Assert.Equal(before, await StateAsync(roadmap));
    }

    [Fact]
    public async Task ProtectionRemoved_AndLockedOrHiddenCellsChanged_ChangeNothing()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var exported = (await Inquiry(roadmap).ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!.Content;
        var file = EditMilestones(exported, sheet =>
        {
            sheet.Unprotect();
            var row = OnTrackRow(sheet, roadmap);
            row.Cell(4).Value = "書き換えた工程名";
            row.Cell(5).Value = "令和9年3月";
            row.Cell(InquiryWorkbook.FingerprintColumn).Value = "0000000000000000";
        });
        var before = await StateAsync(roadmap);

        var result = await Inquiry(roadmap).ApplyAsync(file, TestUser.Editor());

        Assert.True(result.Succeeded, result.Message);
        Assert.Empty(result.Preview.Changes);
        Assert.Equal("変更はありません (確認した行 4 件)。", result.Message);
        Assert.Equal(before, await StateAsync(roadmap));
        Assert.Equal("順調な工程", (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Title);
    }

    [Fact]
    public async Task AnotherDepartmentsWorkbook_RenamedAsOurs_IsRefusedToTheDepartmentHead()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var promotions = await AnsweredAsync(roadmap, SmallRoadmap.Promotion); // the file name is the user's: only the content counts
        var before = await StateAsync(roadmap);

        var result = await Inquiry(roadmap).ApplyAsync(promotions, TestUser.Head(roadmap.CitizensDepartment.Id, SmallRoadmap.Citizens));

        Assert.False(result.Succeeded);
        Assert.Equal("このブックは「推進課」の照会票です。所属長が取り込めるのは自課 (「市民課」) の照会票だけです。", result.Message);
        Assert.Equal(before, await StateAsync(roadmap));
    }
}
