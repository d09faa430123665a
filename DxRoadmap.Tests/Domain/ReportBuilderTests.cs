using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Tests.Support;

namespace DxRoadmap.Tests.Domain;

public class ReportBuilderTests
{
    [Fact]
    public async Task Today_LateItemsCarryReasonAndCountermeasure()
    {
        var report = await Reports.BuildAsync("2026-11-26");
        var migration = Assert.Single(report.Late, r => r.Code == "5.1-08");
        Assert.Contains("ベンダ", migration.DelayReason);
        Assert.False(string.IsNullOrEmpty(migration.Countermeasure));
        Assert.All(report.Late, r => Assert.True(r.IsLate));
        Assert.Equal(report.Milestones.Count(r => r.IsLate), report.Late.Count);
        Assert.Equal("令和8年11月26日", report.Header.AsOfLabel);
    }

    [Fact]
    public async Task PastAsOf_RebuildsTheStateFromHistory()
    {
        // 5.1-02 was recorded 進行中 27% on 2022-03-09 and 完了 on 2022-08-05.
        var then = await Reports.BuildAsync("2022-04-01");
        var now = await Reports.BuildAsync("2026-11-26");
        var survey = then.Milestones.Single(r => r.Code == "5.1-02");
        Assert.Equal(MilestoneStatus.InProgress, survey.Status);
        Assert.Equal(27, survey.Progress);
        Assert.Equal(MilestoneStatus.Done, now.Milestones.Single(r => r.Code == "5.1-02").Status);
        // 5.1-01 was recorded done on 2022-03-31, before that as-of date.
        Assert.Equal(MilestoneStatus.Done, then.Milestones.Single(r => r.Code == "5.1-01").Status);
    }

    [Theory]
    [InlineData("2022-10-15")]
    [InlineData("2024-10-01")]
    [InlineData("2025-06-30")]
    public async Task PastDateReport_ReadsLikeARealOne_WorkInProgressAndAReasonForEveryLateItem(string asOf)
    {
        var report = await Reports.BuildAsync(asOf);
        Assert.NotEmpty(report.Late);
        Assert.All(report.Late, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.DelayReason), $"{r.Code} has no reason as of {asOf}");
            Assert.False(string.IsNullOrEmpty(r.Countermeasure), $"{r.Code} has no countermeasure as of {asOf}");
        });
        Assert.True(report.Initiatives.Sum(i => i.InProgress) >= 3);
        Assert.True(report.Initiatives.Count(i => i.InProgress > 0) >= 3);
    }

    [Fact]
    public async Task PastDateReport_ShowsAStepStartedBeforeThatDayAsStarted()
    {
        // 5.1-08 (移行・テスト) started on 2024-06-03, two months after its planned start.
        var before = (await Reports.BuildAsync("2024-05-15")).Milestones.Single(r => r.Code == "5.1-08");
        var after = (await Reports.BuildAsync("2024-10-01")).Milestones.Single(r => r.Code == "5.1-08");
        Assert.Equal(MilestoneStatus.NotStarted, before.Status);
        Assert.Contains("着手遅れ", before.State);
        Assert.Contains("契約手続", before.DelayReason);
        Assert.Equal(MilestoneStatus.InProgress, after.Status);
        Assert.InRange(after.Progress, 5, 30);
        Assert.Equal(new DateOnly(2024, 6, 3), after.ActualStart);
    }

    [Fact]
    public async Task History_IsReplayedOnCopies_NeverOnTheLoadedRoadmap()
    {
        var (roadmap, history) = await Reports.SampleAsync();
        var before = roadmap.Milestones.Select(m => (m.Code, m.Status, m.Progress)).ToList();
        // The first recorded update is of 2020-12-03 (5.3-01 started).
        var past = RoadmapHistory.AsOf(roadmap, history, RoadmapHistory.EndOfDay(Build.Day("2020-11-30")));
        Assert.All(past.Milestones, m => Assert.Equal(MilestoneStatus.NotStarted, m.Status));
        Assert.Equal(before, roadmap.Milestones.Select(m => (m.Code, m.Status, m.Progress)).ToList());
    }

    [Fact]
    public async Task ChangeOnTheMeetingDay_CountsAsKnownAtThatMeeting()
    {
        // 5.1-01's 完了 is stamped 2022-03-31 17:00 JST: part of a report as of that day, not of the day before.
        var (roadmap, history) = await Reports.SampleAsync();
        var sameDay = RoadmapHistory.AsOf(roadmap, history, RoadmapHistory.EndOfDay(Build.Day("2022-03-31")));
        var dayBefore = RoadmapHistory.AsOf(roadmap, history, RoadmapHistory.EndOfDay(Build.Day("2022-03-30")));
        Assert.Equal(MilestoneStatus.Done, sameDay.Milestones.Single(m => m.Code == "5.1-01").Status);
        Assert.Equal(MilestoneStatus.InProgress, dayBefore.Milestones.Single(m => m.Code == "5.1-01").Status);
    }

    [Fact]
    public async Task Since_ListsWhatChangedBetweenTheMeetings()
    {
        var report = await Reports.BuildAsync("2022-12-31", since: "2022-04-01");
        var changes = Assert.IsType<ChangeSection>(report.Changes);
        Assert.Equal("令和4年4月1日", changes.SinceLabel);
        var plan = Assert.Single(changes.Milestones, m => m.Code == "5.1-02");
        Assert.Contains("進行中→完了", plan.Change);
        var standardisation = changes.Initiatives.Single(i => i.Code == "5.1");
        Assert.True(standardisation.DoneNow > standardisation.DoneBefore);
        Assert.DoesNotContain(changes.Milestones, m => m.Code == "5.1-01");
    }

    [Fact]
    public async Task InitiativeScope_KeepsOnlyThatInitiative()
    {
        var report = await Reports.BuildAsync("2026-11-26", ReportScope.ForInitiative("5.2"));
        Assert.Equal("5.2", Assert.Single(report.Initiatives).Code);
        Assert.All(report.Milestones, m => Assert.Equal("5.2", m.InitiativeCode));
        Assert.NotNull(report.Procedures);
        Assert.Null(report.Automation);
        Assert.All(report.Gantt.Rows.Where(r => r.Item is not null), r => Assert.Equal("5.2", r.Item!.Initiative.Code));
    }

    [Fact]
    public async Task DepartmentScope_KeepsItemsTheDepartmentOwnsOrIsNamedOn()
    {
        var report = await Reports.BuildAsync("2026-11-26", ReportScope.ForDepartment("市民課"));
        Assert.NotEmpty(report.Milestones);
        Assert.All(report.Milestones, m => Assert.True(m.Owner == "市民課" || m.Related.Contains("市民課")));
        Assert.Equal("市民課", Assert.Single(report.Departments).Name);
        Assert.All(report.Procedures?.Rows ?? [], p => Assert.Equal("市民課", p.Department));
    }

    [Fact]
    public async Task UnknownScopeOrLateMeetingDate_IsRefusedWithAReason()
    {
        var (roadmap, history) = await Reports.SampleAsync();
        var unknown = new ReportRequest(Build.Day("2026-11-26"), ReportScope.ForDepartment("火星課"), null, DelayThresholds.Default);
        Assert.Contains("火星課", unknown.Check(roadmap));
        var sameDay = new ReportRequest(Build.Day("2026-11-26"), ReportScope.All, Build.Day("2026-11-26"), DelayThresholds.Default);
        Assert.Contains("前回会議日", sameDay.Check(roadmap));
        Assert.Throws<ArgumentException>(() => ReportBuilder.Build(roadmap, history, sameDay));
    }

    [Fact]
    public async Task GanttRows_ComeFromTheLayout_WithTheTodayLineOnTheAsOfDate()
    {
        var report = await Reports.BuildAsync("2022-04-01");
        var chart = report.Gantt;
        Assert.Equal(report.Milestones.Count, chart.Rows.Count(r => r.Item is not null));
        Assert.Equal(chart.X(Build.Day("2022-04-01")), chart.TodayX);
        Assert.Contains(chart.YearBands, b => b.Label == "令和4年度");
    }

    [Theory]
    [InlineData("all", ReportScopeKind.All, null)]
    [InlineData("", ReportScopeKind.All, null)]
    [InlineData("initiative:5.2", ReportScopeKind.Initiative, "5.2")]
    [InlineData("department:市民課", ReportScopeKind.Department, "市民課")]
    public void Scope_ParsesItsTextForm(string text, ReportScopeKind kind, string? value)
    {
        Assert.True(ReportScope.TryParse(text, out var scope));
        Assert.Equal(kind, scope.Kind);
        Assert.Equal(value, scope.Value);
    }

    [Theory]
    [InlineData("initiative:")]
    [InlineData("team:市民課")]
    [InlineData("5.2")]
    public void Scope_RejectsOtherText(string text) => Assert.False(ReportScope.TryParse(text, out _));
}
