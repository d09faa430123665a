using DxRoadmap.Domain.Schedule;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed partial class ProgressBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Editor_CompletesALateMilestone_TheLateCountDrops_AndTheHistoryShowsTheChange()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/");
        var lateBefore = await DashboardBrowserTests.ShownCountAsync(page.Locator("[data-testid=late-total]"));

        // From the alerts page, open the first item flagged 期限超過.
        await watched.GotoAsync("/alerts");
        var overdue = page.Locator("[data-testid=alerts] tbody tr").Filter(new() { Has = page.Locator("[data-flag=Overdue]") }).First;
        var title = await overdue.Locator("[data-testid=alert-title]").InnerTextAsync();
        await overdue.Locator("[data-testid=alert-title]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(MilestoneUrl());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator("[data-testid=current-flags]")).ToContainTextAsync("期限超過");

        await page.Locator("[data-testid=status]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "完了", Exact = true }).ClickAsync();
        var endInput = page.Locator("[data-testid=actual-end]");
        await endInput.FillAsync(JapaneseDates.WesternDay(app.Today));
        await endInput.PressAsync("Tab");
        await page.Locator("[data-testid=comment]").FillAsync("委員会前に完了を確認");
        await page.Locator("[data-testid=save]").ClickAsync();

        var entry = page.Locator("[data-testid=history-entry]").First;
        await Assertions.Expect(entry).ToContainTextAsync("委員会前に完了を確認");
        await Assertions.Expect(entry).ToContainTextAsync("完了");
        await Assertions.Expect(entry).ToContainTextAsync(BrowserApp.EditorName);
        await Assertions.Expect(page.Locator("[data-testid=current-flags]")).ToHaveCountAsync(0);

        await watched.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-testid=late-total]")).ToHaveTextAsync($"{lateBefore - 1} 件");

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    [GeneratedRegex(@"/milestones/\d+$")]
    private static partial Regex MilestoneUrl();
}
