using Bunit;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Findings;
using DxRoadmap.Web.Components.Shared;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DxRoadmap.Tests.Components;

/// <summary>The 所見・指標 page as 推進課 and as a 閲覧者 use it.</summary>
public class FindingsPageTests : MudTestContext
{
    private TestDatabase? _database;

    private async Task<IRenderedComponent<FindingsPage>> RenderAsync(ICurrentUser user)
    {
        _database = await SqliteDatabase.CreateSeededAsync();
        Services.AddSingleton(_database);
        Services.AddSingleton<IDbContextFactory<RoadmapDbContext>>(_database);
        Services.AddSingleton<RoadmapReader>();
        Services.AddSingleton<FindingService>();
        Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<AppClock>();
        Services.AddScoped(_ => user);
        RenderPopoverProvider();
        var page = Render<FindingsPage>();
        page.WaitForElement("[data-testid=indicators]");
        return page;
    }

    [Fact]
    public async Task Editor_WritesAFinding_AddsCorrectsAndRemovesAnIndicatorAndItsValue()
    {
        var page = await RenderAsync(TestUser.Editor());
        var dialogs = Render<MudDialogProvider>();

        page.Find("[data-testid=meeting]").Change("2026-11-20");
        page.Find("[data-testid=results]").Change("住民記録・税の移行を完了");
        page.Find("[data-testid=save-finding]").Click();
        page.WaitForAssertion(() => Assert.Equal("住民記録・税の移行を完了",
            Assert.Single(new FindingService(_database!).LoadAsync().GetAwaiter().GetResult().Findings).Results));

        page.Find("[data-testid=indicator-name]").Change("標準準拠システムへ移行した業務");
        page.Find("[data-testid=indicator-unit]").Change("業務");
        page.Find("[data-testid=indicator-target]").Change("20");
        page.Find("[data-testid=indicator-year]").Change("2026");
        page.Find("[data-testid=add-indicator]").Click();
        page.WaitForAssertion(() => Assert.Contains("標準準拠システムへ移行した業務", page.Find("[data-testid=indicator-row]").TextContent));

        // 編集 fills the form; 更新 changes the same indicator rather than adding one.
        page.Find("[data-testid=edit-indicator]").Click();
        Assert.Equal("指標を編集", page.Find("[data-testid=indicator-form-title]").TextContent);
        page.Find("[data-testid=indicator-target]").Change("19");
        page.Find("[data-testid=add-indicator]").Click();
        page.WaitForAssertion(() => Assert.Equal("指標を追加", page.Find("[data-testid=indicator-form-title]").TextContent));
        var cells = Assert.Single(page.FindAll("[data-testid=indicator-row]")).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["標準準拠システムへ移行した業務", "業務", "19", "令和8年度"], cells.Take(4));

        page.Find("[data-testid=value-date]").Change("2026-10-01");
        page.Find("[data-testid=value]").Change("11");
        page.Find("[data-testid=save-value]").Click();
        page.WaitForAssertion(() => Assert.Contains("11 (2026/10/01)", page.Find("[data-testid=value-chip]").TextContent));
        page.Find("[data-testid=value-chip] button").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=value-chip]")));

        // 削除 asks first; やめる keeps the indicator, 削除する removes it.
        page.Find("[data-testid=delete-indicator]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("指標「標準準拠システムへ移行した業務」とその実績値 0 件を削除します", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("やめる", StringComparison.Ordinal)).Click();
        Assert.Single(page.FindAll("[data-testid=indicator-row]"));
        page.Find("[data-testid=delete-indicator]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Contains("削除する", StringComparison.Ordinal)).Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=indicator-row]")));
        Assert.Empty((await new FindingService(_database!).LoadAsync()).Indicators);
    }

    [Fact]
    public async Task DashboardPanel_ShowsTheLatestMeetingUpToTheAsOfDate_AndTheIndicatorValueOfThatDay()
    {
        await RenderAsync(TestUser.Viewer());
        var findings = new FindingService(_database!);
        int id;
        await using (var db = _database!.CreateDbContext())
        {
            id = (await db.Initiatives.SingleAsync(i => i.Code == "5.2")).Id;
        }
        var clock = new FixedTime(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
        await findings.SaveFindingAsync(new FindingInput(id, new DateOnly(2026, 6, 1), null, null, "職員の習熟", "研修を実施"), TestUser.Editor(), clock);
        await findings.SaveFindingAsync(new FindingInput(id, new DateOnly(2026, 11, 1), null, null, "決済手数料", "予算要求"), TestUser.Editor(), clock);
        await findings.SaveIndicatorAsync(new IndicatorInput(null, id, "電子申請件数", "件", 5000, 2026), TestUser.Editor());
        var indicator = (await findings.LoadAsync()).Indicators.Single();
        await findings.SaveValueAsync(indicator.Id, new DateOnly(2026, 3, 31), 1200, TestUser.Editor());
        await findings.SaveValueAsync(indicator.Id, new DateOnly(2026, 10, 31), 3400, TestUser.Editor());

        string Row(IRenderedComponent<FindingsPanel> panel) =>
            panel.FindAll("[data-testid=finding-row]").Single(r => r.QuerySelector("td")!.TextContent.Trim() == "5.2").TextContent;
        var august = Render<FindingsPanel>(p => p.Add(x => x.AsOf, new DateOnly(2026, 8, 1)));
        august.WaitForAssertion(() => Assert.Contains("令和8年6月1日 部会", Row(august)));
        Assert.Contains("職員の習熟", Row(august));
        Assert.Contains("電子申請件数: 1,200件", Row(august));
        var now = Render<FindingsPanel>(p => p.Add(x => x.AsOf, new DateOnly(2026, 11, 26)));
        now.WaitForAssertion(() => Assert.Contains("決済手数料", Row(now)));
        Assert.Contains("電子申請件数: 3,400件", Row(now));
        var before = Render<FindingsPanel>(p => p.Add(x => x.AsOf, new DateOnly(2026, 5, 1)));
        before.WaitForAssertion(() => Assert.Contains("未記入", Row(before)));
    }

    [Fact]
    public async Task Viewer_ReadsTheFindings_WithNothingToEdit()
    {
        var page = await RenderAsync(TestUser.Viewer());
        Assert.True(page.Find("[data-testid=work]").HasAttribute("readonly"));
        Assert.Empty(page.FindAll("[data-testid=save-finding]"));
        Assert.Empty(page.FindAll("[data-testid=add-indicator]"));
        Assert.Empty(page.FindAll("[data-testid=delete-indicator]"));
        Assert.Empty(page.FindAll("[data-testid=save-value]"));
    }
}
