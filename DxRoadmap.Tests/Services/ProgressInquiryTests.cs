using ClosedXML.Excel;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Cli;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
namespace DxRoadmap.Tests.Services;

/// <summary>
/// The 照会/回答 round trip: the 照会票 as written, edited with ClosedXML as a 課 would in Excel, and read back
/// through preview and apply.
/// </summary>
public class ProgressInquiryTests
{
    private const string Today = "2022-04-01";

    private static ProgressInquiry Inquiry(SmallRoadmap roadmap, string today = Today) =>
        new(roadmap.Database, new AppClock(FixedTime.On(today)), Options.Create(DelayThresholds.Default), NullLogger<ProgressInquiry>.Instance);

    private static async Task<byte[]> ExportAsync(SmallRoadmap roadmap, string department = SmallRoadmap.Citizens) =>
        (await Inquiry(roadmap).ExportAsync(department, TestUser.Editor().Principal))!.Content;

    /// <summary>Opens the workbook, lets the test change cells of the 工程 sheet, and saves it as a 課 would.</summary>
    private static byte[] Edit(byte[] file, Action<IXLWorksheet> change)
    {
        using var workbook = new XLWorkbook(new MemoryStream(file));
        change(workbook.Worksheet(InquiryWorkbook.MilestoneSheet));
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static IXLRow RowOf(IXLWorksheet sheet, Milestone milestone) =>
        sheet.RowsUsed().Single(r => r.Cell(InquiryWorkbook.CodeColumn).GetString() == milestone.Code);

    /// <summary>The 課's answer: 順調な工程 to 40% with a note and a comment; 着手遅れの工程 started on 3/28.</summary>
    private static byte[] Answer(SmallRoadmap roadmap, byte[] file) => Edit(file, sheet =>
    {
        var onTrack = RowOf(sheet, roadmap.OnTrack);
        onTrack.Cell(InquiryWorkbook.ProgressColumn).Value = 40;
        onTrack.Cell(InquiryWorkbook.NoteColumn).Value = "業者決定";
        onTrack.Cell(InquiryWorkbook.CommentColumn).Value = "11月回答";
        var lateStart = RowOf(sheet, roadmap.LateStart);
        lateStart.Cell(InquiryWorkbook.StatusColumn).Value = "進行中";
        lateStart.Cell(InquiryWorkbook.ProgressColumn).Value = 5;
        lateStart.Cell(InquiryWorkbook.ActualStartColumn).Value = new DateTime(2022, 3, 28);
    });

    [Fact]
    public async Task Export_LocksAllButTheAnswerColumns_AndCarriesIdentityAndMeta()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var export = (await Inquiry(roadmap).ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!;

        Assert.Equal("進捗照会_市民課_令和4年4月1日.xlsx", export.FileName);
        using var workbook = new XLWorkbook(new MemoryStream(export.Content));
        var sheet = workbook.Worksheet(InquiryWorkbook.MilestoneSheet);
        Assert.True(sheet.IsProtected);
        var row = RowOf(sheet, roadmap.OnTrack);
        Assert.True(row.Cell(4).Style.Protection.Locked);
        Assert.False(row.Cell(InquiryWorkbook.StatusColumn).Style.Protection.Locked);
        Assert.False(row.Cell(InquiryWorkbook.CommentColumn).Style.Protection.Locked);
        Assert.Equal("進行中", row.Cell(InquiryWorkbook.StatusColumn).GetString());
        Assert.Equal(roadmap.OnTrack.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Cell(InquiryWorkbook.IdColumn).GetString());
        Assert.True(sheet.Column(InquiryWorkbook.IdColumn).IsHidden);
        Assert.True(sheet.Column(InquiryWorkbook.VersionColumn).IsHidden);
        Assert.Contains(sheet.DataValidations, v => v.AllowedValues == XLAllowedValues.List && v.Value.Contains("未着手,進行中,完了,保留,中止", StringComparison.Ordinal));
        Assert.Contains(sheet.DataValidations, v => v.AllowedValues == XLAllowedValues.WholeNumber && v.MinValue == "0" && v.MaxValue == "100");
        // Only the 課's own milestones: 市民課 owns two.
        Assert.Equal(2, sheet.RowsUsed().Count(r => r.RowNumber() >= InquiryWorkbook.FirstDataRow));
        var meta = workbook.Worksheet(InquiryWorkbook.MetaSheet);
        Assert.Equal(XLWorksheetVisibility.VeryHidden, meta.Visibility);
        Assert.Equal(SmallRoadmap.Citizens, meta.Cell(4, 2).GetString());
        Assert.Contains("転入届", workbook.Worksheet(InquiryWorkbook.ProcedureSheet).Cell(InquiryWorkbook.FirstDataRow, 1).GetString());
    }

    [Fact]
    public async Task RoundTrip_PreviewChangesNothing_ApplyWritesValuesHistoryAndAudit_AndTheSameFileAgainChangesNothing()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var file = Answer(roadmap, await ExportAsync(roadmap));
        var inquiry = Inquiry(roadmap);
        var editor = TestUser.Editor();

        var preview = await inquiry.PreviewAsync(file, editor);

        Assert.False(preview.IsRefused, string.Join("\n", preview.Problems.Select(p => p.Text)));
        Assert.Equal(SmallRoadmap.Citizens, preview.Department);
        Assert.Equal(2, preview.Changes.Count);
        var onTrack = preview.Changes.Single(c => c.ItemId == roadmap.OnTrack.Id);
        Assert.Equal([new FieldChange("進捗率", "10%", "40%"), new FieldChange("備考", null, "業者決定")], onTrack.Changes);
        Assert.Equal("11月回答", onTrack.Comment);
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
        Assert.Empty(await roadmap.HistoryAsync(roadmap.OnTrack.Id));

        var result = await inquiry.ApplyAsync(file, editor);

        Assert.True(result.Succeeded, result.Message);
        var saved = await roadmap.ReloadAsync(roadmap.OnTrack.Id);
        Assert.Equal(40, saved.Progress);
        Assert.Equal("業者決定", saved.Note);
        Assert.Equal(TestUser.EditorName, saved.UpdatedBy);
        var late = await roadmap.ReloadAsync(roadmap.LateStart.Id);
        Assert.Equal(MilestoneStatus.InProgress, late.Status);
        Assert.Equal(Build.Day("2022-03-28"), late.ActualStart);
        var entry = Assert.Single(await roadmap.HistoryAsync(roadmap.OnTrack.Id));
        Assert.Equal("照会回答の取込: 11月回答", entry.Comment);
        Assert.Equal(TestUser.EditorName, entry.UpdatedBy);
        Assert.Equal("照会回答の取込", Assert.Single(await roadmap.HistoryAsync(roadmap.LateStart.Id)).Comment);
        await using (var db = roadmap.Database.CreateDbContext())
        {
            Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Actor == TestUser.EditorName && a.Field == "進捗率" && a.NewValue == "40");
        }

        var again = await inquiry.PreviewAsync(file, editor);
        Assert.False(again.IsRefused, again.Summary);
        Assert.Empty(again.Changes);
        Assert.Equal(4, again.Unchanged); // the two answered milestones, and the 手続 and AI・RPA rows left as exported
        Assert.True((await inquiry.ApplyAsync(file, editor)).Succeeded);
        Assert.Single(await roadmap.HistoryAsync(roadmap.OnTrack.Id));
        Assert.Equal(saved.Version, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Version);
    }

    [Fact]
    public async Task NotAWorkbook_IsRefused()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var random = new byte[4096];
        new Random(7).NextBytes(random);

        var preview = await Inquiry(roadmap).PreviewAsync(random, TestUser.Editor());

        Assert.Equal(InquiryWorkbook.NotAWorkbook, preview.Refusal);
    }

    [Fact]
    public async Task WorkbookWithoutTheMetaSheet_IsRefused()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        using var workbook = new XLWorkbook();
        workbook.Worksheets.Add("工程").Cell(1, 1).Value = "自作の表";
        using var output = new MemoryStream();
        workbook.SaveAs(output);

        var result = await Inquiry(roadmap).ApplyAsync(output.ToArray(), TestUser.Editor());

        Assert.False(result.Succeeded);
        Assert.Equal(InquiryWorkbook.NoMeta, result.Message);
    }

    [Fact]
    public async Task DepartmentHead_MayImportOnlyTheirOwnDepartmentsWorkbook_AndViewerNone()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var file = Answer(roadmap, await ExportAsync(roadmap));
        var inquiry = Inquiry(roadmap);
        await using var db = roadmap.Database.CreateDbContext();
        var promotion = await db.Departments.SingleAsync(d => d.Name == SmallRoadmap.Promotion);

        var other = await inquiry.ApplyAsync(file, TestUser.Head(promotion.Id, promotion.Name));
        var viewer = await inquiry.ApplyAsync(file, TestUser.Viewer());

        Assert.False(other.Succeeded);
        Assert.Contains("「市民課」の照会票", other.Message);
        Assert.Contains("「推進課」", other.Message);
        Assert.False(viewer.Succeeded);
        Assert.Contains("権限がありません", viewer.Message);
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);

        var own = await inquiry.ApplyAsync(file, TestUser.Head(roadmap.CitizensDepartment.Id, SmallRoadmap.Citizens, "市民課長"));
        Assert.True(own.Succeeded, own.Message);
        Assert.Equal("市民課長", (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).UpdatedBy);
    }

    [Theory]
    [InlineData("other-department", "主管課: 推進課")]
    [InlineData("missing", "登録されていません")]
    public async Task TamperedId_IsRefusedAndNothingChanges(string tamper, string message)
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var file = Edit(Answer(roadmap, await ExportAsync(roadmap)), sheet =>
            RowOf(sheet, roadmap.LateStart).Cell(InquiryWorkbook.IdColumn).Value = tamper == "missing" ? 99999 : roadmap.Overdue.Id);

        var result = await Inquiry(roadmap).ApplyAsync(file, TestUser.Editor());

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Preview.Problems);
        Assert.Contains(message, problem.Message);
        Assert.StartsWith("工程 シート", problem.Text, StringComparison.Ordinal);
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
        Assert.Equal(MilestoneStatus.NotStarted, (await roadmap.ReloadAsync(roadmap.Overdue.Id)).Status);
    }

    [Fact]
    public async Task ChangedSinceExport_RefusesARowThatChangesIt_ButNotARowLeftAsExported()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var exported = await ExportAsync(roadmap);
        await roadmap.ChangeAsync(roadmap.OnTrack.Id, m => { m.Progress = 20; m.Version = Guid.NewGuid(); });
        await roadmap.ChangeAsync(roadmap.LateStart.Id, m => { m.Note = "推進課が記入"; m.Version = Guid.NewGuid(); });
        var file = Edit(exported, sheet => RowOf(sheet, roadmap.OnTrack).Cell(InquiryWorkbook.ProgressColumn).Value = 50);

        var result = await Inquiry(roadmap).ApplyAsync(file, TestUser.Editor());

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Preview.Problems);
        Assert.Contains("照会票の出力後に更新されています", problem.Message);
        Assert.Equal(20, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
        Assert.Equal("推進課が記入", (await roadmap.ReloadAsync(roadmap.LateStart.Id)).Note);
    }

    [Theory]
    [InlineData(InquiryWorkbook.ProgressColumn, "150", "G列 (進捗率(%)): 進捗率は 0～100 の範囲で入力してください。")]
    [InlineData(InquiryWorkbook.ProgressColumn, "半分", "G列 (進捗率(%)): 進捗率は 0～100 の整数で入力してください。")]
    [InlineData(InquiryWorkbook.StatusColumn, "終わった", "F列 (状態): 状態「終わった」は使えません。")]
    [InlineData(InquiryWorkbook.ActualEndColumn, "来週", "I列 (実績終了): 実績終了は 2026/11/26 の形の日付で入力してください。")]
    [InlineData(InquiryWorkbook.StatusColumn, "完了", "I列 (実績終了): 完了にするには実績終了日を入力してください。")]
    public async Task ABadCell_RefusesTheWholeWorkbook_NamingSheetRowAndColumn(int column, string value, string expected)
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var file = Edit(Answer(roadmap, await ExportAsync(roadmap)), sheet =>
        {
            var cell = RowOf(sheet, roadmap.OnTrack).Cell(column);
            if (int.TryParse(value, out var number))
            {
                cell.Value = number;
            }
            else
            {
                cell.Value = value;
            }
        });
        var inquiry = Inquiry(roadmap);

        var preview = await inquiry.PreviewAsync(file, TestUser.Editor());
        var result = await inquiry.ApplyAsync(file, TestUser.Editor());

        var row = RowOf(new XLWorkbook(new MemoryStream(file)).Worksheet(InquiryWorkbook.MilestoneSheet), roadmap.OnTrack).RowNumber();
        Assert.True(preview.Problems.Any(p => p.Text.StartsWith($"工程 シート {row}行目 {expected}", StringComparison.Ordinal)),
            string.Join("\n", preview.Problems.Select(p => p.Text)));
        Assert.False(result.Succeeded);
        // All or nothing: the other, valid row is not applied either.
        Assert.Equal(MilestoneStatus.NotStarted, (await roadmap.ReloadAsync(roadmap.LateStart.Id)).Status);
        Assert.Empty(await roadmap.HistoryAsync(roadmap.LateStart.Id));
    }

    [Fact]
    public async Task Cli_DryRunPrintsThePreviewAndChangesNothing_ThenAppliesAsTheSystemActor_AndRefusesWithExitOne()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var services = new ServiceCollection();
        roadmap.AddServices(services, FixedTime.On(Today));
        services.AddSingleton(Options.Create(DelayThresholds.Default));
        services.AddSingleton<ProgressInquiry>();
        await using var provider = services.BuildServiceProvider();
        var path = Path.Combine(Path.GetTempPath(), $"inquiry-{Guid.NewGuid():N}.xlsx");
        var junk = path + ".bin";
        await File.WriteAllBytesAsync(path, Answer(roadmap, await ExportAsync(roadmap)));
        await File.WriteAllBytesAsync(junk, [1, 2, 3, 4]);
        try
        {
            var dry = new StringWriter();
            var dryCode = await ImportCommand.RunAsync(["progress", path, "--dry-run"], provider, dry, new StringWriter());

            Assert.Equal(CommandLine.Ok, dryCode);
            Assert.Contains("進捗率: 10% → 40%", dry.ToString());
            Assert.Contains("--dry-run", dry.ToString());
            Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
            Assert.Empty(await roadmap.HistoryAsync(roadmap.OnTrack.Id));

            var applied = new StringWriter();
            Assert.Equal(CommandLine.Ok, await ImportCommand.RunAsync(["progress", path], provider, applied, new StringWriter()));
            Assert.Equal(ImportCommand.ActorName, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).UpdatedBy);

            var error = new StringWriter();
            Assert.Equal(CommandLine.Failed, await ImportCommand.RunAsync(["progress", junk], provider, new StringWriter(), error));
            Assert.Contains("Excel ブック", error.ToString());
        }
        finally
        {
            File.Delete(path);
            File.Delete(junk);
        }
    }

    /// <summary>Opens the workbook, lets the test change cells of one sheet, and saves it.</summary>
    private static byte[] EditSheet(byte[] file, string sheetName, Action<IXLWorksheet> change)
    {
        using var workbook = new XLWorkbook(new MemoryStream(file));
        change(workbook.Worksheet(sheetName));
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static IXLRow RowTitled(IXLWorksheet sheet, string title) =>
        sheet.RowsUsed().Single(r => r.Cell(1).GetString() == title);

    private static async Task<OnlineProcedure> ProcedureAsync(SmallRoadmap roadmap)
    {
        await using var db = roadmap.Database.CreateDbContext();
        return await db.Procedures.AsNoTracking().SingleAsync(p => p.Title == "転入届");
    }

    private static async Task<AutomationCase> CaseAsync(SmallRoadmap roadmap)
    {
        await using var db = roadmap.Database.CreateDbContext();
        return await db.AutomationCases.AsNoTracking().SingleAsync(c => c.Business == "住民票の照合");
    }

    [Fact]
    public async Task ProceduresAndCases_AreAnswerable_PreviewedAndAppliedWithTheMilestones_AndTheSameFileAgainChangesNothing()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var exported = await ExportAsync(roadmap);
        using (var workbook = new XLWorkbook(new MemoryStream(exported)))
        {
            var procedures = workbook.Worksheet(InquiryWorkbook.ProcedureSheet);
            Assert.True(procedures.IsProtected);
            Assert.True(RowTitled(procedures, "転入届").Cell(1).Style.Protection.Locked);
            Assert.False(RowTitled(procedures, "転入届").Cell(InquiryWorkbook.ProcedureStageColumn).Style.Protection.Locked);
            Assert.True(procedures.Column(InquiryWorkbook.ProcedureIdColumn).IsHidden);
            Assert.Contains(procedures.DataValidations, v => v.AllowedValues == XLAllowedValues.List
                && v.Value.Contains("未着手,様式登録,動作検証,API連携,サービス開始", StringComparison.Ordinal));
            var cases = workbook.Worksheet(InquiryWorkbook.CaseSheet);
            Assert.False(RowTitled(cases, "住民票の照合").Cell(InquiryWorkbook.CaseActualHoursColumn).Style.Protection.Locked);
            Assert.True(RowTitled(cases, "住民票の照合").Cell(4).Style.Protection.Locked);
        }
        var file = EditSheet(Answer(roadmap, exported), InquiryWorkbook.ProcedureSheet, sheet =>
        {
            var row = RowTitled(sheet, "転入届");
            row.Cell(InquiryWorkbook.ProcedureStageColumn).Value = "サービス開始";
            row.Cell(InquiryWorkbook.ActualGoLiveColumn).Value = new DateTime(2022, 3, 30);
        });
        file = EditSheet(file, InquiryWorkbook.CaseSheet, sheet =>
        {
            var row = RowTitled(sheet, "住民票の照合");
            row.Cell(InquiryWorkbook.CaseStageColumn).Value = "本稼働";
            row.Cell(InquiryWorkbook.CaseActualHoursColumn).Value = 120.5;
        });
        var inquiry = Inquiry(roadmap);
        var editor = TestUser.Editor();

        var preview = await inquiry.PreviewAsync(file, editor);

        Assert.False(preview.IsRefused, string.Join("\n", preview.Problems.Select(p => p.Text)));
        Assert.Equal(4, preview.Changes.Count);
        var procedureChange = preview.Changes.Single(c => c.Sheet == InquiryWorkbook.ProcedureSheet);
        Assert.Equal([new FieldChange("段階", "未着手", "サービス開始"), new FieldChange("開始日(実績)", null, "令和4年3月30日")],
            procedureChange.Changes);
        Assert.Equal("procedures", procedureChange.Href);
        Assert.Equal([new FieldChange("段階", null, "本稼働"), new FieldChange("削減時間 実績", null, "120.5")],
            preview.Changes.Single(c => c.Sheet == InquiryWorkbook.CaseSheet).Changes);
        Assert.Equal("2 件の工程、1 件の手続、1 件のAI・RPA事例を更新します (変更なし 0 件)。", preview.Summary);
        Assert.Equal(ProcedureStage.NotStarted, (await ProcedureAsync(roadmap)).Stage);

        var result = await inquiry.ApplyAsync(file, editor);

        Assert.True(result.Succeeded, result.Message);
        var procedure = await ProcedureAsync(roadmap);
        Assert.Equal(ProcedureStage.InService, procedure.Stage);
        Assert.Equal(new DateOnly(2022, 3, 30), procedure.ActualGoLive);
        var automation = await CaseAsync(roadmap);
        Assert.Equal("本稼働", automation.Stage);
        Assert.Equal(120.5m, automation.ActualHoursSaved);
        Assert.Equal(40, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
        await using (var db = roadmap.Database.CreateDbContext())
        {
            Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Actor == TestUser.EditorName && a.NewValue == "本稼働");
        }

        var again = await inquiry.PreviewAsync(file, editor);
        Assert.False(again.IsRefused, again.Summary);
        Assert.Empty(again.Changes);
        Assert.Equal(4, again.Unchanged);
    }

    [Theory]
    [InlineData("オンライン済", null, "C列 (段階)", "段階「オンライン済」は使えません")]
    [InlineData("サービス開始", null, "E列 (開始日(実績))", "サービス開始にするには実際の開始日を入力してください。")]
    [InlineData("サービス開始", "2022-04-02", "E列 (開始日(実績))", "実際の開始日に未来の日付は入力できません。")]
    public async Task ProcedureAnswers_BreakingTheRules_AreRefusedWithTheirPlace_AndNothingChanges(string stage, string? actual, string column, string message)
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var file = EditSheet(Answer(roadmap, await ExportAsync(roadmap)), InquiryWorkbook.ProcedureSheet, sheet =>
        {
            var row = RowTitled(sheet, "転入届");
            row.Cell(InquiryWorkbook.ProcedureStageColumn).Value = stage;
            if (actual is not null)
            {
                row.Cell(InquiryWorkbook.ActualGoLiveColumn).Value = DateTime.Parse(actual, System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        var inquiry = Inquiry(roadmap);

        var result = await inquiry.ApplyAsync(file, TestUser.Editor());

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Preview.Problems);
        Assert.Equal(InquiryWorkbook.ProcedureSheet, problem.Sheet);
        Assert.Equal(InquiryWorkbook.FirstDataRow, problem.Row);
        Assert.Equal(column, problem.Column);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(ProcedureStage.NotStarted, (await ProcedureAsync(roadmap)).Stage);
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress); // the milestone answers wait too
    }

    [Fact]
    public async Task ACaseChangedSinceExport_IsRefusedAsOutOfDate_ButARowLeftAsExportedIsNoAnswer()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var exported = await ExportAsync(roadmap);
        await using (var db = roadmap.Database.CreateDbContext())
        {
            var stored = await db.AutomationCases.SingleAsync(c => c.Business == "住民票の照合");
            stored.Stage = "試行";
            await db.SaveChangesAsync();
        }
        var inquiry = Inquiry(roadmap);

        var untouched = await inquiry.PreviewAsync(exported, TestUser.Editor());
        Assert.False(untouched.IsRefused, untouched.Summary);
        Assert.Empty(untouched.Changes);

        var answered = EditSheet(exported, InquiryWorkbook.CaseSheet, sheet =>
            RowTitled(sheet, "住民票の照合").Cell(InquiryWorkbook.CaseActualHoursColumn).Value = 50);
        var preview = await inquiry.PreviewAsync(answered, TestUser.Editor());

        var problem = Assert.Single(preview.Problems);
        Assert.Equal(InquiryWorkbook.CaseSheet, problem.Sheet);
        Assert.Contains("照会票の出力後に更新されています", problem.Message, StringComparison.Ordinal);
        Assert.Equal("試行", (await CaseAsync(roadmap)).Stage);
    }
}
