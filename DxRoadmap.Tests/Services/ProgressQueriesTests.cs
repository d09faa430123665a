using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Services;

public class ProgressQueriesTests
{
    /// <summary>The database the tests run on; the subclass below runs them all again on PostgreSQL.</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    [Fact]
    public async Task Dashboard_OnFirstOfApril2022_CountsAndSignalsPerInitiative()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);

        var view = await roadmap.Queries().GetDashboardAsync(Day("2022-04-01"), null);

        var first = view.Initiatives[0];
        Assert.Equal(Signal.Red, first.Signal);
        Assert.Equal(1, first.Count(DelayKind.Overdue));
        Assert.Equal(1, first.Count(DelayKind.LateStart));
        Assert.Equal(1.0 / 3, first.ShareDone, 3);
        var second = view.Initiatives[1];
        Assert.Equal(Signal.Yellow, second.Signal);
        Assert.Equal(1, second.Count(DelayKind.AtRisk));
        Assert.Equal(1, second.External);
        Assert.Equal(["期限超過の工程", "着手遅れの工程", "要注意の工程"], view.Flagged.Select(a => a.Milestone.Title));
        Assert.Equal(2, view.LateCount);
        Assert.Equal(1, view.AttentionCount);
    }

    [Fact]
    public async Task Dashboard_DueThisFiscalYear_CoversAprilToMarchOfTheAsOfDate()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);

        var april = await roadmap.Queries().GetDashboardAsync(Day("2022-04-01"), null);
        var march = await roadmap.Queries().GetDashboardAsync(Day("2022-03-31"), null);

        Assert.Equal(2022, april.FiscalYear);
        Assert.Equal(["要注意の工程", "国の動き", "着手遅れの工程", "順調な工程"], april.DueThisYear.Select(a => a.Milestone.Title));
        Assert.Equal(2021, march.FiscalYear);
        Assert.Equal(["期限超過の工程", "完了した工程"], march.DueThisYear.Select(a => a.Milestone.Title));
    }

    [Fact]
    public async Task Dashboard_WithOwnDepartment_PutsItsItemsFirst()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);

        var view = await roadmap.Queries().GetDashboardAsync(Day("2022-04-01"), SmallRoadmap.Citizens);

        Assert.Equal(SmallRoadmap.Citizens, view.Department);
        Assert.Equal("着手遅れの工程", view.Flagged[0].Milestone.Title);
        Assert.Equal(["着手遅れの工程", "順調な工程", "要注意の工程", "国の動き"], view.DueThisYear.Select(a => a.Milestone.Title));
    }

    [Fact]
    public async Task Dashboard_UnknownDepartment_IsIgnored()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var view = await roadmap.Queries().GetDashboardAsync(Day("2022-04-01"), "存在しない課");
        Assert.Null(view.Department);
        Assert.Equal("期限超過の工程", view.Flagged[0].Milestone.Title);
    }

    [Fact]
    public async Task Dashboard_IsSharedPerDayAnd課_AndBuiltAgainAfterASave()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        var queries = roadmap.Queries();

        var all = await queries.GetDashboardAsync(Day("2022-04-01"), null);
        var citizens = await queries.GetDashboardAsync(Day("2022-04-01"), SmallRoadmap.Citizens);
        var nextDay = await queries.GetDashboardAsync(Day("2022-04-02"), null);

        Assert.Same(all, await queries.GetDashboardAsync(Day("2022-04-01"), null));
        Assert.Same(citizens, await queries.GetDashboardAsync(Day("2022-04-01"), SmallRoadmap.Citizens));
        Assert.NotSame(all, citizens);
        Assert.NotSame(all, nextDay);
        Assert.Equal("着手遅れの工程", citizens.Flagged[0].Milestone.Title);          // the 課's item first
        Assert.Equal("期限超過の工程", all.Flagged[0].Milestone.Title);

        await roadmap.ChangeAsync(roadmap.Overdue.Id, m =>
        {
            m.Status = MilestoneStatus.Done;
            m.Progress = 100;
            m.ActualEnd = Day("2022-03-31");
        });
        var after = await queries.GetDashboardAsync(Day("2022-04-01"), null);

        Assert.NotSame(all, after);
        Assert.Equal((2, 1), (all.LateCount, after.LateCount));
    }

    [Fact]
    public async Task Alerts_BeforeAnythingIsDue_AreEmpty()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        Assert.Empty(await roadmap.Queries().GetAlertsAsync(Day("2021-11-01")));
        Assert.Equal(0, await roadmap.Queries().CountAlertsAsync(Day("2021-11-01")));
    }

    [Fact]
    public async Task Alerts_DescribeRuleAndAmount()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);

        var alerts = await roadmap.Queries().GetAlertsAsync(Day("2022-04-01"));

        Assert.Equal(["期限超過 1日", "着手遅れ 1か月", "要注意 残り29日"],
            alerts.Select(a => Assert.Single(a.Flags).Description));
    }

    [Fact]
    public async Task Alerts_DoneItemLeavesTheList()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        await roadmap.ChangeAsync(roadmap.Overdue.Id, m => { m.Status = MilestoneStatus.Done; m.ActualEnd = Day("2022-03-31"); });

        Assert.Equal(2, await roadmap.Queries().CountAlertsAsync(Day("2022-04-01")));
    }

    [Fact]
    public async Task Department_ListsOwnedAndRelatedMilestones_LateFirst()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);

        var view = await roadmap.Queries().GetDepartmentAsync(SmallRoadmap.Promotion, Day("2022-04-01"));

        Assert.NotNull(view);
        Assert.Equal(["期限超過の工程", "着手遅れの工程", "要注意の工程"],
            view.Milestones.Take(3).Select(m => m.Item.Milestone.Title));
        Assert.False(view.Milestones[1].IsOwner);
        Assert.Equal(5, view.Milestones.Count);
        Assert.Equal("完了した工程", view.Milestones[^1].Item.Milestone.Title);
    }

    [Fact]
    public async Task Department_Unknown_IsNull()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);
        Assert.Null(await roadmap.Queries().GetDepartmentAsync("存在しない課", Day("2022-04-01")));
    }

    [Fact]
    public async Task Initiative_GroupsMilestonesByTrack()
    {
        using var roadmap = await SmallRoadmap.CreateAsync(Provider);

        var view = await roadmap.Queries().GetInitiativeAsync("9.2", Day("2022-04-01"));

        Assert.NotNull(view);
        Assert.Equal(["【項目B】", "【空の項目】"], view.Tracks.Select(t => t.Track.Title));
        Assert.Equal(3, view.Tracks[0].Milestones.Count);
        Assert.Empty(view.Tracks[1].Milestones);
        Assert.Null(await roadmap.Queries().GetInitiativeAsync("0.0", Day("2022-04-01")));
    }

    [Fact]
    public async Task Dashboard_OnTheSeededPlan_FindsTheFiveInitiatives()
    {
        using var database = await TestDatabase.CreateSeededAsync(Provider, sampleProgress: true);
        var queries = new DxRoadmap.Web.Services.ProgressQueries(new DxRoadmap.Web.Services.RoadmapReader(database),
            Microsoft.Extensions.Options.Options.Create(DelayThresholds.Default));

        var view = await queries.GetDashboardAsync(Day("2022-04-01"), null);

        Assert.Equal(["5.1", "5.2", "5.3", "5.4", "5.5"], view.Initiatives.Select(i => i.Initiative.Code));
        Assert.All(view.Flagged, a => Assert.True(a.Assessment.NeedsAttention));
    }
}

/// <summary>The same tests on a real PostgreSQL server (skipped when none is configured).</summary>
public sealed class ProgressQueriesTestsOnPostgres : ProgressQueriesTests
{
    protected override TestProvider Provider => TestProvider.Postgres;
}
