using Bunit;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Gantt;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Components;

/// <summary>The page over the real plan with the sample progress, as of 2026-11-26.</summary>
public class GanttPageTests : MudTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    public async ValueTask InitializeAsync()
    {
        _database = await SqliteDatabase.CreateSeededAsync(sampleProgress: true);
        Services.AddSingleton<IDbContextFactory<RoadmapDbContext>>(_database);
        Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<AppClock>();
        Services.AddSingleton<RoadmapReader>();
        Services.AddSingleton(Options.Create(DelayThresholds.Default));
        Services.AddSingleton<ProgressQueries>();
        Services.AddSingleton<GanttService>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        _database?.Dispose();
    }

    private IRenderedComponent<GanttPage> RenderPage()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<GanttPage>();
        // The page loads from SQLite first; allow for a busy machine.
        cut.WaitForElement("[data-testid=gantt]", TimeSpan.FromSeconds(10));
        return cut;
    }

    [Fact]
    public void Page_ShowsEveryMilestoneOfThePlan()
    {
        var cut = RenderPage();
        Assert.Equal(47, cut.FindAll("a.label-row.milestone").Count);
        Assert.Equal(5, cut.FindAll(".label-row.group.depth-0").Count);
    }

    [Fact]
    public void LateOnly_LeavesOnlyLateRows()
    {
        var cut = RenderPage();
        var late = cut.FindAll("a.label-row.late").Count;
        Assert.True(late > 0);

        cut.Find("input[data-testid=late-only]").Change(true);

        var rows = cut.FindAll("a.label-row.milestone");
        Assert.Equal(late, rows.Count);
        Assert.All(rows, r => Assert.Contains("late", r.ClassList));
    }

    [Fact]
    public void CollapsingAnInitiative_HidesItsRows_AndExpandingBringsThemBack()
    {
        var cut = RenderPage();
        var before = cut.FindAll("a.label-row.milestone").Count;
        var firstGroup = cut.Find(".label-row.group.depth-0");
        var inFirst = int.Parse(firstGroup.QuerySelector(".count")!.TextContent.TrimEnd('件'),
            System.Globalization.CultureInfo.InvariantCulture);

        cut.Find(".label-row.group.depth-0 [data-testid=toggle]").Click();

        Assert.Equal(before - inFirst, cut.FindAll("a.label-row.milestone").Count);
        Assert.Equal("false", cut.Find(".label-row.group.depth-0").GetAttribute("aria-expanded"));

        cut.Find(".label-row.group.depth-0 [data-testid=toggle]").Click();
        Assert.Equal(before, cut.FindAll("a.label-row.milestone").Count);
    }

    [Fact]
    public void CityPlan_OpensUnfolded_WithoutTheFoldNote()
    {
        var cut = RenderPage();
        Assert.Empty(cut.FindAll("[data-testid=folded-note]"));
        Assert.Empty(cut.FindAll(".label-row.group[aria-expanded=false]"));
    }

    [Fact]
    public async Task LargeRoadmap_OpensFoldedToTracks_AndExpandAllShowsEveryStep()
    {
        await using (var db = _database!.CreateDbContext())
        {
            await DxRoadmap.Web.Data.Seeding.SyntheticSeeder.SeedAsync(db, milestones: 301, seed: 7, replace: true,
                Xunit.TestContext.Current.CancellationToken);
        }
        var cut = RenderPage();

        Assert.Contains("工程が301件", cut.Find("[data-testid=folded-note]").TextContent);
        Assert.Empty(cut.FindAll("a.label-row.milestone"));
        var tracks = cut.FindAll(".label-row.group.depth-1");
        Assert.NotEmpty(tracks);
        Assert.All(tracks, t => Assert.Equal("false", t.GetAttribute("aria-expanded")));

        cut.FindAll("button").First(b => b.TextContent.Contains("すべて展開", StringComparison.Ordinal)).Click();

        Assert.Equal(301, cut.FindAll("a.label-row.milestone").Count);
        Assert.Empty(cut.FindAll("[data-testid=folded-note]"));
    }

    [Fact]
    public void AsOfQuery_OpensThePastView_WithNothingLateBeforeThePlanBegan()
    {
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("gantt?asOf=2020-11-01"); // before the earliest step (令和2年12月)
        var cut = RenderPage();
        Assert.Contains("令和2年11月1日", cut.Find("h1").ParentElement!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=late-alert]"));
    }
}
