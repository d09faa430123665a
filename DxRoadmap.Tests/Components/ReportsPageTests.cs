using Bunit;
using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Tests.Support;
using MudBlazor;
using ReportsPage = DxRoadmap.Web.Components.Pages.Reports.Reports;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

public class ReportsPageTests : MudTestContext
{

    private async Task<IRenderedComponent<ReportsPage>> RenderAsync(Func<TestDatabase, Task>? arrange = null)
    {
        var database = await SqliteDatabase.CreateSeededAsync();
        if (arrange is not null)
        {
            await arrange(database);
        }
        Services.AddSingleton(database);
        Services.AddSingleton<IDbContextFactory<RoadmapDbContext>>(database);
        Services.AddSingleton<RoadmapReader>();
        Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton<AppClock>();
        Services.AddSingleton<InquiryRounds>();
        RenderPopoverProvider();
        var page = Render<ReportsPage>();
        page.WaitForElement("[data-testid=link-xlsx]");
        return page;
    }

    [Fact]
    public async Task Page_LinksToTheDownloadEndpointForTodayAndShowsTheFileNames()
    {
        var page = await RenderAsync();
        Assert.Equal("/reports/download?format=xlsx&asOf=2026-11-26&scope=all",
            page.Find("[data-testid=link-xlsx]").GetAttribute("href"));
        Assert.StartsWith("/reports/download?format=pdf&asOf=2026-11-26", page.Find("[data-testid=link-pdf]").GetAttribute("href"));
        Assert.Contains("進捗報告_令和8年11月26日.xlsx", page.Find("[data-testid=file-name]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=problem]"));
    }

    [Fact]
    public async Task ChoosingAClosedRound_TakesItsBaseDate_AndTheLinksAskForTheRound()
    {
        var roundId = 0;
        var page = await RenderAsync(async database =>
        {
            var rounds = new InquiryRounds(database, new AppClock(new FixedTime(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero))));
            var (opened, id) = await rounds.OpenAsync(new OpenRoundInput("令和8年度第2回 進捗照会", new DateOnly(2026, 10, 31),
                new DateOnly(2026, 12, 10), [new InquiryTarget(InquiryItemKind.Procedure, 1)]), TestUser.Editor());
            Assert.True(opened.Succeeded, opened.Message);
            Assert.True((await rounds.CloseAsync(id!.Value, TestUser.Editor())).Succeeded);
            roundId = id.Value;
        });

        // What choosing the round in the list does: the select reports the new value to the page.
        var select = page.FindComponent<MudSelect<int?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(roundId));

        page.WaitForAssertion(() => Assert.Equal($"/reports/download?format=xlsx&asOf=2026-10-31&scope=all&round={roundId}",
            page.Find("[data-testid=link-xlsx]").GetAttribute("href")));
        Assert.Contains("進捗報告_令和8年10月31日.xlsx", page.Find("[data-testid=file-name]").TextContent);
    }

    [Fact]
    public async Task WithoutAClosedRound_ThereIsNothingToChoose()
    {
        var page = await RenderAsync();
        Assert.Empty(page.FindAll("[data-testid=round]"));
        Assert.Empty(page.FindComponents<MudSelect<int?>>());
    }
}
