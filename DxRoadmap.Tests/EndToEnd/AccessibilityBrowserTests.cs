using System.Text.Json;
using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>
/// JIS X 8341-3:2016 AA (WCAG 2.1 AA) as axe-core checks it, on every page of the side menu and a milestone's
/// editor, for each role. axe is injected by the test through the browser's debugging channel, so the app's
/// Content-Security-Policy stays as strict as it is for users.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserApp app)
{
    private static readonly Lazy<string> Axe = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Assets", "axe.min.js")));

    private const string AdminName = "a11y-admin";

    private const string Run = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)),
          }));
        }
        """;

    [Theory]
    [InlineData(BrowserApp.EditorName)]
    [InlineData(BrowserApp.HeadName)]
    [InlineData(BrowserApp.ViewerName)]
    [InlineData(AdminName)]
    public async Task EveryMenuPage_AndTheEditor_HaveNoWcagAaViolations(string user)
    {
        if (user == AdminName)
        {
            // The fixture has no administrator; the 管理 pages (users, audit log, backup) are checked with one.
            await app.CreateUserAsync(AdminName, DxRoadmap.Web.Data.Identity.AppRoles.Admin);
        }
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(user);
        var paths = (await page.Locator("nav.mud-navmenu a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Select(href => "/" + href.TrimStart('/'))
            .Distinct()
            .Append($"/milestones/{await FirstMilestoneAsync()}")
            .ToList();
        Assert.True(paths.Count >= 8, "the menu lists too few pages: " + string.Join(", ", paths));

        var found = new List<string>();
        foreach (var path in paths)
        {
            await watched.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await CheckAsync(page, path, found);
        }
        // The Gantt's other state: its rows as a table.
        await watched.GotoAsync("/gantt");
        await page.GetByRole(AriaRole.Switch, new() { Name = "表形式で表示" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=gantt-table] tbody tr").First).ToBeVisibleAsync();
        await CheckAsync(page, "/gantt (表形式)", found);
        Assert.True(found.Count == 0, $"{user}: {found.Count} violations\n" + string.Join("\n", found));
    }

    private static async Task CheckAsync(IPage page, string state, List<string> found)
    {
        await page.EvaluateAsync(Axe.Value);
        var violations = await page.EvaluateAsync<JsonElement>(Run);
        foreach (var violation in violations.EnumerateArray())
        {
            var nodes = violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()).ToList();
            found.Add($"{state} {violation.GetProperty("id").GetString()} × {nodes.Count}: {string.Join(" | ", nodes.Take(3))}");
        }
    }

    [Fact]
    public async Task GanttTableView_ReadsEachStepOutInColumns_AndTheOwnerColumnShowsWholeNames()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.ViewerName);
        await watched.GotoAsync("/gantt");
        // Chart view: no 主管課 name is cut (its box is as wide as its text).
        var clipped = await page.Locator("[data-testid=gantt] .label-row .owner").EvaluateAllAsync<string[]>(
            "spans => spans.filter(s => s.scrollWidth > s.clientWidth).map(s => s.textContent)");
        Assert.True(clipped.Length == 0, "切れている主管課: " + string.Join("、", clipped.Distinct()));
        var steps = await page.Locator("[data-testid=gantt] a[role=treeitem]").CountAsync();

        await page.GetByRole(AriaRole.Switch, new() { Name = "表形式で表示" }).ClickAsync();
        var table = page.Locator("[data-testid=gantt-table] table");
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["工程", "主管課", "計画", "実績", "状態", "判定"]);
        await Assertions.Expect(table.Locator("tbody tr[data-row]")).ToHaveCountAsync(steps);
        var late = table.Locator("tbody tr.late").First;
        await Assertions.Expect(late.Locator("td.judgement")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("期限超過|着手遅れ"));
        await Assertions.Expect(page.Locator("[data-testid=gantt]")).ToHaveCountAsync(0);
        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    [Fact]
    public async Task FirstTab_IsTheSkipLink_AndEnterMovesFocusToTheMainContent()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.ViewerName);
        await watched.GotoAsync("/alerts");
        // The app puts focus on the page's heading after navigation; start from the top of the document instead,
        // as a keyboard user does after the browser's own controls.
        await page.EvaluateAsync("() => { const top = document.createElement('span'); top.tabIndex = -1; document.body.prepend(top); top.focus(); }");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=skip-link]")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-testid=skip-link]")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main")).ToBeFocusedAsync();
        // The next Tab goes into the page, not back to the app bar.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('main').contains(document.activeElement)"));
    }

    private async Task<int> FirstMilestoneAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        return await db.Milestones.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
    }
}
