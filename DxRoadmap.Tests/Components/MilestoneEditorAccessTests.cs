using Bunit;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Alerts;
using DxRoadmap.Web.Components.Pages.Milestones;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

/// <summary>The editor as each role sees it, the conflict panel, and hostile or unusual text on screen.</summary>
public class MilestoneEditorAccessTests : ProgressComponentTest
{
    private const string Hostile = "<script>alert('x')</script><b>太字</b><img src=x onerror=alert(1)>";
    private const string Unusual = "𠮷野家と葛󠄀城市";

    private void SignInAs(TestUser user) => Services.AddScoped<ICurrentUser>(_ => user);

    private IRenderedComponent<MilestoneEdit> Open(int id)
    {
        var cut = Render<MilestoneEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("h1")));
        return cut;
    }

    private async Task SaveAsSomeoneElseAsync(int id, Action<MilestoneEditModel> change)
    {
        var editing = Services.GetRequiredService<MilestoneEditing>();
        var theirs = (await editing.LoadAsync(id))!;
        var model = MilestoneEditModel.From(theirs.Milestone);
        change(model);
        var result = await editing.SaveAsync(id, model, theirs.Token, TestUser.Editor("佐藤"));
        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void Viewer_SeesTheValuesButNoForm()
    {
        SignInAs(TestUser.Viewer());
        var cut = Open(Roadmap.OnTrack.Id);
        Assert.Empty(cut.FindAll("button[data-testid=save]"));
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("[data-testid=edit-plan]"));
        Assert.Contains("閲覧のみ", cut.Find("[data-testid=read-only]").TextContent);
        Assert.Contains("10%", cut.Find("[data-testid=progress-readonly]").TextContent);
    }

    [Fact]
    public void DepartmentHead_EditsOwnMilestone_ButNotAnotherDepartments()
    {
        SignInAs(TestUser.Head(Roadmap.CitizensDepartment.Id, SmallRoadmap.Citizens));
        var own = Open(Roadmap.OnTrack.Id);
        Assert.NotNull(own.Find("button[data-testid=save]"));
        Assert.Empty(own.FindAll("[data-testid=edit-plan]"));

        var other = Open(Roadmap.Overdue.Id);
        Assert.Empty(other.FindAll("button[data-testid=save]"));
        Assert.Contains("主管課は 推進課", other.Find("[data-testid=read-only]").TextContent);
    }

    [Fact]
    public async Task Conflict_ShowsWhatTheOtherPersonChanged_ThenReloadShowsTheLatest()
    {
        var cut = Open(Roadmap.OnTrack.Id);
        await SaveAsSomeoneElseAsync(Roadmap.OnTrack.Id, m => m.Progress = 60);

        cut.Find("input[data-testid=progress]").Change("20");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("佐藤", cut.Find("[data-testid=conflict-entry]").TextContent));
        Assert.Contains("進捗率: 10% → 60%", cut.Find("[data-testid=conflict-entry]").TextContent);
        Assert.True(cut.Find("button[data-testid=save]").HasAttribute("disabled"));

        cut.Find("button[data-testid=reload]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=conflict]")));
        Assert.Equal("60", cut.Find("input[data-testid=progress]").GetAttribute("value"));
        Assert.Equal(60, (await Roadmap.ReloadAsync(Roadmap.OnTrack.Id)).Progress);
    }

    [Fact]
    public async Task Conflict_Overwrite_AppliesOnlyMyFieldsOnTheLatestVersion()
    {
        var cut = Open(Roadmap.OnTrack.Id);
        await SaveAsSomeoneElseAsync(Roadmap.OnTrack.Id, m => m.Note = "佐藤のメモ");

        cut.Find("input[data-testid=progress]").Change("20");
        cut.Find("form").Submit();
        cut.WaitForElement("button[data-testid=overwrite]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=conflict]")));
        var saved = await Roadmap.ReloadAsync(Roadmap.OnTrack.Id);
        Assert.Equal((20, "佐藤のメモ", TestUser.EditorName), (saved.Progress, saved.Note, saved.UpdatedBy));
        Assert.Equal(2, (await Roadmap.HistoryAsync(Roadmap.OnTrack.Id)).Count);
    }

    [Fact]
    public async Task SavingAMilestoneDeletedMeanwhile_SaysSo()
    {
        var cut = Open(Roadmap.OnTrack.Id);
        Assert.True((await Roadmap.Maintenance().DeleteMilestoneAsync(Roadmap.OnTrack.Id, TestUser.Editor())).Succeeded);

        cut.Find("input[data-testid=progress]").Change("20");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(MilestoneEditing.DeletedMessage, cut.Find("[data-testid=save-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("button[data-testid=save]"));
        Assert.Null(await Roadmap.Editing("2022-04-01").LoadAsync(Roadmap.OnTrack.Id));
    }

    private async Task StoreInEveryTextFieldAsync(string text)
    {
        await Roadmap.ChangeAsync(Roadmap.Overdue.Id, m => m.Title = text);
        await SaveAsSomeoneElseAsync(Roadmap.Overdue.Id, m =>
        {
            m.DelayReason = text;
            m.Countermeasure = text;
            m.Note = text;
            m.Comment = text;
        });
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("viewer")]
    public async Task ScriptAndHtml_InEveryTextField_AreShownAsText(string who)
    {
        SignInAs(who == "viewer" ? TestUser.Viewer() : TestUser.Editor());
        await StoreInEveryTextFieldAsync(Hostile);

        var cut = Open(Roadmap.Overdue.Id);

        Assert.Empty(cut.FindAll("script"));
        Assert.DoesNotContain(cut.FindAll("b"), b => b.TextContent == "太字");
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;&lt;b&gt;太字&lt;/b&gt;", cut.Markup);
        Assert.Contains(Hostile, cut.Find("h1").TextContent);
        Assert.Contains(Hostile, cut.Find("[data-testid=history-entry]").TextContent);
        if (who == "viewer")
        {
            Assert.Equal(Hostile, cut.Find("[data-testid=note-text]").TextContent);
            Assert.Equal(Hostile, cut.Find("[data-testid=delay-reason-text]").TextContent);
        }
        else
        {
            Assert.Equal(Hostile, cut.Find("textarea[data-testid=note]").GetAttribute("value") ?? cut.Find("textarea[data-testid=note]").TextContent);
        }
    }

    [Fact]
    public async Task ScriptAndHtml_InTheAlertList_AreShownAsText()
    {
        await StoreInEveryTextFieldAsync(Hostile);
        var cut = Render<Alerts>();
        cut.WaitForAssertion(() => Assert.Contains("&lt;script&gt;", cut.Markup));
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
    }

    [Fact]
    public async Task SurrogatePairsAndVariationSelectors_ReachThePageUnchanged()
    {
        SignInAs(TestUser.Viewer());
        await StoreInEveryTextFieldAsync(Unusual);

        var cut = Open(Roadmap.Overdue.Id);

        Assert.Equal(Unusual, cut.Find("h1").TextContent.Trim());
        Assert.Equal(Unusual, cut.Find("[data-testid=note-text]").TextContent);
        Assert.Contains($"「{Unusual}」", cut.Find("[data-testid=history-entry]").TextContent);
        Assert.Contains("\U000E0100", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("\U00020BB7", cut.Markup, StringComparison.Ordinal);
    }
}
