using System.Globalization;
using System.Text.RegularExpressions;
using DxRoadmap.Domain.Schedule;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed partial class GanttBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Gantt_Renders_LateOnlyFiltersIt_AndAnotherAsOfDateRedrawsIt()
    {
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/gantt");

        var milestoneRows = page.Locator("[data-testid=gantt] .gantt-labels a[data-row]");
        var shown = page.Locator(".summary-line .shown");
        await Assertions.Expect(page.Locator("[data-testid=gantt]")).ToBeVisibleAsync();
        var (allShown, total) = Counts(await shown.InnerTextAsync());
        Assert.Equal(total, allShown);
        Assert.Equal(allShown, await milestoneRows.CountAsync());
        var late = LateCount(await page.Locator("[data-testid=late-alert]").InnerTextAsync());
        Assert.InRange(late, 1, total - 1);

        await page.GetByRole(AriaRole.Switch, new() { Name = "遅延のみ" }).ClickAsync();
        await Assertions.Expect(shown).ToHaveTextAsync($"表示 {late}件 / 全{total}件");
        await Assertions.Expect(milestoneRows).ToHaveCountAsync(late);
        await page.GetByRole(AriaRole.Switch, new() { Name = "遅延のみ" }).ClickAsync();
        await Assertions.Expect(milestoneRows).ToHaveCountAsync(total);

        // 状態 (and the other lists): the options are there once the list opens; picking one filters the chart.
        await page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("[data-testid=filter-status]") }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "完了" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=filter-status]")).ToHaveValueAsync("完了");
        var (done, _) = Counts(await shown.InnerTextAsync());
        Assert.InRange(done, 1, total - 1);
        await Assertions.Expect(milestoneRows).ToHaveCountAsync(done);
        await page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("[data-testid=filter-status]") })
            .Locator("button[aria-label]").First.ClickAsync();                  // the clear button
        await Assertions.Expect(milestoneRows).ToHaveCountAsync(total);
        // From the keyboard: a focused list opens on Enter with its options.
        await page.Locator("[data-testid=filter-initiative]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(5);
        await page.Keyboard.PressAsync("Escape");

        // Type the first day of the previous month into the as-of field, as a keyboard user does.
        var inazuma = await page.Locator("[data-testid=inazuma]").GetAttributeAsync("points");
        var firstOfLastMonth = new DateOnly(app.Today.Year, app.Today.Month, 1).AddMonths(-1);
        var asOf = page.Locator("[data-testid=as-of]");
        await asOf.FillAsync(JapaneseDates.WesternDay(firstOfLastMonth));
        await asOf.PressAsync("Tab");

        await Assertions.Expect(page.Locator(".gantt-title")).ToContainTextAsync("基準日 " + JapaneseDates.Day(firstOfLastMonth));
        await Assertions.Expect(page.Locator("[data-testid=past-note]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=inazuma]")).Not.ToHaveAttributeAsync("points", inazuma!);

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    [Fact]
    public async Task Gantt_PrintsOnA3Landscape_WithoutTheAppsMenus()
    {
        var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.EditorName);
        await watched.GotoAsync("/gantt");
        await Assertions.Expect(page.Locator("[data-testid=inazuma]")).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });
        if (Environment.GetEnvironmentVariable("DXROADMAP_PRINT_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllBytesAsync(path, pdf); // for looking at the print by eye
        }

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        // A3 landscape is 420 × 297 mm: 1190.6 × 841.9 points.
        Assert.All(pages, p =>
        {
            Assert.InRange(p.Width, 1185, 1196);
            Assert.InRange(p.Height, 836, 847);
        });
        var text = string.Concat(pages.Select(p => p.Text));
        Assert.Contains("令和8年度", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ログアウト", text, StringComparison.Ordinal);   // the app bar is not printed
        Assert.DoesNotContain("課別ビュー", text, StringComparison.Ordinal);   // nor the menu
        await page.Context.CloseAsync();
    }

    private static (int Shown, int Total) Counts(string text)
    {
        var match = ShownPattern().Match(text);
        Assert.True(match.Success, text);
        return (Number(match.Groups[1].Value), Number(match.Groups[2].Value));
    }

    private static int LateCount(string text) => Number(LatePattern().Match(text).Groups[1].Value);

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"表示 (\d+)件 / 全(\d+)件")]
    private static partial Regex ShownPattern();

    [GeneratedRegex(@"遅延・着手遅れ (\d+)件")]
    private static partial Regex LatePattern();
}
