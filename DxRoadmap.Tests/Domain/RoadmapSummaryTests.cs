using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using static DxRoadmap.Tests.Domain.InMemoryRoadmap;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>The dashboard's line per initiative: counts, share done and signal.</summary>
public class RoadmapSummaryTests
{
    private static readonly DateOnly AsOf = Day("2022-04-01");

    [Theory]
    [InlineData(0.124, "12%")]
    [InlineData(0.125, "13%")] // a half rounds up, never to the even neighbour
    public void Percent_IsAWholeNumberWithHalvesRoundedUp(double share, string shown) =>
        Assert.Equal(shown, RoadmapSummary.Percent(share));

    [Fact]
    public void Assess_OrdersByInitiativeThenTrackThenMilestone_AndJudgesEachOnTheAsOfDate()
    {
        var roadmap = new InMemoryRoadmap();
        var online = roadmap.Add(roadmap.OnlineTrack, Citizens, Point("2022-03"));
        var migration = roadmap.Add(roadmap.MigrationTrack, Promotion, Point("2022-06"));
        var second = roadmap.Add(roadmap.StandardisationTrack, Promotion, Point("2022-06"));
        var first = roadmap.Add(roadmap.StandardisationTrack, Promotion, Point("2022-06"));
        first.Order = 0;

        var assessed = RoadmapSummary.Assess(roadmap.Snapshot(), AsOf, DelayThresholds.Default);

        Assert.Equal([first, second, migration, online], assessed.Select(a => a.Milestone));
        Assert.Equal(["5.1", "5.1", "5.1", "5.2"], assessed.Select(a => a.Initiative.Code));
        Assert.Equal(["5.1-a", "5.1-a", "5.1-b", "5.2-a"], assessed.Select(a => a.Track.Code));
        Assert.Equal("期限超過 1日", Assert.Single(assessed[3].Assessment.Flags).Description);
        Assert.Empty(assessed[0].Assessment.Flags);
    }

    [Fact]
    public void Assess_UsesTheThresholdsGiven()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-03", "2023-03", MilestoneStatus.InProgress, 10)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 3, 20, 9, 0, 0, TimeSpan.FromHours(9))));
        var strict = RoadmapSummary.Assess(roadmap.Snapshot(), AsOf, new DelayThresholds { StaleDays = 5 });
        Assert.Equal("更新なし 12日", Assert.Single(strict).Assessment.Worst!.Description);
    }

    /// <summary>
    /// 5.2 on 2022-04-01: 完了, 中止, 遅延 (due 2022-03), 要注意 (10% with 29 days left), 更新なし, an item not yet
    /// begun, and a 国 event that is overdue by its dates but never counted.
    /// </summary>
    private static (InMemoryRoadmap Roadmap, Initiative Initiative) Mixed()
    {
        var roadmap = new InMemoryRoadmap();
        var track = roadmap.OnlineTrack;
        roadmap.Add(track, Citizens, Span("2021-04", "2022-03", MilestoneStatus.Done, 100));
        roadmap.Add(track, Citizens, Span("2021-04", "2022-03", MilestoneStatus.Cancelled));
        roadmap.Add(track, Citizens, Point("2022-03"));
        roadmap.Add(track, Promotion, Span("2021-10", "2022-04", MilestoneStatus.InProgress, 10)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 3, 25, 9, 0, 0, TimeSpan.FromHours(9))));
        roadmap.Add(track, Promotion, Span("2021-10", "2023-03", MilestoneStatus.InProgress, 30)
            .With(m => m.UpdatedAt = new DateTimeOffset(2021, 12, 1, 9, 0, 0, TimeSpan.FromHours(9))));
        roadmap.Add(track, Promotion, Span("2022-06", "2023-03"));
        roadmap.Add(track, Promotion, Point("2021-06").With(m => m.ExternalActor = "総務省"));
        return (roadmap, roadmap.Online);
    }

    [Fact]
    public void Summarise_CountsOnlyTheCitysOwnItems()
    {
        var (roadmap, online) = Mixed();
        var items = RoadmapSummary.Assess(roadmap.Snapshot(), AsOf, DelayThresholds.Default);

        var s = RoadmapSummary.Summarise(online, items);

        Assert.Equal(7, s.Total);
        Assert.Equal(1, s.External);
        Assert.Equal(2, s.Count(MilestoneStatus.NotStarted));
        Assert.Equal(2, s.Count(MilestoneStatus.InProgress));
        Assert.Equal(1, s.Count(MilestoneStatus.Done));
        Assert.Equal(1, s.Count(MilestoneStatus.Cancelled));
        Assert.Equal(0, s.Count(MilestoneStatus.OnHold));
        Assert.Equal(1, s.Count(DelayKind.Overdue));
        Assert.Equal(1, s.Count(DelayKind.AtRisk));
        Assert.Equal(1, s.Count(DelayKind.Stale));
        Assert.Equal(0, s.Count(DelayKind.LateStart));
        Assert.Equal(1, s.Late);
        Assert.Equal(2, s.Attention); // 要注意 and 更新なし; the late item is counted as late only
        Assert.Equal("20%", RoadmapSummary.Percent(s.ShareDone)); // 1 of the 5 not cancelled
        Assert.Equal(Signal.Red, s.Signal);
    }

    [Fact]
    public void Summarise_WithoutLateItems_IsYellowWhenAnyNeedsAttention()
    {
        var (roadmap, online) = Mixed();
        roadmap.Milestones.RemoveAt(2); // the overdue one
        var s = RoadmapSummary.Summarise(online, RoadmapSummary.Assess(roadmap.Snapshot(), AsOf, DelayThresholds.Default));
        Assert.Equal(0, s.Late);
        Assert.Equal(Signal.Yellow, s.Signal);
    }

    [Fact]
    public void Summarise_OfItemsOnTrack_IsBlue()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-06", "2023-03"));
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2021-04", "2022-03", MilestoneStatus.Done, 100));
        var s = RoadmapSummary.Summarise(roadmap.Online, RoadmapSummary.Assess(roadmap.Snapshot(), AsOf, DelayThresholds.Default));
        Assert.Equal(Signal.Blue, s.Signal);
        Assert.Equal(0, s.Attention);
        Assert.Equal(0.5, s.ShareDone);
    }

    [Fact]
    public void Summarise_WithEverythingCancelled_HasNothingDone_RatherThanNoNumber()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2021-04", "2022-03", MilestoneStatus.Cancelled));
        var s = RoadmapSummary.Summarise(roadmap.Online, RoadmapSummary.Assess(roadmap.Snapshot(), AsOf, DelayThresholds.Default));
        Assert.Equal(0, s.ShareDone);
        Assert.Equal("0%", RoadmapSummary.Percent(s.ShareDone));
    }

    [Fact]
    public void ByInitiative_GivesEachInitiativeItsOwnItems_InPlanOrder()
    {
        var (roadmap, _) = Mixed();
        roadmap.Add(roadmap.StandardisationTrack, Promotion, Span("2022-06", "2023-03"));
        var snapshot = roadmap.Snapshot();
        var summaries = RoadmapSummary.ByInitiative(snapshot.Initiatives, RoadmapSummary.Assess(snapshot, AsOf, DelayThresholds.Default));
        Assert.Equal(["5.1", "5.2"], summaries.Select(s => s.Initiative.Code));
        Assert.Equal([1, 7], summaries.Select(s => s.Total));
        Assert.Equal([Signal.Blue, Signal.Red], summaries.Select(s => s.Signal));
    }
}
