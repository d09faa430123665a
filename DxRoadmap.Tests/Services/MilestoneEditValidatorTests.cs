using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Web.Services;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Services;

public class MilestoneEditValidatorTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Check(Milestone milestone, Action<MilestoneEditModel> edit,
        string today = "2022-04-01")
    {
        var model = MilestoneEditModel.From(milestone);
        edit(model);
        return MilestoneEditValidator.Validate(milestone, model, Day(today), DelayThresholds.Default);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void Progress_OutsideZeroToHundred_IsRefused(int progress, bool refused)
    {
        var errors = Check(Span("2022-04", "2023-03", MilestoneStatus.InProgress), m => m.Progress = progress);
        Assert.Equal(refused, errors.ContainsKey(nameof(MilestoneEditModel.Progress)));
    }

    [Fact]
    public void ActualEnd_BeforeStart_IsRefused_SameDayIsFine()
    {
        var step = Span("2022-04", "2023-03", MilestoneStatus.InProgress);
        var before = Check(step, m => { m.ActualStart = new DateTime(2022, 5, 10); m.ActualEnd = new DateTime(2022, 5, 9); });
        var same = Check(step, m => { m.ActualStart = new DateTime(2022, 5, 10); m.ActualEnd = new DateTime(2022, 5, 10); });
        Assert.Equal(["実績終了日は実績開始日より前にできません。"], before[nameof(MilestoneEditModel.ActualEnd)]);
        Assert.Empty(same);
    }

    [Fact]
    public void Text_OverItsLimit_IsRefused_AtTheLimitIsFine()
    {
        var step = Span("2022-04", "2023-03", MilestoneStatus.InProgress);
        var over = Check(step, m => m.Countermeasure = new string('あ', Milestone.TextMaxLength + 1));
        var at = Check(step, m => m.Countermeasure = new string('あ', Milestone.TextMaxLength));
        Assert.Equal(["対応策は1000文字以内で入力してください (現在 1001 文字)。"], over[nameof(MilestoneEditModel.Countermeasure)]);
        Assert.Empty(at);
    }

    [Fact]
    public void Done_WithoutActualEnd_IsRefused()
    {
        var errors = Check(Span("2022-04", "2023-03", MilestoneStatus.InProgress), m => m.Status = MilestoneStatus.Done);
        Assert.Equal(["完了にするには実績終了日を入力してください。"], errors[nameof(MilestoneEditModel.ActualEnd)]);
    }

    [Fact]
    public void LateItem_WithoutReason_IsRefused_OnTheFirstLateDayOnly()
    {
        var step = Span("2021-10", "2022-03", MilestoneStatus.InProgress, 50);
        var lastDay = Check(step, _ => { }, today: "2022-03-31");
        var firstLateDay = Check(step, _ => { }, today: "2022-04-01");
        var withReason = Check(step, m => m.DelayReason = "業者の納期遅れ", today: "2022-04-01");
        Assert.Empty(lastDay);
        Assert.Equal(["この工程は期限超過 1日のため、遅延理由を入力してください。"], firstLateDay[nameof(MilestoneEditModel.DelayReason)]);
        Assert.Empty(withReason);
    }

    [Fact]
    public void LateStart_WithoutReason_IsRefused()
    {
        var errors = Check(Span("2022-02", "2022-12"), _ => { });
        Assert.Contains("着手遅れ", Assert.Single(errors[nameof(MilestoneEditModel.DelayReason)]));
    }

    [Fact]
    public void ExternalEvent_NeverNeedsAReason()
    {
        var step = Point("2021-06").With(m => m.ExternalActor = "総務省");
        Assert.Empty(Check(step, _ => { }));
    }
}
