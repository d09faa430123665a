using System.Reflection;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Services;

/// <summary>
/// After a save the reader reads only the milestone rows whose version changed and takes the others over from
/// its previous snapshot: the result must be what a fresh reader sees, and the previous snapshot must stay as it was.
/// </summary>
public partial class RoadmapReaderTests
{
    private static readonly TestUser Admin = TestUser.Admin();

    // Every value of a milestone as a page sees it: its columns, the related 課 and the owner's name.
    private static readonly PropertyInfo[] Values = typeof(Milestone).GetProperties()
        .Where(p => p.Name is not (nameof(Milestone.Track) or nameof(Milestone.OwnerDepartment) or nameof(Milestone.RelatedDepartments)))
        .ToArray();

    private static List<string> Fields(RoadmapSnapshot roadmap) =>
        roadmap.Milestones.Select(m => string.Join(" | ", Values.Select(p => $"{p.Name}={p.GetValue(m)}"))
            + $" | Related={string.Join(",", m.RelatedDepartments)}").ToList();

    private static async Task<Milestone> ChangeOnlyAsync(TestDatabase database, int id, Action<Milestone> change)
    {
        await using var db = database.CreateDbContext();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == id);
        change(milestone);
        await db.SaveChangesAsync();
        return milestone;
    }

    [Fact]
    public async Task SaveOfOneMilestone_NextLoadShowsIt_AndTakesTheOthersOver()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var reader = new RoadmapReader(roadmap.Database);
        var before = await reader.LoadAsync();
        var values = Fields(before);

        await SaveProgressAsync(roadmap.Database, roadmap.OnTrack.Id, 40, Japan("2022-04-02", 9, 0));

        var after = await reader.LoadAsync();
        Assert.Equal(40, after.Milestones.Single(m => m.Id == roadmap.OnTrack.Id).Progress);
        Assert.Equal(before.Milestones.Select(m => m.Id), after.Milestones.Select(m => m.Id));
        foreach (var kept in before.Milestones.Where(m => m.Id != roadmap.OnTrack.Id))
        {
            Assert.Same(kept, after.Milestones.Single(m => m.Id == kept.Id));
        }
        Assert.Equal(Fields(await new RoadmapReader(roadmap.Database).LoadAsync()), Fields(after));
        Assert.Equal(values, Fields(before));                                    // the shared snapshot is untouched
    }

    [Fact]
    public async Task DeletedMilestone_Disappears_AndReorderedOnesMove()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var reader = new RoadmapReader(roadmap.Database);
        var before = await reader.LoadAsync();
        Assert.Equal(roadmap.Overdue.Id, before.Milestones[0].Id);

        Assert.True((await roadmap.Maintenance().DeleteMilestoneAsync(roadmap.External.Id, Admin)).Succeeded);
        var deleted = await reader.LoadAsync();
        Assert.DoesNotContain(deleted.Milestones, m => m.Id == roadmap.External.Id);
        Assert.Equal(5, deleted.Milestones.Count);

        // A plain tracked change of the order, without a new version from the caller.
        await ChangeOnlyAsync(roadmap.Database, roadmap.Done.Id, m => m.Order = 0);
        var reordered = await reader.LoadAsync();
        Assert.Equal(roadmap.Done.Id, reordered.Milestones[0].Id);
        Assert.Equal(Fields(await new RoadmapReader(roadmap.Database).LoadAsync()), Fields(reordered));
        Assert.Equal(6, before.Milestones.Count);
        Assert.Equal(roadmap.Overdue.Id, before.Milestones[0].Id);
    }

    [Fact]
    public async Task RenamedDepartment_ShowsOnTheMilestonesThatDidNotChange()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var reader = new RoadmapReader(roadmap.Database);
        var before = await reader.LoadAsync();
        var promotion = before.Departments.Single(d => d.Name == SmallRoadmap.Promotion);

        Assert.True((await roadmap.Maintenance().SaveDepartmentAsync(promotion.Id, "DX推進課", "企画部", Admin)).Succeeded);

        var after = await reader.LoadAsync();
        Assert.Equal("DX推進課", after.Milestones.Single(m => m.Id == roadmap.Overdue.Id).OwnerName);
        Assert.Equal(["DX推進課"], after.Milestones.Single(m => m.Id == roadmap.LateStart.Id).RelatedDepartments);
        Assert.Equal(Fields(await new RoadmapReader(roadmap.Database).LoadAsync()), Fields(after));
        Assert.Equal(SmallRoadmap.Promotion, before.Milestones.Single(m => m.Id == roadmap.Overdue.Id).OwnerName);
    }

    [Fact]
    public async Task AfterAMixOfEdits_CurrentAndPastDays_EqualAFreshRead_AndThePreviousSnapshotIsUntouched()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider, sampleProgress: true);
        var reader = new RoadmapReader(database);
        var days = new[] { "2022-06-01", "2024-01-01", "2026-10-15" }.Select(Build.Day).ToList();
        var before = await reader.LoadAsync();
        var beforeDays = new List<RoadmapSnapshot>();
        foreach (var day in days)
        {
            beforeDays.Add(await reader.LoadAsOfAsync(day));
        }
        var values = Fields(before);
        var dayValues = beforeDays.Select(Fields).ToList();

        // An unchanged milestone whose past view undoes a change saved after 2022-06-01: its view is taken over.
        var carried = beforeDays[0].Milestones.First(m => !ReferenceEquals(m, before.Milestones.Single(c => c.Id == m.Id)));
        var others = before.Milestones.Where(m => m.Id != carried.Id).ToList();
        var done = others.First(m => m.Status == MilestoneStatus.Done);
        var noted = others.First(m => m.Id != done.Id && m.UpdatedAt > Japan("2022-06-01", 0, 0));
        var deleted = others.Last(m => m.Id != noted.Id && m.Id != done.Id);
        var moved = others.First(m => m.Id != noted.Id && m.Id != done.Id && m.Id != deleted.Id);

        // The editor's path, with a history entry; a plain tracked change; a delete; an addition; a move.
        var editing = new MilestoneEditing(database, new AppClock(FixedTime.On("2026-11-10")),
            Options.Create(DelayThresholds.Default), NullLogger<MilestoneEditing>.Instance);
        var loaded = (await editing.LoadAsync(done.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Note = "完了後の確認済み";
        Assert.True((await editing.SaveAsync(done.Id, model, loaded.Token, Editor)).Succeeded);
        await ChangeOnlyAsync(database, noted.Id, m => m.Note = "直接の変更");
        var maintenance = new PlanMaintenance(database, new AppClock(FixedTime.On("2026-11-10")), NullLogger<PlanMaintenance>.Instance);
        Assert.True((await maintenance.DeleteMilestoneAsync(deleted.Id, Admin)).Succeeded);
        Assert.True((await maintenance.AddMilestoneAsync(new MilestonePlanModel
        {
            Title = "追加した工程",
            TrackId = moved.TrackId,
            OwnerDepartmentId = moved.OwnerDepartmentId,
            Kind = MilestoneKind.Span,
            PlannedStart = "2026-12",
            PlannedEnd = "2027-03",
        }, Admin)).Succeeded);
        await ChangeOnlyAsync(database, moved.Id, m => m.Order = -1);

        var fresh = new RoadmapReader(database);
        var after = await reader.LoadAsync();
        Assert.Equal(Fields(await fresh.LoadAsync()), Fields(after));
        Assert.Equal(moved.Id, after.Milestones[0].Id);
        Assert.Contains(after.Milestones, m => m.Title == "追加した工程");
        foreach (var day in days.Append(Build.Day("2026-11-09")))
        {
            Assert.Equal(Fields(await fresh.LoadAsOfAsync(day)), Fields(await reader.LoadAsOfAsync(day)));
        }
        Assert.Same(carried, (await reader.LoadAsOfAsync(days[0])).Milestones.Single(m => m.Id == carried.Id));
        Assert.Same(before.Milestones.Single(m => m.Id == carried.Id), after.Milestones.Single(m => m.Id == carried.Id));

        Assert.Equal(values, Fields(before));
        Assert.Equal(dayValues, beforeDays.Select(Fields).ToList());
    }

    [Fact]
    public async Task PlainTrackedChange_GetsANewVersion_SoAStaleOneIsRefused_AndARecordedVersionIsKept()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var id = roadmap.OnTrack.Id;
        var loadedVersion = (await roadmap.ReloadAsync(id)).Version;
        await using var first = roadmap.Database.CreateDbContext();
        await using var second = roadmap.Database.CreateDbContext();
        var mine = await first.Milestones.SingleAsync(m => m.Id == id);
        var theirs = await second.Milestones.SingleAsync(m => m.Id == id);

        mine.Note = "先に保存";
        await first.SaveChangesAsync();

        Assert.NotEqual(loadedVersion, (await roadmap.ReloadAsync(id)).Version);
        theirs.Note = "後から保存";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.Equal("先に保存", (await roadmap.ReloadAsync(id)).Note);

        var editing = roadmap.Editing("2022-04-01");
        var loaded = (await editing.LoadAsync(id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Progress = 30;
        var saved = await editing.SaveAsync(id, model, loaded.Token, Editor);
        Assert.Equal(saved.NewVersion, (await roadmap.ReloadAsync(id)).Version);
    }
}
