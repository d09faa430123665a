using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>Two people (or a hundred) saving one milestone: never a silent overwrite.</summary>
public class ConcurrencyTests
{
    private static readonly TestUser Sato = TestUser.Editor("佐藤");
    private static readonly TestUser Yamada = TestUser.Editor("山田");

    [Fact]
    public async Task TwoEditors_SecondIsRefused_ShownWhatChanged_NothingLost_OneAuditRow()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var editing = roadmap.Editing("2022-04-01");
        var satoLoaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var yamadaLoaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var satos = MilestoneEditModel.From(satoLoaded.Milestone);
        satos.Progress = 40;
        var yamadas = MilestoneEditModel.From(yamadaLoaded.Milestone);
        yamadas.Note = "山田のメモ";

        var seeded = await LastAuditIdAsync(roadmap);
        Assert.True((await editing.SaveAsync(roadmap.OnTrack.Id, satos, satoLoaded.Token, Sato)).Succeeded);
        var refused = await editing.SaveAsync(roadmap.OnTrack.Id, yamadas, yamadaLoaded.Token, Yamada);

        Assert.False(refused.Succeeded);
        Assert.Equal(MilestoneEditing.ConflictMessage, refused.Message);
        var conflict = refused.Conflict!;
        Assert.False(conflict.Deleted);
        var theirs = Assert.Single(conflict.TheirUpdates);
        Assert.Equal("佐藤", theirs.UpdatedBy);
        Assert.Equal([new FieldChange("進捗率", "10%", "40%")], theirs.Changes);

        var saved = await roadmap.ReloadAsync(roadmap.OnTrack.Id);
        Assert.Equal((40, null), (saved.Progress, saved.Note));
        await using var db = roadmap.Database.CreateDbContext();
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Id > seeded).ToListAsync());
        Assert.Equal(("佐藤", "進捗率", "40"), (audit.Actor, audit.Field, audit.NewValue));
    }

    [Fact]
    public async Task Overwrite_AfterConflict_KeepsTheOtherPersonsFieldsAndAuditsBoth()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var editing = roadmap.Editing("2022-04-01");
        var satoLoaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var yamadaLoaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var seeded = await LastAuditIdAsync(roadmap);
        var satos = MilestoneEditModel.From(satoLoaded.Milestone);
        satos.Progress = 40;
        satos.Note = "佐藤のメモ";
        await editing.SaveAsync(roadmap.OnTrack.Id, satos, satoLoaded.Token, Sato);
        var yamadaOriginal = MilestoneEditModel.From(yamadaLoaded.Milestone);
        var yamadas = MilestoneEditModel.From(yamadaLoaded.Milestone);
        yamadas.Progress = 30;
        var conflict = (await editing.SaveAsync(roadmap.OnTrack.Id, yamadas, yamadaLoaded.Token, Yamada)).Conflict!;

        var rebased = MilestoneEditModel.Rebase(yamadaOriginal, yamadas, conflict.Latest!);
        var overwrite = await editing.SaveAsync(roadmap.OnTrack.Id, rebased, conflict.LatestToken!, Yamada);

        Assert.True(overwrite.Succeeded, overwrite.Message);
        var saved = await roadmap.ReloadAsync(roadmap.OnTrack.Id);
        Assert.Equal((30, "佐藤のメモ"), (saved.Progress, saved.Note));
        var history = await roadmap.HistoryAsync(roadmap.OnTrack.Id);
        Assert.Equal(["佐藤", "山田"], history.Select(h => h.UpdatedBy));
        Assert.Equal([new FieldChange("進捗率", "40%", "30%")], history[1].Changes);
        await using var db = roadmap.Database.CreateDbContext();
        Assert.Equal(["佐藤", "佐藤", "山田"], await db.AuditEntries.Where(a => a.Id > seeded).OrderBy(a => a.Id).Select(a => a.Actor).ToListAsync());
    }

    [Fact]
    public async Task FormLoadedTenMinutesBeforeSomeoneElsesSave_IsRefused()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var time = FixedTime.On("2022-04-01");
        var editing = new MilestoneEditing(roadmap.Database, new AppClock(time), Options.Create(DelayThresholds.Default),
            NullLogger<MilestoneEditing>.Instance);
        var mine = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var myEdit = MilestoneEditModel.From(mine.Milestone);
        myEdit.Progress = 20;

        time.Now = time.Now.AddMinutes(10);
        var theirs = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        var theirEdit = MilestoneEditModel.From(theirs.Milestone);
        theirEdit.Countermeasure = "週次で確認";
        await editing.SaveAsync(roadmap.OnTrack.Id, theirEdit, theirs.Token, Sato);
        time.Now = time.Now.AddMinutes(1);
        var result = await editing.SaveAsync(roadmap.OnTrack.Id, myEdit, mine.Token, Yamada);

        Assert.False(result.Succeeded);
        Assert.Equal("対応策", Assert.Single(Assert.Single(result.Conflict!.TheirUpdates).Changes).Field);
        Assert.Equal(10, (await roadmap.ReloadAsync(roadmap.OnTrack.Id)).Progress);
    }

    [Fact]
    public async Task SavingADeletedMilestone_SaysSoAndDoesNotRecreateIt()
    {
        using var roadmap = await SmallRoadmap.CreateAsync();
        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(roadmap.OnTrack.Id))!;
        Assert.True((await roadmap.Maintenance().DeleteMilestoneAsync(roadmap.OnTrack.Id, TestUser.Editor())).Succeeded);
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Progress = 70;

        var result = await editing.SaveAsync(roadmap.OnTrack.Id, model, loaded.Token, Yamada);

        Assert.False(result.Succeeded);
        Assert.Equal(MilestoneEditing.DeletedMessage, result.Message);
        Assert.True(result.Conflict!.Deleted);
        await using var db = roadmap.Database.CreateDbContext();
        Assert.False(await db.Milestones.AnyAsync(m => m.Id == roadmap.OnTrack.Id));
        Assert.Empty(await db.ProgressUpdates.Where(u => u.MilestoneId == roadmap.OnTrack.Id).ToListAsync());
    }

    [Fact]
    public async Task HundredParallelSavesOfOneVersion_ExactlyOneWins()
    {
        var folder = Directory.CreateTempSubdirectory("dxroadmap-concurrency-");
        try
        {
            var options = new DbContextOptionsBuilder<RoadmapDbContext>()
                .UseSqlite($"Data Source={Path.Combine(folder.FullName, "roadmap.db")};Default Timeout=60")
                .Options;
            var factory = new FileFactory(options);
            int id;
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                var department = new Department { Name = "市民課" };
                var track = new Track { Code = "9.1-a", Title = "【項目A】", Initiative = new Initiative { Code = "9.1", Title = "取組", LeadDepartment = "市民課" } };
                var milestone = Build.Span("2022-04", "2023-03", MilestoneStatus.InProgress, 10)
                    .With(m => { m.Title = "工程"; m.Track = track; m.OwnerDepartment = department; });
                db.Add(milestone);
                await db.SaveChangesAsync();
                id = milestone.Id;
            }
            var editing = new MilestoneEditing(factory, new AppClock(FixedTime.On("2022-04-01")),
                Options.Create(DelayThresholds.Default), NullLogger<MilestoneEditing>.Instance);
            var loaded = (await editing.LoadAsync(id))!;

            var results = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => Task.Run(() =>
            {
                var model = MilestoneEditModel.From(loaded.Milestone);
                // Every edit different, so none can be "no change" against the winner's values.
                model.Note = $"メモ {i}";
                return editing.SaveAsync(id, model, loaded.Token, TestUser.Editor($"利用者{i}"));
            })));

            var winner = Assert.Single(results, r => r.Succeeded);
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MilestoneEditing.ConflictMessage, r.Message));
            await using var check = factory.CreateDbContext();
            var update = Assert.Single(await check.ProgressUpdates.Where(u => u.MilestoneId == id).ToListAsync());
            var saved = await check.Milestones.SingleAsync(m => m.Id == id);
            Assert.Equal(winner.NewVersion, saved.Version);
            Assert.Equal(update.UpdatedBy, saved.UpdatedBy);
            Assert.Single(await check.AuditEntries.Where(a => a.Entity == "工程" && a.Field == "備考").ToListAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<long> LastAuditIdAsync(SmallRoadmap roadmap)
    {
        await using var db = roadmap.Database.CreateDbContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
    }

    private sealed class FileFactory(DbContextOptions<RoadmapDbContext> options) : IDbContextFactory<RoadmapDbContext>
    {
        public RoadmapDbContext CreateDbContext() => new(options);
    }
}
