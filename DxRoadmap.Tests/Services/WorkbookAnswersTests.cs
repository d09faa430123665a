using ClosedXML.Excel;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Reporting;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>The Excel 照会票 as one way to answer an open round: importing it records the 課's answers on the round.</summary>
public class WorkbookAnswersTests
{
    private static readonly FixedTime Time = FixedTime.On("2022-04-01");

    private static ProgressInquiry Inquiry(SmallRoadmap roadmap) =>
        new(roadmap.Database, new AppClock(Time), Options.Create(DelayThresholds.Default), NullLogger<ProgressInquiry>.Instance);

    private static async Task<(InquiryRounds Rounds, int RoundId)> OpenAsync(SmallRoadmap roadmap)
    {
        int procedure;
        await using (var db = roadmap.Database.CreateDbContext())
        {
            procedure = await db.Procedures.Select(p => p.Id).SingleAsync();
        }
        var rounds = new InquiryRounds(roadmap.Database, new AppClock(Time));
        var (result, id) = await rounds.OpenAsync(new OpenRoundInput("令和4年4月 部会", Build.Day("2022-03-31"), Build.Day("2022-04-08"),
        [
            new InquiryTarget(InquiryItemKind.Milestone, roadmap.OnTrack.Id),
            new InquiryTarget(InquiryItemKind.Milestone, roadmap.LateStart.Id),
            new InquiryTarget(InquiryItemKind.Procedure, procedure),
        ]), TestUser.Editor());
        Assert.True(result.Succeeded, result.Message);
        return (rounds, id!.Value);
    }

    private static async Task<byte[]> AnsweredWorkbookAsync(SmallRoadmap roadmap)
    {
        var file = (await Inquiry(roadmap).ExportAsync(SmallRoadmap.Citizens, TestUser.Editor().Principal))!.Content;
        using var workbook = new XLWorkbook(new MemoryStream(file));
        var sheet = workbook.Worksheet(InquiryWorkbook.MilestoneSheet);
        var row = sheet.RowsUsed().Single(r => r.Cell(InquiryWorkbook.CodeColumn).GetString() == roadmap.OnTrack.Code);
        row.Cell(InquiryWorkbook.ProgressColumn).Value = 40;
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    [Fact]
    public async Task ImportedWorkbook_AnswersTheDepartmentsItemsOfTheOpenRound_ThenTheHeadMarksItAnswered()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var (rounds, id) = await OpenAsync(roadmap);
        var head = TestUser.Head(roadmap.CitizensDepartment.Id, SmallRoadmap.Citizens, "市民課長");

        var result = await Inquiry(roadmap).ApplyAsync(await AnsweredWorkbookAsync(roadmap), head);

        Assert.True(result.Succeeded, result.Message);
        Assert.EndsWith("照会の回答として3件を記録しました。", result.Message);
        var view = (await rounds.LoadAsync(id))!;
        var items = view.ItemsOf(roadmap.CitizensDepartment.Id).ToDictionary(i => (i.Kind, i.TargetId));
        Assert.Equal(("進行中", 40), (items[(InquiryItemKind.Milestone, roadmap.OnTrack.Id)].AnswerStatus, items[(InquiryItemKind.Milestone, roadmap.OnTrack.Id)].AnswerProgress));
        Assert.Equal(("未着手", 0), (items[(InquiryItemKind.Milestone, roadmap.LateStart.Id)].AnswerStatus, items[(InquiryItemKind.Milestone, roadmap.LateStart.Id)].AnswerProgress));
        Assert.All(items.Values, i => Assert.Equal(("市民課長", InquiryRounds.WorkbookComment), (i.AnsweredBy, i.AnswerComment)));
        Assert.Equal(InquiryResponseState.InProgress, view.ResponseOf(roadmap.CitizensDepartment.Id)!.State);
        Assert.Equal(40, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress); // and the milestone itself, as before

        Assert.True((await rounds.SubmitAsync(id, roadmap.CitizensDepartment.Id, head)).Succeeded);

        // The same rule as an online answer: closing checks and applies the recorded answers, which are the milestones
        // at their new versions, so it finds nothing left to change and writes no second history entry.
        int HistoryCount(DxRoadmap.Web.Data.RoadmapDbContext db) => db.ProgressUpdates.Count(u => u.MilestoneId == roadmap.OnTrack.Id);
        int before;
        await using (var db = roadmap.Database.CreateDbContext())
        {
            before = HistoryCount(db);
        }
        var closed = await rounds.CloseAsync(id, TestUser.Editor());
        Assert.True(closed.Succeeded, closed.Message);
        await using (var db = roadmap.Database.CreateDbContext())
        {
            Assert.Equal(before, HistoryCount(db));
        }
        Assert.Equal(40, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
        var snapshot = (await rounds.LoadAsync(id))!.Items.Single(i => i.Kind == InquiryItemKind.Milestone && i.TargetId == roadmap.OnTrack.Id);
        Assert.Equal(("進行中", 40), (snapshot.ClosedStatus, snapshot.ClosedProgress));
    }

    [Fact]
    public async Task AfterTheRoundCloses_AnImportRecordsNothingOnIt()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var (rounds, id) = await OpenAsync(roadmap);
        Assert.True((await rounds.CloseAsync(id, TestUser.Editor())).Succeeded);

        var result = await Inquiry(roadmap).ApplyAsync(await AnsweredWorkbookAsync(roadmap), TestUser.Editor());

        Assert.True(result.Succeeded, result.Message);
        Assert.DoesNotContain("照会の回答", result.Message);
        Assert.All((await rounds.LoadAsync(id))!.Items, i => Assert.Null(i.AnswerStatus));
    }
}
