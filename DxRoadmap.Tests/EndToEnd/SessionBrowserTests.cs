using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed partial class SessionBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task SigningOut_EndsTheSession_TheDashboardAsksForLoginAgain()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.ViewerName);

        await page.Locator("[data-testid=logout]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("ログアウトしました。");

        await watched.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await Assertions.Expect(page.Locator("[data-testid=login-required]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToHaveCountAsync(0);

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    [GeneratedRegex(@"/Account/Login\?ReturnUrl=")]
    private static partial Regex LoginUrl();
}
