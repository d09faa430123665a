using Bunit;
using DxRoadmap.Tests.Support;
using ReportsPage = DxRoadmap.Web.Components.Pages.Reports.Reports;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

public class ReportsPageTests : MudTestContext
{

    private async Task<IRenderedComponent<ReportsPage>> RenderAsync()
    {
        var database = await SqliteDatabase.CreateSeededAsync();
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
}
