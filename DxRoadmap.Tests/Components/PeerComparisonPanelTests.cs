using Bunit;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Shared;
using DxRoadmap.Web.Services;
using DxRoadmap.Web.Services.Peers;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Tests.Components;

public class PeerComparisonPanelTests : MudTestContext
{
    private async Task<(TestDatabase Database, PeerRates Peers)> SetUpAsync(ICurrentUser user)
    {
        var database = await TestDatabase.CreateSeededAsync(TestProvider.Sqlite);
        var peers = new PeerRates(database, new AppClock(new FixedTime(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero))),
            Options.Create(new CityOptions()), NullLogger<PeerRates>.Instance);
        Services.AddSingleton(peers);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddScoped(_ => user);
        RenderPopoverProvider();
        return (database, peers);
    }

    [Fact]
    public async Task ImportedTable_ShowsTheCityBesideThe県_WithItsRankAndADotPer団体()
    {
        var (database, peers) = await SetUpAsync(TestUser.Viewer());
        using var _ = database;
        Assert.True((await peers.ApplyAsync(PeerFiles.Kagoshima, "2026-01", false, TestUser.Editor())).Succeeded);

        var panel = Render<PeerComparisonPanel>();
        panel.WaitForElement("[data-testid=peer-strip]");

        Assert.Equal("85.75%", panel.Find("[data-testid=peer-city]").TextContent);
        Assert.Equal("20位 / 43団体", panel.Find("[data-testid=peer-rank]").TextContent);
        Assert.Equal("84.54%", panel.Find("[data-testid=peer-prefecture-mean]").TextContent);
        Assert.Contains("全国平均は取り込んだ表にありません", panel.Find("[data-testid=peer-national-mean]").TextContent);
        Assert.Contains("令和8年1月時点 (2026-01)", panel.Find("[data-testid=peer-stamp]").TextContent);
        var strip = panel.Find("[data-testid=peer-strip]");
        Assert.Equal(43, strip.QuerySelectorAll("circle").Length);
        Assert.Contains("姶良市 85.75%", strip.QuerySelector("circle.city")!.TextContent);
        Assert.Contains("20位 / 43団体", strip.GetAttribute("aria-label"));
        Assert.Equal(20, panel.FindAll("[data-testid=peer-business]").Count);
        // A 閲覧 user sees the comparison but no import.
        Assert.Empty(panel.FindAll("[data-testid=peer-import]"));
    }

    [Fact]
    public async Task WithoutATable_SaysSo()
    {
        var (database, _) = await SetUpAsync(TestUser.Viewer());
        using var _db = database;
        var panel = Render<PeerComparisonPanel>();
        panel.WaitForElement("[data-testid=peer-empty]");
        Assert.Contains("まだ取り込まれていません", panel.Find("[data-testid=peer-empty]").TextContent);
    }

    /// <summary>The panel with its import section opened and the 時点 2026-01 typed.</summary>
    private IRenderedComponent<PeerComparisonPanel> OpenImport()
    {
        var panel = Render<PeerComparisonPanel>();
        panel.WaitForElement("[data-testid=peer-import]");
        panel.Find("[data-testid=peer-import] .mud-expand-panel-header").Click();
        panel.Find("input[data-testid=peer-month], [data-testid=peer-month] input").Input("2026-01");
        return panel;
    }

    [Fact]
    public async Task Editor_PreviewsThenImports_AndIsAskedBeforeReplacing()
    {
        var (database, peers) = await SetUpAsync(TestUser.Editor());
        using var _ = database;
        var panel = OpenImport();

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(PeerFiles.Kagoshima, "kagoshima.csv"));
        panel.WaitForElement("[data-testid=peer-apply]");
        Assert.Contains("43 団体", panel.Find("[data-testid=peer-summary]").TextContent);
        Assert.Contains("20位 / 43団体", panel.Find("[data-testid=peer-preview]").TextContent);
        Assert.Empty(await peers.TablesAsync());

        panel.Find("[data-testid=peer-apply]").Click();
        panel.WaitForElement("[data-testid=peer-result]");
        Assert.Contains("取り込みました", panel.Find("[data-testid=peer-result]").TextContent);
        panel.WaitForElement("[data-testid=peer-strip]");

        // The same 時点 again: the page asks before replacing.
        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(PeerFiles.WithCell(20, 2, "0.86"), "kagoshima.csv"));
        panel.WaitForElement("[data-testid=peer-replace]");
        Assert.Contains("すでに取り込まれています", panel.Find("[data-testid=peer-summary]").TextContent);
        panel.Find("[data-testid=peer-replace]").Click();
        panel.WaitForAssertion(() => Assert.Equal("86.00%", panel.Find("[data-testid=peer-city]").TextContent));
    }

    [Fact]
    public async Task Editor_SeesEveryProblemWithLineAndColumn_AndNoImportButton()
    {
        var (database, peers) = await SetUpAsync(TestUser.Editor());
        using var _ = database;
        var panel = OpenImport();

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(PeerFiles.WithCell(20, 4, "1.2"), "bad.csv"));
        panel.WaitForElement("[data-testid=peer-problems]");
        var problems = panel.Find("[data-testid=peer-problems]").TextContent;
        Assert.Contains("20", problems);
        Assert.Contains("E列「戸籍」", problems);
        Assert.Contains("範囲外", problems);
        Assert.Empty(panel.FindAll("[data-testid=peer-apply]"));
        Assert.Empty(await peers.TablesAsync());
    }
}
