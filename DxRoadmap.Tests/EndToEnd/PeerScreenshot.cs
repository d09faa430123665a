using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Services.Peers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>
/// The README's picture of 姶良市 beside its 県 on the 5.1 page, with 鹿児島県's published 2026-01 table imported.
/// Explicit, like <see cref="ReadmeScreenshots"/>: run with
/// <c>DXROADMAP_REQUIRE_BROWSER=1 dotnet DxRoadmap.Tests/bin/Debug/net10.0/DxRoadmap.Tests.dll -class DxRoadmap.Tests.EndToEnd.PeerScreenshot -explicit only</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeerScreenshot(BrowserApp app)
{
    [Fact(Explicit = true)]
    public async Task TakePeerPanelScreenshot()
    {
        var peers = app.Services.GetRequiredService<PeerRates>();
        var imported = await peers.ApplyAsync(PeerFiles.Kagoshima, "2026-01", replace: true, TestUser.Editor(), "kagoshima-2026-01.csv");
        Assert.True(imported.Succeeded, imported.Message);

        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await page.SetViewportSizeAsync(1280, 900);
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/standardisation");
        var panel = page.Locator("[data-testid=peer-panel]");
        await Assertions.Expect(panel.Locator("[data-testid=peer-rank]")).ToHaveTextAsync("20位 / 43団体");
        await page.WaitForTimeoutAsync(500);
        // A full-page picture cut to the panel: the fixed app bar stays at the top of the page instead of over the panel.
        var box = (await panel.BoundingBoxAsync())!;
        var scrollY = await page.EvaluateAsync<double>("() => window.scrollY");
        var folder = Path.Combine(Path.GetDirectoryName(RepoPaths.DataDirectory)!, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, "standardisation-peers.png"),
            FullPage = true,
            Clip = new Clip { X = box.X - 8, Y = box.Y + (float)scrollY - 8, Width = box.Width + 16, Height = box.Height + 16 },
        });
        watched.AssertNothingLeftTheMachineAndNoErrors();
    }
}
