using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Seeding;
using DxRoadmap.Web.Services;
using DxRoadmap.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Tests.Data;

public class SeederTests
{
    [Fact]
    public async Task Seed_LoadsThePlanIntoAnEmptyDatabase()
    {
        using var database = await SqliteDatabase.CreateSeededAsync();
        var roadmap = await new RoadmapReader(database).LoadAsync();
        Assert.Equal(47, roadmap.Milestones.Count);
        Assert.Equal(28, roadmap.Procedures.Count);
        Assert.False(roadmap.Plan.SampleProgressLoaded);
        Assert.All(roadmap.Milestones, m => Assert.Equal(MilestoneStatus.NotStarted, m.Status));
        var start = roadmap.Milestones.Single(m => m.Title == "27業務のオンライン・サービス開始");
        Assert.Equal("5.2", roadmap.InitiativeOf(start).Code);
        Assert.Equal(PlanDate.OfMonth(2023, 4), start.PlannedStart);
    }

    [Fact]
    public async Task Seed_IsIdempotent()
    {
        using var database = await SqliteDatabase.CreateSeededAsync();
        await using (var db = database.CreateDbContext())
        {
            Assert.False(await RoadmapSeeder.SeedAsync(db, RepoPaths.DataDirectory, sampleProgress: true));
        }
        await using var check = database.CreateDbContext();
        Assert.Equal(47, await check.Milestones.CountAsync());
        Assert.Equal(1, await check.Plans.CountAsync());
    }

    [Fact]
    public async Task SampleProgress_IsLoadedOnlyWhenAskedAndLeavesHistory()
    {
        using var database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        var roadmap = await new RoadmapReader(database).LoadAsync();
        Assert.True(roadmap.Plan.SampleProgressLoaded);
        Assert.Contains(roadmap.Milestones, m => m.Status == MilestoneStatus.Done);
        await using var db = database.CreateDbContext();
        var history = await db.ProgressUpdates.ToListAsync();
        Assert.NotEmpty(history);
        Assert.All(history, h => Assert.Equal(RoadmapSeeder.SampleAuthor, h.UpdatedBy));
        Assert.Contains(history, h => h.Changes.Any(c => c.Field == MilestoneFields.Status && c.OldValue == "未着手"));
    }
}
