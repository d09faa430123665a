using System.Globalization;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Editor_SignsIn_AndSeesTheFiveInitiativesAndTheLateCount()
    {
        await using var watched = await app.NewPageAsync();
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/");

        var rows = watched.Page.Locator("[data-testid=initiatives] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(watched.Page.GetByText("5.3 AI・RPAの活用・推進")).ToBeVisibleAsync();
        await Assertions.Expect(watched.Page.Locator("[data-testid=sample-banner]")).ToBeVisibleAsync();

        // The sample progress has late items today; the page shows the number the app computes.
        var late = await LateCountAsync(app);
        Assert.True(late > 0, "the sample progress should have late milestones");
        await Assertions.Expect(watched.Page.Locator("[data-testid=late-total]")).ToHaveTextAsync($"{late} 件");

        // 自分の課: the list offers the 課 when it opens; choosing one puts it in the address (a shareable view).
        var page = watched.Page;
        await page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("[data-testid=department]") }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "デジタル行政推進課" }).ClickAsync();
        await page.WaitForURLAsync(url => Uri.UnescapeDataString(url).Contains("dept=デジタル行政推進課", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("[data-testid=department]")).ToHaveValueAsync("デジタル行政推進課");
        await Assertions.Expect(page.Locator("[data-testid=flagged] tbody tr.mine").First).ToBeVisibleAsync();

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    [Fact]
    public async Task EveryPageInTheMenu_Opens_WithoutOutsideRequestsOrConsoleErrors()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/");

        var links = page.Locator(".mud-navmenu a.mud-nav-link");
        var titles = await links.AllInnerTextsAsync();
        Assert.True(titles.Count >= 8, string.Join(", ", titles));
        for (var i = 0; i < titles.Count; i++)
        {
            var href = await links.Nth(i).GetAttributeAsync("href");
            await links.Nth(i).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/" + href!.TrimStart('/'));
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    internal static async Task<int> LateCountAsync(BrowserApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<ProgressQueries>().GetDashboardAsync(app.Today, null);
        return view.LateCount;
    }

    /// <summary>Reads 「12 件」 as 12.</summary>
    internal static async Task<int> ShownCountAsync(ILocator locator) =>
        int.Parse((await locator.InnerTextAsync()).Replace("件", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
