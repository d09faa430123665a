using Bunit;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Dashboard;

namespace DxRoadmap.Tests.Components;

public class DashboardTests : ProgressComponentTest
{
    private IRenderedComponent<Home> RenderAsOf(string? asOf, string? department = null)
    {
        Open("/", ("asOf", asOf), ("dept", department));
        var cut = Render<Home>();
        cut.WaitForElement("[data-testid=initiatives]");
        return cut;
    }

    [Fact]
    public void AsOfFirstOfApril_ShowsSignalsAndCountsPerInitiative()
    {
        var cut = RenderAsOf("2022-04-01");

        var rows = cut.FindAll("[data-testid=initiatives] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Red", rows[0].QuerySelector("[data-signal]")!.GetAttribute("data-signal"));
        Assert.Equal("1", rows[0].QuerySelector("[data-testid=overdue]")!.TextContent.Trim());
        Assert.Equal("1", rows[0].QuerySelector("[data-testid=late-start]")!.TextContent.Trim());
        Assert.Equal("1", rows[0].QuerySelector("[data-testid=status-Done]")!.TextContent.Trim());
        Assert.Equal("33%", rows[0].QuerySelector("[data-testid=share]")!.TextContent.Trim());
        Assert.Equal("Yellow", rows[1].QuerySelector("[data-signal]")!.GetAttribute("data-signal"));
        Assert.Equal("1", rows[1].QuerySelector("[data-testid=at-risk]")!.TextContent.Trim());
        Assert.Equal("－", rows[1].QuerySelector("[data-testid=overdue]")!.TextContent.Trim());
        Assert.Equal("2 件", cut.Find("[data-testid=late-total]").TextContent.Trim());
    }

    [Fact]
    public void AsOfFirstOfApril_ListsLateAndAtRiskItemsWithTheirRule()
    {
        var cut = RenderAsOf("2022-04-01");

        var titles = cut.FindAll("[data-testid=flagged-title]").Select(e => e.TextContent.Trim());
        Assert.Equal(["期限超過の工程", "着手遅れの工程", "要注意の工程"], titles);
        var flagged = cut.Find("[data-testid=flagged]").TextContent;
        Assert.Contains("期限超過 1日", flagged);
        Assert.Contains("着手遅れ 1か月", flagged);
        Assert.Contains("要注意 残り29日", flagged);
        Assert.Contains("令和4年度 (2022年度) に期限を迎える工程", cut.Markup);
        Assert.Equal(4, cut.FindAll("[data-testid=due] tbody tr").Count);
    }

    [Fact]
    public async Task AListLongerThanAPage_GetsAPager_AndAShortOneNone()
    {
        var shortList = RenderAsOf("2022-04-01");
        Assert.Empty(shortList.FindAll(".mud-table-pagination"));                // 3 flagged, 4 due

        // Ten more late steps: 13 flagged, more than the list's page of 10.
        await using (var db = Roadmap.Database.CreateDbContext())
        {
            for (var i = 0; i < 10; i++)
            {
                db.Milestones.Add(Build.Span("2021-10", "2022-02").With(m =>
                {
                    m.Title = $"追加の遅れ {i + 1}";
                    m.TrackId = Roadmap.FirstTrack.Id;
                    m.OwnerDepartmentId = Roadmap.CitizensDepartment.Id;
                    m.Order = 10 + i;
                }));
            }
            await db.SaveChangesAsync();
        }
        var longList = RenderAsOf("2022-04-01");

        var flagged = longList.Find("[data-testid=flagged]");
        Assert.Equal(10, flagged.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("1～10 / 13 件", flagged.QuerySelector(".mud-table-pagination")!.TextContent);
    }

    [Fact]
    public void BeforeAnythingIsDue_SaysSoInsteadOfAnEmptyTable()
    {
        var cut = RenderAsOf("2021-11-01");

        Assert.Contains("令和3年11月1日 時点で、遅延・着手遅れ・要注意・更新なしの工程はありません。",
            cut.Find("[data-testid=flagged-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=flagged]"));
        Assert.All(cut.FindAll("[data-signal]"), e => Assert.Equal("Blue", e.GetAttribute("data-signal")));
    }

    [Fact]
    public void WithoutAsOf_UsesTodayFromTheClock()
    {
        Time.Now = SmallRoadmap.At("2021-11-01");
        var cut = RenderAsOf(null);
        Assert.Contains("令和3年11月1日 時点", cut.Find("[data-testid=as-of-label]").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=flagged-empty]"));
    }

    [Fact]
    public void UnreadableAsOf_FallsBackToTodayWithAWarning()
    {
        var cut = RenderAsOf("2022-13-45");
        Assert.Contains("日付として読めないため", cut.Markup);
        Assert.Contains("令和4年4月1日 時点", cut.Find("[data-testid=as-of-label]").TextContent);
    }

    [Fact]
    public void OwnDepartment_ComesFirstAndIsMarked()
    {
        var cut = RenderAsOf("2022-04-01", "市民課");

        var rows = cut.FindAll("[data-testid=flagged] tbody tr");
        Assert.Equal("着手遅れの工程", rows[0].QuerySelector("[data-testid=flagged-title]")!.TextContent.Trim());
        Assert.Contains("mine", rows[0].ClassName);
        // 推進課 owns the others; 市民課 is not related to them.
        Assert.DoesNotContain("mine", rows[1].ClassName ?? "");
    }
}
