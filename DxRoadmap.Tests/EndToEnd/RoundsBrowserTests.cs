using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
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

    [Fact]
    public async Task Head_AnswersTheirMilestone_WithDatesAndReason_AndClosingAppliesItToTheMilestone()
    {
        app.RequireBrowser();
        var factory = app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>();
        Milestone original;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var head = await db.Departments.SingleAsync(d => d.Name == BrowserApp.HeadDepartment);
            original = await db.Milestones.AsNoTracking()
                .Where(m => m.ExternalActor == null && m.Code.StartsWith("5.4") && m.ActualStart == null && m.ActualEnd == null)
                .OrderBy(m => m.Id).FirstAsync();
            await db.Milestones.Where(m => m.Id == original.Id).ExecuteUpdateAsync(set => set.SetProperty(m => m.OwnerDepartmentId, head.Id));
        }
        var rounds = app.Services.GetRequiredService<InquiryRounds>();
        const string name = "令和8年度第2回 進捗照会 (画面試験)";
        var (opened, roundId) = await rounds.OpenAsync(new OpenRoundInput(name, app.Today, app.Today.AddDays(10),
            [new InquiryTarget(InquiryItemKind.Milestone, original.Id)]), TestUser.Editor(BrowserApp.EditorName));
        Assert.True(opened.Succeeded, opened.Message);
        try
        {
            await using (var head = await app.NewPageAsync())
            {
                var page = head.Page;
                await head.LoginAsync(BrowserApp.HeadName);
                await head.GotoAsync($"/inquiry/rounds/{roundId}");
                var row = page.Locator("[data-testid=answer-row]");
                await Assertions.Expect(row).ToHaveCountAsync(1);
                await row.Locator("[data-testid=answer-status]").SelectOptionAsync("進行中");
                await row.Locator("[data-testid=answer-progress]").FillAsync("45");
                var details = page.Locator("[data-testid=answer-milestone]");
                await details.Locator("[data-testid=answer-actual-start]").FillAsync("2026-04-01");
                await details.Locator("[data-testid=answer-reason]").FillAsync("事業者との調整に時間を要した");
                await details.Locator("[data-testid=answer-countermeasure]").FillAsync("12月に仕様を確定する");
                await page.Locator("[data-testid=answer-submit]").ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=round-message]")).ToHaveTextAsync("回答済にしました。");
                await Assertions.Expect(details).ToContainTextAsync("事業者との調整に時間を要した");
                head.AssertNothingLeftTheMachineAndNoErrors();
            }

            // Until 推進課 closes the round, the milestone is as it was.
            await using (var db = await factory.CreateDbContextAsync())
            {
                Assert.Equal(original.Progress, (await db.Milestones.SingleAsync(m => m.Id == original.Id)).Progress);
            }

            await using (var editor = await app.NewPageAsync())
            {
                await editor.LoginAsync(BrowserApp.EditorName);
                await editor.GotoAsync($"/inquiry/rounds/{roundId}");
                await editor.Page.Locator("[data-testid=round-close]").ClickAsync();
                await Assertions.Expect(editor.Page.Locator("[data-testid=round-message]")).ToHaveTextAsync($"照会「{name}」を締め切りました。");
                editor.AssertNothingLeftTheMachineAndNoErrors();
            }
            await using (var db = await factory.CreateDbContextAsync())
            {
                var applied = await db.Milestones.SingleAsync(m => m.Id == original.Id);
                Assert.Equal((MilestoneStatus.InProgress, 45, new DateOnly(2026, 4, 1), "事業者との調整に時間を要した", "12月に仕様を確定する"),
                    (applied.Status, applied.Progress, applied.ActualStart, applied.DelayReason, applied.Countermeasure));
            }
        }
        finally
        {
            await rounds.CloseAsync(roundId!.Value, TestUser.Editor(BrowserApp.EditorName));
            // Other browser tests read this milestone as the sample left it.
            await using var db = await factory.CreateDbContextAsync();
            await db.Milestones.Where(m => m.Id == original.Id).ExecuteUpdateAsync(set => set
                .SetProperty(m => m.OwnerDepartmentId, original.OwnerDepartmentId)
                .SetProperty(m => m.Status, original.Status)
                .SetProperty(m => m.Progress, original.Progress)
                .SetProperty(m => m.ActualStart, original.ActualStart)
                .SetProperty(m => m.DelayReason, original.DelayReason)
                .SetProperty(m => m.Countermeasure, original.Countermeasure));
        }
    }
}
