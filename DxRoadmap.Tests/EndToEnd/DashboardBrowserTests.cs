using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Dashboard_ShowsTheFiveInitiatives_WithoutLeavingTheMachineOrConsoleErrors()
    {
        var watched = await app.NewPageAsync();
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/");

        var rows = watched.Page.Locator("[data-testid=initiatives] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(watched.Page.GetByText("5.3 AI・RPAの活用・推進")).ToBeVisibleAsync();
        await Assertions.Expect(watched.Page.Locator("[data-testid=sample-banner]")).ToBeVisibleAsync();

        Assert.Empty(watched.ForeignRequests);
        Assert.True(watched.ConsoleErrors.Count == 0, string.Join("\n", watched.ConsoleErrors));
        await watched.Page.Context.CloseAsync();
    }
}
