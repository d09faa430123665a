using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using DxRoadmap.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DxRoadmap.Tests.EndToEnd;

/// <summary>What the page offers each role: the service refuses as well, but a user should not be offered a button that fails.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task DepartmentHead_CanSaveOwnMilestones_ButIsOfferedNoSaveOnAnother課s()
    {
        // The plan gives every milestone to デジタル行政推進課; hand one to the head's 課 so there is one to edit.
        var roadmap = await RoadmapAsync();
        var headDepartment = roadmap.Departments.Single(d => d.Name == BrowserApp.HeadDepartment).Id;
        var own = roadmap.Milestones.Last(m => !m.IsExternal);
        await GiveToAsync(own.Id, headDepartment);
        var other = roadmap.Milestones.First(m => !m.IsExternal && m.OwnerDepartmentId != headDepartment && m.Id != own.Id);
        var otherOwner = roadmap.Departments.Single(d => d.Id == other.OwnerDepartmentId).Name;
        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.HeadName);

        await OpenMilestoneAsync(watched, own);
        await Assertions.Expect(SaveButton(page)).ToBeEnabledAsync();

        await OpenMilestoneAsync(watched, other);
        await Assertions.Expect(page.GetByText(otherOwner).First).ToBeVisibleAsync();
        await Assertions.Expect(EnabledSaveButtons(page)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "計画を変更" })).ToHaveCountAsync(0);

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    [Fact]
    public async Task Viewer_IsOfferedNoEditControls_OnAMilestoneOrTheProcedures()
    {
        var milestone = (await RoadmapAsync()).Milestones.First(m => !m.IsExternal);

        // An editor has the procedure edit buttons, so their absence below is the viewer's role, not a renamed button.
        await using (var editor = await app.NewPageAsync())
        {
            await editor.LoginAsync(BrowserApp.EditorName);
            await editor.GotoAsync("/procedures");
            await Assertions.Expect(ProcedureEditButtons(editor.Page).First).ToBeVisibleAsync();
        }

        await using var watched = await app.NewPageAsync();
        var page = watched.Page;
        await watched.LoginAsync(BrowserApp.ViewerName);

        await OpenMilestoneAsync(watched, milestone);
        await Assertions.Expect(EnabledSaveButtons(page)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "計画を変更" })).ToHaveCountAsync(0);

        await watched.GotoAsync("/procedures");
        await Assertions.Expect(page.Locator("[data-testid=procedures] tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(ProcedureEditButtons(page)).ToHaveCountAsync(0);

        watched.AssertNothingLeftTheMachineAndNoErrors();
    }

    private async Task<RoadmapSnapshot> RoadmapAsync()
    {
        app.RequireBrowser();
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoadmapReader>().LoadAsync();
    }

    private async Task GiveToAsync(int milestoneId, int departmentId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RoadmapDbContext>>().CreateDbContextAsync();
        var milestone = await db.Milestones.SingleAsync(m => m.Id == milestoneId);
        milestone.OwnerDepartmentId = departmentId;
        await db.SaveChangesAsync();
    }

    /// <summary>Opens the milestone page and waits until it shows the milestone, so absent controls mean absent, not "not yet loaded".</summary>
    private static async Task OpenMilestoneAsync(WatchedPage watched, Milestone milestone)
    {
        await watched.GotoAsync($"/milestones/{milestone.Id}");
        await Assertions.Expect(watched.Page.Locator("h1")).ToHaveTextAsync(milestone.Title);
    }

    private static ILocator SaveButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true });

    private static ILocator EnabledSaveButtons(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true, Disabled = false });

    private static ILocator ProcedureEditButtons(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("の段階を変更$") });
}
