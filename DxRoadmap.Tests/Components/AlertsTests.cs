using Bunit;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Alerts;
using DxRoadmap.Web.Components.Shared;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

public class AlertsTests : ProgressComponentTest
{
    private IRenderedComponent<Alerts> RenderAlerts(string asOf = "2022-04-01", string? initiative = null, string? department = null,
        string? rule = null)
    {
        Open("/alerts", ("asOf", asOf), ("initiative", initiative), ("dept", department), ("rule", rule));
        var cut = Render<Alerts>();
        cut.WaitForElement("[data-testid=alert-count]");
        return cut;
    }

    private static List<string> Titles(IRenderedComponent<Alerts> cut) =>
        cut.FindAll("[data-testid=alert-title]").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public void ListsEveryFlaggedItemWithRuleAndAmount()
    {
        var cut = RenderAlerts();

        Assert.Equal(["期限超過の工程", "着手遅れの工程", "要注意の工程"], Titles(cut));
        Assert.Equal(["期限超過 1日", "着手遅れ 1か月", "要注意 残り29日"],
            cut.FindAll("[data-testid=alert-flags]").Select(e => e.TextContent.Trim()));
        Assert.StartsWith("3 件", cut.Find("[data-testid=alert-count]").TextContent.Trim());
    }

    [Theory]
    [InlineData("9.2", null, null, new[] { "要注意の工程" })]
    [InlineData(null, "市民課", null, new[] { "着手遅れの工程" })]
    [InlineData(null, "推進課", null, new[] { "期限超過の工程", "着手遅れの工程", "要注意の工程" })]
    [InlineData(null, null, "Overdue", new[] { "期限超過の工程" })]
    [InlineData(null, null, "LateStart", new[] { "着手遅れの工程" })]
    [InlineData("9.1", null, "AtRisk", new string[0])]
    public void Filters_ByInitiativeDepartmentAndRule(string? initiative, string? department, string? rule, string[] expected)
    {
        var cut = RenderAlerts(initiative: initiative, department: department, rule: rule);

        Assert.Equal(expected, Titles(cut));
        if (expected.Length == 0)
        {
            Assert.Contains("この条件に該当するアラートはありません", cut.Find("[data-testid=alerts-filtered-empty]").TextContent);
        }
        else
        {
            var count = cut.Find("[data-testid=alert-count]").TextContent.Trim();
            Assert.StartsWith($"{expected.Length} 件", count);
            Assert.Equal(expected.Length < 3, count.Contains("(全 3 件中)"));
        }
    }

    [Fact]
    public void UnknownRule_IsIgnored()
    {
        var cut = RenderAlerts(rule: "Whatever");
        Assert.Equal(3, Titles(cut).Count);
    }

    [Fact]
    public void NothingFlagged_SaysSo()
    {
        var cut = RenderAlerts(asOf: "2021-11-01");
        Assert.Contains("判定に該当する工程はありません", cut.Find("[data-testid=alerts-empty]").TextContent);
    }

    [Fact]
    public async Task Badge_CountsTodaysAlertsAndRecountsAfterASave()
    {
        var badge = Render<AlertBadge>();
        badge.WaitForAssertion(() => Assert.Equal("3", badge.Find("[data-testid=alert-badge]").GetAttribute("data-count")));
        Assert.Equal("/alerts", badge.Find("[data-testid=alert-badge]").GetAttribute("href"));
        Assert.Contains("3", badge.Find(".mud-badge").TextContent);

        var editing = Services.GetRequiredService<MilestoneEditing>();
        var loaded = (await editing.LoadAsync(Roadmap.Overdue.Id))!;
        var model = MilestoneEditModel.From(loaded.Milestone);
        model.Status = MilestoneStatus.Done;
        model.ActualEnd = new DateTime(2022, 3, 31);
        Assert.True((await editing.SaveAsync(Roadmap.Overdue.Id, model, loaded.Token, TestUser.Editor("山田"))).Succeeded);
        await badge.InvokeAsync(Services.GetRequiredService<RoadmapChanges>().Notify);

        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("[data-testid=alert-badge]").GetAttribute("data-count")));
    }

    [Fact]
    public async Task A51BusinessPastItsPlannedMigrationMonth_IsListedAsLate_UnderTheSameFilters()
    {
        await using (var db = Roadmap.Database.CreateDbContext())
        {
            db.StandardSystems.AddRange(
                new StandardSystem { Name = "住民記録", DepartmentId = Roadmap.CitizensDepartment.Id, Order = 1, PlannedMigration = PlanDate.OfMonth(2022, 3),
                    SpecificSupport = true, SpecificReason = SpecificSupportReason.Mainframe },
                new StandardSystem { Name = "印鑑登録", DepartmentId = Roadmap.CitizensDepartment.Id, Order = 2, PlannedMigration = PlanDate.OfMonth(2022, 3),
                    GoLiveOn = new DateOnly(2022, 3, 28) },
                new StandardSystem { Name = "戸籍", DepartmentId = Roadmap.CitizensDepartment.Id, Order = 3, PlannedMigration = PlanDate.OfMonth(2022, 4) });
            await db.SaveChangesAsync();
        }

        var late = RenderAlerts().Find("[data-testid=migration-alerts]");
        var item = Assert.Single(late.QuerySelectorAll("[data-testid=migration-alert]")).TextContent;
        Assert.Contains("住民記録", item);
        Assert.Contains("移行予定 令和4年3月", item);
        Assert.Contains("期限超過 1日", item);
        Assert.Contains("特定移行支援 (", item);
        Assert.Contains("(1 件)", late.TextContent);

        Assert.Empty(RenderAlerts(initiative: "9.2").FindAll("[data-testid=migration-alerts]"));
        Assert.Empty(RenderAlerts(department: "推進課").FindAll("[data-testid=migration-alerts]"));
        Assert.Single(RenderAlerts(department: SmallRoadmap.Citizens).FindAll("[data-testid=migration-alert]"));
        Assert.Empty(RenderAlerts(rule: "LateStart").FindAll("[data-testid=migration-alerts]"));
        Assert.Empty(RenderAlerts(asOf: "2022-03-31").FindAll("[data-testid=migration-alerts]"));
    }
}
