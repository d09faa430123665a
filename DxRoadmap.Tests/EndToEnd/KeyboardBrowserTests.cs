using DxRoadmap.Tests.Support;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>
/// The app driven with the keyboard alone: no click, no fill, no focus set by the test after signing in. Each step
/// presses keys and checks where the focus went, as a user who cannot use a mouse would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class KeyboardBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task SignIn_Gantt_OpenAMilestone_ChangeItsStatus_Save_AndBack_WithTheKeyboardOnly()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;

        // Sign in: Tab to the user name, type, Tab, type, Enter.
        await watched.GotoAsync("/Account/Login");
        await TabUntilAsync(page, "el => el.id === 'username'");
        await page.Keyboard.TypeAsync(BrowserApp.EditorName);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(AppFactory.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=current-user]")).ToContainTextAsync(BrowserApp.EditorName);
        await watched.WaitForCircuitAsync();

        // The side menu's ガントチャート link, reached with Tab.
        await TabUntilAsync(page, "el => el.matches('nav a') && el.textContent.includes('ガントチャート')");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/gantt$"));
        await Assertions.Expect(page.Locator("[data-testid=gantt] [role=treeitem]").First).ToBeVisibleAsync();
        // After a navigation the app puts focus on the new page's heading.
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();

        // Shift+Tab from the page's heading leads back to 本文へ移動, which moves focus into the main content.
        await ShiftTabUntilAsync(page, "el => el.matches('[data-testid=skip-link]')");
        await Assertions.Expect(page.Locator("[data-testid=skip-link]")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main")).ToBeFocusedAsync();

        // The tree of rows is one Tab stop: Tab reaches its first row, the next Tab leaves it.
        var rows = page.Locator("[data-testid=gantt] [role=treeitem]");
        await TabUntilAsync(page, "el => el.getAttribute('role') === 'treeitem'");
        await Assertions.Expect(rows.First).ToBeFocusedAsync();
        Assert.NotEqual("none", await rows.First.EvaluateAsync<string>("el => getComputedStyle(el).outlineStyle"));
        await page.Keyboard.PressAsync("Tab");
        Assert.False(await page.EvaluateAsync<bool>("() => document.activeElement.getAttribute('role') === 'treeitem'"),
            "Tab から抜けられません: 次の Tab も行に止まりました");
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(rows.First).ToBeFocusedAsync();

        // Down, Up, End, Home.
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(rows.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(rows.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(rows.Last).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Assertions.Expect(rows.First).ToBeFocusedAsync();

        // Left closes the open initiative (its rows go), Right opens it again, the next Right moves to its first child.
        var initiative = rows.First;
        var shown = await rows.CountAsync();
        await Assertions.Expect(initiative).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(initiative).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.True(await rows.CountAsync() < shown);
        await Assertions.Expect(initiative).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(initiative).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(rows).ToHaveCountAsync(shown);
        await page.Keyboard.PressAsync("ArrowRight");
        var track = rows.Nth(1);
        await Assertions.Expect(track).ToBeFocusedAsync();
        Assert.Equal("2", await track.GetAttributeAsync("aria-level"));
        // On the open 取組項目, Left closes it; the next Left goes to its parent; Down and Right open it again.
        await Assertions.Expect(track).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(track).ToHaveAttributeAsync("aria-expanded", "false");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(initiative).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(track).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(track).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(rows).ToHaveCountAsync(shown);

        // Down to the first 進行中 step that is on schedule (saving 保留 for it needs no delay reason).
        string? key = null;
        for (var i = 0; i < 80 && key is null; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            key = await page.EvaluateAsync<string?>(
                "() => { const el = document.activeElement; return el.matches('a.milestone.tone-InProgress:not(.late)') ? el.dataset.row : null; }");
        }
        Assert.NotNull(key);
        var row = page.Locator($"[data-testid=gantt] [role=treeitem][data-row='{key}']");
        await Assertions.Expect(row).ToBeFocusedAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("tabindex", "0");
        Assert.Equal(1, await page.Locator("[data-testid=gantt] [role=treeitem][tabindex='0']").CountAsync());
        var title = (await row.Locator(".title").InnerTextAsync()).Trim();

        // Enter opens its editor.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/milestones/{key![1..]}$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await watched.WaitForCircuitAsync();

        // 状態: Tab to the list, open it with Enter, move to 保留 with the arrows, close it with Enter.
        var status = page.Locator("[data-testid=status]");
        await Assertions.Expect(status).ToHaveTextAsync("進行中");
        await TabUntilAsync(page, "el => el.matches('[data-testid=status]')");
        await page.Keyboard.PressAsync("Enter");
        var options = page.Locator(".mud-popover-open [role=option]");
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        // Each arrow moves the list's active option one down (the field names it in aria-activedescendant).
        var names = (await options.AllInnerTextsAsync()).Select(text => text.Trim()).ToList();
        var steps = names.IndexOf("保留") - names.IndexOf("進行中");
        Assert.True(steps > 0, "状態の並び: " + string.Join("、", names));
        for (var i = 0; i < steps; i++)
        {
            var before = await status.GetAttributeAsync("aria-activedescendant") ?? "";
            await page.Keyboard.PressAsync("ArrowDown");
            await Assertions.Expect(status).Not.ToHaveAttributeAsync("aria-activedescendant", before);
        }
        var active = await status.GetAttributeAsync("aria-activedescendant");
        await Assertions.Expect(page.Locator($"[id='{active}']")).ToHaveTextAsync("保留");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(status).ToHaveTextAsync("保留");
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);

        // Tab on to 保存, Enter; the history records the change.
        await TabUntilAsync(page, "el => el.matches('[data-testid=save]')");
        await page.Keyboard.PressAsync("Enter");
        var entry = page.Locator("[data-testid=history-entry]").First;
        await Assertions.Expect(entry).ToContainTextAsync("保留");
        await Assertions.Expect(entry).ToContainTextAsync(BrowserApp.EditorName);

        // Back to the chart through the side menu (headless Chromium has no Alt+← of its own), where the row now says 保留.
        await ShiftTabUntilAsync(page, "el => el.matches('nav a') && el.textContent.includes('ガントチャート')");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/gantt$"));
        await watched.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator($"[data-testid=gantt] [role=treeitem][data-row='{key}']")).ToHaveClassAsync(new Regex(@"\btone-OnHold\b"));
        await Assertions.Expect(page.Locator($"[data-testid=gantt] .row-marks[data-row='{key}'] > title")).ToContainTextAsync("状態: 保留");
        // A screen reader hears the same on the row: its description reads the bar out.
        await Assertions.Expect(page.Locator($"[data-testid=gantt] [role=treeitem][data-row='{key}']"))
            .ToHaveAccessibleDescriptionAsync(new Regex("状態 保留 進捗 \\d+%。判定 "));
        await Assertions.Expect(page.Locator("[data-testid=inazuma-note]")).ToContainTextAsync("イナズマ線は、基準日");

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    /// <summary>Presses Tab until the focused element matches, failing after a page's worth of stops.</summary>
    private static Task TabUntilAsync(IPage page, string predicate) => MoveUntilAsync(page, "Tab", predicate);

    private static Task ShiftTabUntilAsync(IPage page, string predicate) => MoveUntilAsync(page, "Shift+Tab", predicate);

    private static async Task MoveUntilAsync(IPage page, string key, string predicate)
    {
        var path = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync(key);
            if (await page.EvaluateAsync<bool>($"() => ({predicate})(document.activeElement)"))
            {
                return;
            }
            path.Add(await page.EvaluateAsync<string>(
                $"() => {{ const el = document.activeElement; return el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || '').trim().slice(0, 20); }}"));
        }
        Assert.Fail($"{key} で目的の場所に届きません。通った場所: {string.Join(" → ", path)}");
    }
}
