using DxRoadmap.Web.Data;
using DxRoadmap.Web.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>The "verify before resolving" walk, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsBrowserTests(BrowserApp app)
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "dxroadmap-accounts");

    // The plan names デジタル行政推進課 as the owner of every milestone, so the fixture's head of 子どもみらい課
    // owns none; a head of the owning 課 is made for the cases that need one.
    private const string OwningDepartment = "デジタル行政推進課";

    private async Task<int> MilestoneOfAsync(string department, int skip)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        return await db.Milestones.Where(m => m.OwnerDepartment!.Name == department && m.ExternalActor == null)
            .OrderBy(m => m.Id).Select(m => m.Id).Skip(skip).FirstAsync();
    }

    private static Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task WithoutLogin_EveryPageLeadsToTheLoginPage()
    {
        var watched = await app.NewPageAsync();
        foreach (var path in new[] { "/", "/milestones/1", "/plan", "/admin/users", "/admin/backup" })
        {
            await watched.GotoAsync(path);
            Assert.Contains("/Account/Login", watched.Page.Url);
        }
        await Assertions.Expect(watched.Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" })).ToBeVisibleAsync();
        await watched.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPasswordSixTimes_LocksTheAccount_EvenForTheRightPassword()
    {
        await app.CreateUserAsync("locked-user", AppRoles.Viewer);
        var watched = await app.NewPageAsync();
        var messages = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            await watched.GotoAsync("/Account/Login");
            await watched.Page.Locator("#username").FillAsync("locked-user");
            await watched.Page.Locator("#password").FillAsync("wrong-password-" + i);
            await watched.Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
            await watched.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            messages.Add(await watched.Page.Locator("[data-testid=login-error]").First.InnerTextAsync());
        }
        await ShotAsync(watched.Page, "login-locked");
        await watched.GotoAsync("/Account/Login");
        await watched.Page.Locator("#username").FillAsync("locked-user");
        await watched.Page.Locator("#password").FillAsync(Support.AppFactory.Password);
        await watched.Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await watched.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        File.WriteAllLines(Path.Combine(Shots, "login-messages.txt"), messages);
        Assert.Contains("/Account/Login", watched.Page.Url);
        Assert.Contains("ロック", messages[^1]);
        Assert.Contains("ロック", await watched.Page.Locator("[data-testid=login-error]").First.InnerTextAsync());
        await watched.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task DepartmentHead_OnAnotherDepartmentsMilestone_SeesNoEditControls()
    {
        var other = await MilestoneOfAsync(OwningDepartment, 0);
        var watched = await app.NewPageAsync();
        await watched.LoginAsync(BrowserApp.HeadName);

        await watched.GotoAsync($"/milestones/{other}");
        await Assertions.Expect(watched.Page.Locator("[data-testid=read-only]")).ToContainTextAsync("所属長は自課");
        await Assertions.Expect(watched.Page.Locator("[data-testid=save]")).ToHaveCountAsync(0);
        await ShotAsync(watched.Page, "head-other-department");

        await Assertions.Expect(watched.Page.GetByRole(AriaRole.Link, new() { Name = "計画の管理" })).ToHaveCountAsync(0);

        await watched.GotoAsync("/plan");
        Assert.Contains("/Account/AccessDenied", watched.Page.Url);
        Assert.True(watched.ConsoleErrors.All(e => e.Contains("/plan", StringComparison.Ordinal) || e.Contains("AccessDenied", StringComparison.Ordinal)),
            string.Join("\n", watched.ConsoleErrors));
        await watched.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoWindowsEditingOneMilestone_SecondSeesTheFirstsChange_AndCanOverwrite()
    {
        var own = await MilestoneOfAsync(OwningDepartment, 1);
        await app.CreateUserAsync("digital-head", AppRoles.DepartmentHead, OwningDepartment);
        var first = await app.NewPageAsync();
        var second = await app.NewPageAsync();
        await first.LoginAsync(BrowserApp.EditorName);
        await second.LoginAsync("digital-head");
        await first.GotoAsync($"/milestones/{own}");
        await second.GotoAsync($"/milestones/{own}");

        await first.Page.Locator("textarea[data-testid=note]").FillAsync("一つ目の窓で入力した備考");
        await first.Page.Locator("button[data-testid=save]").ClickAsync();
        await Assertions.Expect(first.Page.Locator("[data-testid=history-entry]").First).ToContainTextAsync("一つ目の窓で入力した備考");

        await second.Page.Locator("textarea[data-testid=countermeasure]").FillAsync("二つ目の窓の対応策");
        await second.Page.Locator("button[data-testid=save]").ClickAsync();
        var panel = second.Page.Locator("[data-testid=conflict]");
        await Assertions.Expect(panel).ToContainTextAsync("editor");
        await Assertions.Expect(panel).ToContainTextAsync("一つ目の窓で入力した備考");
        await ShotAsync(second.Page, "conflict-panel");

        await second.Page.Locator("button[data-testid=overwrite]").ClickAsync();
        await Assertions.Expect(panel).ToHaveCountAsync(0);
        var latest = second.Page.Locator("[data-testid=history-entry]").First;
        await Assertions.Expect(latest).ToContainTextAsync("二つ目の窓の対応策");
        await Assertions.Expect(second.Page.Locator("textarea[data-testid=note]")).ToHaveValueAsync("一つ目の窓で入力した備考");
        await ShotAsync(second.Page, "after-overwrite");
        await first.Page.Context.CloseAsync();
        await second.Page.Context.CloseAsync();
    }
}
