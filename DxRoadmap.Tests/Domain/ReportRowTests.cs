using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using static DxRoadmap.Tests.Domain.InMemoryRoadmap;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>What the report's 課 rows, item states and 増減 count, on a roadmap small enough to count by hand.</summary>
public class ReportRowTests
{
    private static CommitteeReport Report(InMemoryRoadmap roadmap, string asOf, ReportScope? scope = null, string? since = null) =>
        ReportBuilder.Build(roadmap.Snapshot(), roadmap.History,
            new ReportRequest(Day(asOf), scope ?? ReportScope.All, since is null ? null : Day(since), DelayThresholds.Default));

    /// <summary>
    /// On 2022-04-01. 推進課 owns: 遅延 (due 2022-03), 完了, 中止, and 要注意 naming 市民課 as related.
    /// 市民課 owns: 着手遅れ (from 2022-02), 予定 (from 2022-06). A 国 event is owned by 推進課 and names 税務課.
    /// </summary>
    private static InMemoryRoadmap Departments()
    {
        var roadmap = new InMemoryRoadmap();
        var track = roadmap.StandardisationTrack;
        roadmap.Add(track, Promotion, Point("2022-03"));
        roadmap.Add(track, Promotion, Span("2021-04", "2022-03", MilestoneStatus.Done, 100));
        roadmap.Add(track, Promotion, Span("2021-04", "2022-03", MilestoneStatus.Cancelled));
        roadmap.Add(track, Promotion, Span("2021-10", "2022-04", MilestoneStatus.InProgress, 10).With(m =>
        {
            m.RelatedDepartments = [Citizens.Name];
            m.UpdatedAt = new DateTimeOffset(2022, 3, 25, 9, 0, 0, TimeSpan.FromHours(9));
        }));
        roadmap.Add(track, Citizens, Span("2022-02", "2022-12"));
        roadmap.Add(track, Citizens, Span("2022-06", "2023-03"));
        roadmap.Add(track, Promotion, Point("2021-06").With(m =>
        {
            m.ExternalActor = "総務省";
            m.RelatedDepartments = [Tax.Name];
        }));
        return roadmap;
    }

    [Fact]
    public void DepartmentRow_CountsTheItemsItOwnsAndIsNamedOn_NotTheNationsEvents()
    {
        var report = Report(Departments(), "2022-04-01");

        Assert.Equal([Promotion.Name, Citizens.Name], report.Departments.Select(d => d.Name)); // 税務課 has only a 国 event
        var promotion = report.Departments[0];
        Assert.Equal(("総務部", 4, 4), (promotion.Division, promotion.Total, promotion.Owned));
        Assert.Equal((1, 1, 1), (promotion.NotStarted, promotion.InProgress, promotion.Done));
        Assert.Equal((1, 1), (promotion.Late, promotion.Attention));
        Assert.Equal("33%", RoadmapSummary.Percent(promotion.ShareDone)); // 1 of the 3 not cancelled
        Assert.Equal("赤", promotion.SignalLabel);

        var citizens = report.Departments[1];
        Assert.Equal(("市民生活部", 3, 2), (citizens.Division, citizens.Total, citizens.Owned));
        Assert.Equal((2, 1, 0), (citizens.NotStarted, citizens.InProgress, citizens.Done));
        Assert.Equal((1, 1), (citizens.Late, citizens.Attention));
        Assert.Equal(0, citizens.ShareDone);
    }

    [Fact]
    public void DepartmentRow_SignalIsYellowForAttentionOnly_AndBlueOtherwise()
    {
        var roadmap = Departments();
        roadmap.Milestones.RemoveAt(4); // 市民課's late start
        var report = Report(roadmap, "2022-04-01");
        Assert.Equal("黄", report.Departments.Single(d => d.Name == Citizens.Name).SignalLabel);

        roadmap.Milestones.RemoveAt(3); // the at-risk item 市民課 was named on
        report = Report(roadmap, "2022-04-01");
        var citizens = report.Departments.Single(d => d.Name == Citizens.Name);
        Assert.Equal(("青", 1, 0), (citizens.SignalLabel, citizens.Total, citizens.Attention));
    }

    [Fact]
    public void DepartmentRow_WithOnlyCancelledItems_HasNothingDone()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Tax, Span("2021-04", "2022-03", MilestoneStatus.Cancelled));
        var row = Assert.Single(Report(roadmap, "2022-04-01").Departments);
        Assert.Equal((string.Empty, 1, 0.0), (row.Division, row.Total, row.ShareDone));
    }

    [Fact]
    public void DepartmentScope_ShowsOnlyThatDepartmentsRow_AndTheInitiativesItHasItemsIn()
    {
        var roadmap = Departments();
        roadmap.Add(roadmap.OnlineTrack, Promotion, Span("2022-06", "2023-03"));
        var report = Report(roadmap, "2022-04-01", ReportScope.ForDepartment(Citizens.Name));
        Assert.Equal(Citizens.Name, Assert.Single(report.Departments).Name);
        Assert.Equal("5.1", Assert.Single(report.Initiatives).Code);
        Assert.Equal(3, report.Milestones.Count);
    }

    [Fact]
    public void MilestoneState_SaysWhatAUserSeesInTheList()
    {
        var report = Report(Departments(), "2022-04-01");
        Assert.Equal(["期限超過 1日", "完了", "中止", "要注意 残り29日", "着手遅れ 1か月", "予定", "国・県の動き (総務省)"],
            report.Milestones.Select(r => r.State));
        Assert.Equal(["赤", "青", "青", "黄", "赤", "青", "青"], report.Milestones.Select(r => r.SignalLabel));
        Assert.Equal(["5.1-01", "5.1-05"], report.Late.Select(r => r.Code));
    }

    [Fact]
    public void MilestoneState_OfAnItemUnderWayAndOnTrack_Is順調()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03", MilestoneStatus.InProgress, 10));
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03"));
        roadmap.Add(roadmap.OnlineTrack, Citizens, OpenEnded("2022-05").With(m =>
            m.UpdatedAt = new DateTimeOffset(2022, 4, 1, 9, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal(["順調", "順調", "予定"], Report(roadmap, "2022-04-01").Milestones.Select(r => r.State));
    }

    [Fact]
    public void InitiativeRow_CountsAndGradesItsOwnItems()
    {
        var report = Report(Departments(), "2022-04-01");
        Assert.Equal(["5.1", "5.2"], report.Initiatives.Select(r => r.Code)); // the whole plan: 5.2 too, with nothing in it
        var row = report.Initiatives[0];
        Assert.Equal(("5.1", 7, 1), (row.Code, row.Total, row.External));
        Assert.Equal((3, 1, 1, 0, 1), (row.NotStarted, row.InProgress, row.Done, row.OnHold, row.Cancelled));
        Assert.Equal((1, 1, 1, 0, 2), (row.Overdue, row.LateStart, row.AtRisk, row.Stale, row.Late));
        Assert.Equal("C 遅れ", row.EvaluationLabel); // 2 of 5 late
        Assert.Equal("赤", row.SignalLabel);
    }

    [Fact]
    public void Changes_SayWhatMovedSinceThePreviousMeeting()
    {
        var roadmap = new InMemoryRoadmap();
        var finished = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2022-09", MilestoneStatus.Done, 100));
        roadmap.Record(finished, "2022-09-20T10:00:00",
            new FieldChange(MilestoneFields.Status, "進行中", "完了"),
            new FieldChange(MilestoneFields.Progress, "40%", "100%"));
        var slipped = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2022-09", MilestoneStatus.InProgress, 50)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 9, 1, 9, 0, 0, TimeSpan.FromHours(9))));
        roadmap.Record(slipped, "2022-09-01T09:00:00", new FieldChange(MilestoneFields.Progress, "30%", "50%"));
        var same = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03", MilestoneStatus.InProgress, 50)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 9, 1, 9, 0, 0, TimeSpan.FromHours(9))));

        var report = Report(roadmap, "2022-10-01", since: "2022-09-15");

        var changes = Assert.IsType<ChangeSection>(report.Changes);
        Assert.Equal("令和4年9月15日", changes.SinceLabel);
        Assert.Equal(["5.2-01", "5.2-02"], changes.Milestones.Select(m => m.Code));
        Assert.Equal("状態 進行中→完了、進捗 40%→100%", changes.Milestones[0].Change);
        Assert.Equal("新たに遅延", changes.Milestones[1].Change);
        Assert.DoesNotContain(changes.Milestones, m => m.Code == same.Code);
        var line = changes.Initiatives.Single(i => i.Code == "5.2");
        Assert.Equal((0, 1, 0, 1), (line.DoneBefore, line.DoneNow, line.LateBefore, line.LateNow));
        Assert.Equal((1, 1), (line.DoneDelta, line.LateDelta));
    }

    [Fact]
    public void Changes_ForADepartment_LeaveOutAnItemItDidNotHaveAtThePreviousMeeting()
    {
        var roadmap = new InMemoryRoadmap();
        var moved = roadmap.Add(roadmap.OnlineTrack, Tax, Span("2022-04", "2023-03", MilestoneStatus.InProgress, 50)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 9, 20, 10, 0, 0, TimeSpan.FromHours(9))));
        roadmap.Record(moved, "2022-09-20T10:00:00",
            new FieldChange(MilestoneFields.Owner, Citizens.Name, Tax.Name),
            new FieldChange(MilestoneFields.Progress, "20%", "50%"));
        var report = Report(roadmap, "2022-10-01", ReportScope.ForDepartment(Tax.Name), since: "2022-09-15");
        Assert.Equal(moved.Code, Assert.Single(report.Milestones).Code);
        Assert.Empty(Assert.IsType<ChangeSection>(report.Changes).Milestones);
    }

    [Fact]
    public void Changes_NameAnItemNoLongerLate()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2022-08", MilestoneStatus.Done, 100));
        roadmap.Record(step, "2022-09-20T10:00:00", new FieldChange(MilestoneFields.Status, "進行中", "完了"));
        var changes = Assert.IsType<ChangeSection>(Report(roadmap, "2022-10-01", since: "2022-09-15").Changes);
        Assert.Equal("状態 進行中→完了、遅延解消", Assert.Single(changes.Milestones).Change);
        var line = changes.Initiatives.Single(i => i.Code == "5.2");
        Assert.Equal((1, 0, "C 遅れ", "A 計画どおり"),
            (line.LateBefore, line.LateNow, EvaluationRule.Label(line.EvaluationBefore), EvaluationRule.Label(line.EvaluationNow)));
    }
}
