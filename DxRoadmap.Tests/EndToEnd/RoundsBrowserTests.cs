using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

[Collection(BrowserCollection.Name)]
public sealed class RoundsBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Head_AnswersTheRoundFromTheDashboard_EditorSeesItAnswered()
    {
        app.RequireBrowser();
        int procedureId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync())
        {
            procedureId = await db.Procedures.Where(p => p.Department!.Name == BrowserApp.HeadDepartment)
                .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }
        var rounds = app.Services.GetRequiredService<InquiryRounds>();
        var (opened, roundId) = await rounds.OpenAsync(new OpenRoundInput("令和8年11月 部会 (画面試験)", app.Today, app.Today.AddDays(10),
            [new InquiryTarget(InquiryItemKind.Procedure, procedureId)]), TestUser.Editor(BrowserApp.EditorName));
        Assert.True(opened.Succeeded, opened.Message);

        await using (var head = await app.NewPageAsync())
        {
            var page = head.Page;
            await head.LoginAsync(BrowserApp.HeadName);
            await head.GotoAsync("/");
            var tasks = page.Locator("[data-testid=department-tasks]");
            await Assertions.Expect(tasks).ToContainTextAsync("あなたの課の対応事項");
            var badge = page.Locator("[data-testid=task-badge]");
            Assert.True(int.Parse(await badge.GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1);

            await tasks.GetByRole(AriaRole.Link, new() { Name = "令和8年11月 部会 (画面試験)" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=round-title]")).ToHaveTextAsync("令和8年11月 部会 (画面試験)");
            var row = page.Locator("[data-testid=answer-row]");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await row.Locator("[data-testid=answer-status]").SelectOptionAsync("様式登録");
            await row.Locator("[data-testid=answer-progress]").FillAsync("25");
            await row.Locator("[data-testid=answer-comment]").FillAsync("様式を登録済み、動作検証は12月");
            await page.Locator("[data-testid=answer-submit]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=round-message]")).ToHaveTextAsync("回答済にしました。");
            await Assertions.Expect(row).ToContainTextAsync("様式を登録済み、動作検証は12月");
            await Assertions.Expect(page.Locator("[data-testid=answer-submit]")).ToHaveCountAsync(0);
            head.AssertNothingLeftTheMachineAndNoErrors();
        }

        await using var editor = await app.NewPageAsync();
        await editor.LoginAsync(BrowserApp.EditorName);
        await editor.GotoAsync("/inquiry/rounds");
        await editor.Page.GetByRole(AriaRole.Link, new() { Name = "令和8年11月 部会 (画面試験)" }).ClickAsync();
        var status = editor.Page.Locator($"[data-testid=round-status-row][data-department='{BrowserApp.HeadDepartment}']");
        await Assertions.Expect(status.Locator("[data-testid=response-state]")).ToHaveTextAsync("回答済");
        await Assertions.Expect(status).ToContainTextAsync(BrowserApp.HeadName);
        editor.AssertNothingLeftTheMachineAndNoErrors();

        Assert.True((await rounds.CloseAsync(roundId!.Value, TestUser.Editor(BrowserApp.EditorName))).Succeeded);
    }
}
