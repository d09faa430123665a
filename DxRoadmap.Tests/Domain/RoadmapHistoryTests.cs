using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using static DxRoadmap.Tests.Domain.InMemoryRoadmap;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>The roadmap as it stood at the end of a past day, rebuilt from the recorded changes.</summary>
public class RoadmapHistoryTests
{
    private static Milestone AsOf(InMemoryRoadmap roadmap, string day, Milestone milestone) =>
        RoadmapHistory.AsOf(roadmap.Snapshot(), roadmap.History, RoadmapHistory.EndOfDay(Day(day)))
            .Milestones.Single(m => m.Id == milestone.Id);

    /// <summary>A step finished on 2022-08-05 (saved that afternoon), with every field the editor records changed.</summary>
    private static (InMemoryRoadmap Roadmap, Milestone Step) Finished()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-06", "2022-09", MilestoneStatus.Done, 100).With(m =>
        {
            m.Title = "電子申請の開始";
            m.PlannedStart = PlanDate.Parse("2022-07");
            m.PlannedEnd = PlanDate.Parse("2022-08-31");
            m.ActualStart = Day("2022-07-01");
            m.ActualEnd = Day("2022-08-05");
            m.DelayReason = null;
            m.Countermeasure = "職員研修を追加";
            m.Note = "8月5日に開始";
            m.OwnerDepartment = Promotion;
            m.OwnerDepartmentId = Promotion.Id;
            m.RelatedDepartments = ["税務課"];
            m.UpdatedBy = "editor";
            m.UpdatedAt = new DateTimeOffset(2022, 8, 5, 16, 0, 0, TimeSpan.FromHours(9));
        }));
        roadmap.Record(step, "2022-06-10T10:00:00",
            new FieldChange(MilestoneFields.Status, "未着手", "進行中"),
            new FieldChange(MilestoneFields.Progress, "0%", "20%"),
            new FieldChange(MilestoneFields.DelayReason, null, "業者選定の遅れ"));
        roadmap.Record(step, "2022-08-05T16:00:00",
            new FieldChange(MilestoneFields.Status, "進行中", "完了"),
            new FieldChange(MilestoneFields.Progress, "20%", "100%"),
            new FieldChange(MilestoneFields.ActualStart, null, "2022/07/01"),
            new FieldChange(MilestoneFields.ActualEnd, null, "2022/08/05"),
            new FieldChange(MilestoneFields.DelayReason, "業者選定の遅れ", null),
            new FieldChange(MilestoneFields.Countermeasure, null, "職員研修を追加"),
            new FieldChange(MilestoneFields.Note, "7月開始予定", "8月5日に開始"),
            new FieldChange(MilestoneFields.Title, "電子申請の準備", "電子申請の開始"),
            new FieldChange(MilestoneFields.PlannedStart, "2022-06", "2022-07"),
            new FieldChange(MilestoneFields.PlannedEnd, "2022-09", "2022-08-31"),
            new FieldChange(MilestoneFields.Owner, "市民課", "デジタル行政推進課"));
        return (roadmap, step);
    }

    [Fact]
    public void OnTheDayOfTheChange_TheChangeIsKnown()
    {
        var (roadmap, step) = Finished();
        var then = AsOf(roadmap, "2022-08-05", step);
        Assert.Same(step, then);
    }

    [Fact]
    public void TheDayBefore_EveryRecordedFieldIsAsItWas()
    {
        var (roadmap, step) = Finished();
        var then = AsOf(roadmap, "2022-08-04", step);

        Assert.Equal(MilestoneStatus.InProgress, then.Status);
        Assert.Equal(20, then.Progress);
        Assert.Null(then.ActualStart);
        Assert.Null(then.ActualEnd);
        Assert.Equal("業者選定の遅れ", then.DelayReason);
        Assert.Null(then.Countermeasure);
        Assert.Equal("7月開始予定", then.Note);
        Assert.Equal("電子申請の準備", then.Title);
        Assert.Equal(PlanDate.Parse("2022-06"), then.PlannedStart);
        Assert.Equal(PlanDate.Parse("2022-09"), then.PlannedEnd);
        Assert.Equal("市民課", then.OwnerName);
        Assert.Equal(Citizens.Id, then.OwnerDepartmentId);
        // The stale rule reads the last update before that day.
        Assert.Equal(new DateTimeOffset(2022, 6, 10, 10, 0, 0, TimeSpan.FromHours(9)), then.UpdatedAt);
        Assert.Equal("editor", then.UpdatedBy);
    }

    [Fact]
    public void BeforeAnyChange_NothingWasRecorded_AndTheUndoneValuesAreTheFirstOnes()
    {
        var (roadmap, step) = Finished();
        var then = AsOf(roadmap, "2022-06-09", step);
        Assert.Equal(MilestoneStatus.NotStarted, then.Status);
        Assert.Equal(0, then.Progress);
        Assert.Null(then.DelayReason);
        Assert.Null(then.UpdatedAt);
        Assert.Null(then.UpdatedBy);
    }

    [Fact]
    public void TheRebuiltStep_KeepsEverythingNoChangeTouched()
    {
        var (roadmap, step) = Finished();
        var then = AsOf(roadmap, "2022-08-04", step);
        Assert.NotSame(step, then);
        Assert.Equal((step.Id, step.Code, step.TrackId, step.Kind, step.Order, step.Version), (then.Id, then.Code, then.TrackId, then.Kind, then.Order, then.Version));
        Assert.Equal((step.BaselineStart, step.BaselineEnd), (then.BaselineStart, then.BaselineEnd));
        Assert.Equal((step.OpenEnded, step.Deadline, step.RecurringYearly, step.ExternalActor, step.Source),
            (then.OpenEnded, then.Deadline, then.RecurringYearly, then.ExternalActor, then.Source));
        Assert.Equal(["税務課"], then.RelatedDepartments);
        Assert.NotSame(step.RelatedDepartments, then.RelatedDepartments);
        // The loaded roadmap is untouched.
        Assert.Equal((MilestoneStatus.Done, 100, "電子申請の開始"), (step.Status, step.Progress, step.Title));
    }

    [Fact]
    public void ChangeAtTheLastMomentOfTheDay_IsPartOfThatDay()
    {
        var (roadmap, step) = Finished();
        roadmap.Record(step, "2022-08-06T23:59:59.9999999", new FieldChange(MilestoneFields.Note, "8月5日に開始", "最終確認済み"));
        step.Note = "最終確認済み";
        roadmap.Record(step, "2022-08-07T00:00:00", new FieldChange(MilestoneFields.Countermeasure, "職員研修を追加", null));
        step.Countermeasure = null;
        var endOfSixth = AsOf(roadmap, "2022-08-06", step);
        Assert.Equal(("最終確認済み", "職員研修を追加"), (endOfSixth.Note, endOfSixth.Countermeasure));
        Assert.Equal(new DateTimeOffset(2022, 8, 6, 23, 59, 59, TimeSpan.FromHours(9)).AddTicks(9_999_999), endOfSixth.UpdatedAt);
        Assert.Equal("8月5日に開始", AsOf(roadmap, "2022-08-05", step).Note);
        Assert.Equal(new DateTimeOffset(2022, 8, 6, 23, 59, 59, TimeSpan.FromHours(9)).AddTicks(9_999_999),
            RoadmapHistory.EndOfDay(Day("2022-08-06")));
    }

    [Fact]
    public void SeveralLaterChangesToOneField_AreUndoneNewestFirst()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03", MilestoneStatus.InProgress, 60));
        roadmap.Record(step, "2022-04-10T10:00:00", new FieldChange(MilestoneFields.Status, "未着手", "進行中"));
        roadmap.Record(step, "2022-05-01T10:00:00", new FieldChange(MilestoneFields.Progress, "10%", "30%"));
        roadmap.Record(step, "2022-06-01T10:00:00", new FieldChange(MilestoneFields.Progress, "30%", "60%"));
        Assert.Equal(10, AsOf(roadmap, "2022-04-30", step).Progress);
        Assert.Equal(30, AsOf(roadmap, "2022-05-31", step).Progress);
        Assert.Equal(new DateTimeOffset(2022, 5, 1, 10, 0, 0, TimeSpan.FromHours(9)), AsOf(roadmap, "2022-05-31", step).UpdatedAt);
    }

    [Fact]
    public void TwoChangesSavedAtTheSameMoment_AreUndoneLatestRecordedFirst()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03", MilestoneStatus.InProgress, 60));
        roadmap.Record(step, "2022-05-01T10:00:00", new FieldChange(MilestoneFields.Progress, "10%", "30%"));
        roadmap.Record(step, "2022-05-01T10:00:00", new FieldChange(MilestoneFields.Progress, "30%", "60%"));
        Assert.Equal(10, AsOf(roadmap, "2022-04-30", step).Progress);
    }

    [Fact]
    public void AnOldValueThatNoLongerReads_KeepsTheCurrentValue()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03", MilestoneStatus.Done, 100)
            .With(m => m.ActualEnd = Day("2022-12-01")));
        roadmap.Record(step, "2022-12-01T10:00:00",
            new FieldChange(MilestoneFields.Status, "済", "完了"),
            new FieldChange(MilestoneFields.Progress, "半分", "100%"),
            new FieldChange(MilestoneFields.ActualEnd, "令和4年11月", "2022/12/01"),
            new FieldChange(MilestoneFields.ActualStart, "2022-11-01", null),
            new FieldChange(MilestoneFields.PlannedEnd, "令和5年3月", "2023-03"),
            new FieldChange(MilestoneFields.PlannedStart, "4月", "2022-04"),
            new FieldChange(MilestoneFields.Owner, "廃止された課", "市民課"),
            new FieldChange(MilestoneFields.Owner, null, "市民課"),
            new FieldChange(MilestoneFields.Title, null, "テスト工程"),
            new FieldChange("不明な項目", "x", "y"));
        var then = AsOf(roadmap, "2022-11-30", step);
        Assert.Equal(MilestoneStatus.Done, then.Status);
        Assert.Equal(100, then.Progress);
        Assert.Equal(Day("2022-12-01"), then.ActualEnd);
        Assert.Null(then.ActualStart);
        Assert.Equal(PlanDate.Parse("2023-03"), then.PlannedEnd);
        Assert.Equal(PlanDate.Parse("2022-04"), then.PlannedStart);
        Assert.Equal("市民課", then.OwnerName);
        Assert.Equal("テスト工程", then.Title);
    }

    [Fact]
    public void AnEmptyOldValue_MeansNone()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03", MilestoneStatus.InProgress, 40));
        roadmap.Record(step, "2022-05-01T10:00:00",
            new FieldChange(MilestoneFields.Status, null, "進行中"),
            new FieldChange(MilestoneFields.Progress, null, "40%"),
            new FieldChange(MilestoneFields.PlannedStart, null, "2022-04"),
            new FieldChange(MilestoneFields.PlannedEnd, null, "2023-03"));
        var then = AsOf(roadmap, "2022-04-30", step);
        Assert.Equal(MilestoneStatus.NotStarted, then.Status);
        Assert.Equal(0, then.Progress);
        Assert.Null(then.PlannedStart);
        Assert.Null(then.PlannedEnd);
    }

    [Fact]
    public void ARecordedDay_IsReadBackAsWritten()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03", MilestoneStatus.Done, 100)
            .With(m => (m.ActualStart, m.ActualEnd) = (Day("2022-04-05"), Day("2022-12-20"))));
        roadmap.Record(step, "2022-12-20T10:00:00",
            new FieldChange(MilestoneFields.ActualStart, "2022/04/01", "2022/04/05"),
            new FieldChange(MilestoneFields.ActualEnd, "2022/11/30", "2022/12/20"));
        var then = AsOf(roadmap, "2022-12-19", step);
        Assert.Equal((Day("2022-04-01"), Day("2022-11-30")), (then.ActualStart!.Value, then.ActualEnd!.Value));
    }

    [Fact]
    public void OtherMilestones_AreReturnedAsTheyAre()
    {
        var (roadmap, step) = Finished();
        var untouched = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03"));
        var snapshot = roadmap.Snapshot();
        var then = RoadmapHistory.AsOf(snapshot, roadmap.History, RoadmapHistory.EndOfDay(Day("2022-08-04")));
        Assert.Same(untouched, then.Milestones.Single(m => m.Id == untouched.Id));
        Assert.Equal([step.Id, untouched.Id], then.Milestones.Select(m => m.Id));
        Assert.Same(snapshot.Departments, then.Departments);
    }

    [Fact]
    public void NothingRecordedLater_ReturnsTheSameRoadmap()
    {
        var (roadmap, _) = Finished();
        var snapshot = roadmap.Snapshot();
        Assert.Same(snapshot, RoadmapHistory.AsOf(snapshot, roadmap.History, RoadmapHistory.EndOfDay(Day("2022-08-05"))));
    }

    [Theory]
    [InlineData("2022-05-09", 0)]
    [InlineData("2022-05-10", 1)] // finished on the day itself
    [InlineData("2022-05-11", 2)]
    public void StandardisationSteps_CountOnlyWhenFinishedByTheEndOfTheDay(string day, int finished)
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.StepChanges.Add(Change(1, 1, "2022-05-10"));
        roadmap.StepChanges.Add(Change(2, 2, "2022-05-11"));
        var then = RoadmapHistory.AsOf(roadmap.Snapshot(), [], RoadmapHistory.EndOfDay(Day(day)));
        Assert.Equal(finished, then.StandardChanges.Count);
    }

    [Fact]
    public void StandardisationSteps_AreCutAtTheJapaneseDay_EvenForAMomentGivenInUtc()
    {
        // 2022-05-10 23:00 JST written as 14:00 UTC: the step finished on the 10th counts, the 11th's does not.
        var roadmap = new InMemoryRoadmap();
        roadmap.StepChanges.Add(Change(1, 1, "2022-05-10"));
        roadmap.StepChanges.Add(Change(2, 2, "2022-05-11"));
        var utc = new DateTimeOffset(2022, 5, 10, 14, 0, 0, TimeSpan.Zero);
        Assert.Single(RoadmapHistory.AsOf(roadmap.Snapshot(), [], utc).StandardChanges);
        // 2022-05-11 01:00 JST written as 16:00 UTC on the 10th: both count.
        var nextDay = new DateTimeOffset(2022, 5, 10, 16, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, RoadmapHistory.AsOf(roadmap.Snapshot(), [], nextDay).StandardChanges.Count);
    }

    private static StandardStepChange Change(long id, int step, string day) =>
        new() { Id = id, SystemId = 1, StepId = step, Status = StepStatus.Done, ChangedOn = Day(day), ChangedBy = "editor" };
}
