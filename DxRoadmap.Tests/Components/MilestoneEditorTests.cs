using Bunit;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Tests.Support;
using DxRoadmap.Web.Components.Pages.Milestones;
using DxRoadmap.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DxRoadmap.Tests.Components;

public class MilestoneEditorTests : ProgressComponentTest
{
    private IRenderedComponent<MilestoneEdit> RenderEditor(int id)
    {
        var cut = Render<MilestoneEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForElement("button[data-testid=save]");
        return cut;
    }

    /// <summary>The message shown under a field: the helper text its input is described by.</summary>
    private static string? MessageAt(IRenderedComponent<MilestoneEdit> cut, string field)
    {
        var input = cut.Find($"[data-testid={field}]");
        return input.GetAttribute("aria-invalid") == "true" && input.GetAttribute("aria-describedby") is { } id
            ? cut.Find($"[id='{id}']").TextContent.Trim()
            : null;
    }

    private static void Save(IRenderedComponent<MilestoneEdit> cut) => cut.Find("form").Submit();

    [Fact]
    public void LateItem_WithoutReason_ShowsTheMessageAtTheReasonField()
    {
        var cut = RenderEditor(Roadmap.Overdue.Id);
        Save(cut);
        Assert.Equal("この工程は期限超過 1日のため、遅延理由を入力してください。", MessageAt(cut, "delay-reason"));
        Assert.Null(MessageAt(cut, "progress"));
    }

    [Fact]
    public void ProgressOutsideZeroToHundred_ShowsTheMessageAtProgress()
    {
        var cut = RenderEditor(Roadmap.OnTrack.Id);
        cut.Find("input[data-testid=progress]").Change("150");
        Save(cut);
        Assert.Equal("進捗率は 0～100 の範囲で入力してください。", MessageAt(cut, "progress"));
    }

    [Fact]
    public void TextOverItsLimit_ShowsTheMessageAtTheField()
    {
        var cut = RenderEditor(Roadmap.OnTrack.Id);
        cut.Find("textarea[data-testid=note]").Input(new string('あ', Milestone.TextMaxLength + 5));
        Save(cut);
        Assert.Equal("備考は1000文字以内で入力してください (現在 1005 文字)。", MessageAt(cut, "note"));
    }

    [Fact]
    public async Task DoneWithoutActualEnd_ShowsTheMessageAtActualEnd()
    {
        await Roadmap.ChangeAsync(Roadmap.OnTrack.Id, m => m.Status = MilestoneStatus.Done);
        var cut = RenderEditor(Roadmap.OnTrack.Id);
        Save(cut);
        Assert.Equal("完了にするには実績終了日を入力してください。", MessageAt(cut, "actual-end"));
    }

    [Fact]
    public async Task EndBeforeStart_ShowsTheMessageAtActualEnd()
    {
        await Roadmap.ChangeAsync(Roadmap.OnTrack.Id, m =>
        {
            m.ActualStart = new DateOnly(2022, 4, 10);
            m.ActualEnd = new DateOnly(2022, 4, 5);
        });
        var cut = RenderEditor(Roadmap.OnTrack.Id);
        Save(cut);
        Assert.Equal("実績終了日は実績開始日より前にできません。", MessageAt(cut, "actual-end"));
    }

    [Fact]
    public async Task ValidSave_AddsOneHistoryEntry_EvenWhenSubmittedTwice()
    {
        var cut = RenderEditor(Roadmap.OnTrack.Id);
        Assert.NotNull(cut.Find("[data-testid=history-empty]"));
        cut.Find("input[data-testid=progress]").Change("20");
        cut.Find("input[data-testid=comment]").Input("4月定例で確認");

        Save(cut);
        cut.WaitForElement("[data-testid=history-entry]");
        Save(cut);

        var entry = Assert.Single(cut.FindAll("[data-testid=history-entry]"));
        Assert.Contains("推進課担当者", entry.TextContent);
        Assert.Contains("「4月定例で確認」", entry.TextContent);
        Assert.Contains("進捗率: 10% → 20%", entry.TextContent);
        Assert.Single(await Roadmap.HistoryAsync(Roadmap.OnTrack.Id));
        Assert.Equal(20, (await Roadmap.ReloadAsync(Roadmap.OnTrack.Id)).Progress);
    }

    [Fact]
    public async Task SaveAfterSomeoneElseSaved_IsRefusedWithAClearMessage()
    {
        var cut = RenderEditor(Roadmap.OnTrack.Id);
        var editing = Services.GetRequiredService<MilestoneEditing>();
        var theirs = (await editing.LoadAsync(Roadmap.OnTrack.Id))!;
        var model = MilestoneEditModel.From(theirs.Milestone);
        model.Progress = 60;
        await editing.SaveAsync(Roadmap.OnTrack.Id, model, theirs.Token, TestUser.Editor("佐藤"));

        cut.Find("input[data-testid=progress]").Change("20");
        Save(cut);

        cut.WaitForAssertion(() => Assert.Contains("他の利用者が先に更新しました", cut.Find("[data-testid=save-error]").TextContent));
        Assert.Equal(60, (await Roadmap.ReloadAsync(Roadmap.OnTrack.Id)).Progress);
    }

    [Fact]
    public void UnknownMilestone_SaysSo()
    {
        var cut = Render<MilestoneEdit>(p => p.Add(x => x.Id, 9999));
        cut.WaitForAssertion(() => Assert.Contains("見つかりません", cut.Find("[data-testid=load-error]").TextContent));
    }
}
