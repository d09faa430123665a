using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>The words and small facts the screens and reports take from the model: labels, history text, scopes.</summary>
public class DomainWordingTests
{
    [Fact]
    public void StatusLabels_ReadBackToTheirStatus()
    {
        Assert.Equal(["未着手", "進行中", "完了", "保留", "中止"], StatusNames.All.Select(s => s.Label()));
        foreach (var status in StatusNames.All)
        {
            Assert.True(StatusNames.TryParse($" {status.Label()} ", out var read));
            Assert.Equal(status, read);
        }
        Assert.False(StatusNames.TryParse("済", out _));
        Assert.False(StatusNames.TryParse(null, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((MilestoneStatus)9).Label());
    }

    [Fact]
    public void SourceLabels_NameWhereTheDatesComeFrom()
    {
        Assert.Equal("行動計画", MilestoneSource.Plan.Label());
        Assert.Equal("国の標準化スケジュール", MilestoneSource.National.Label());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((MilestoneSource)9).Label());
    }

    [Fact]
    public void ProcedureStageLabels_ReadBackToTheirStage()
    {
        Assert.Equal(["未着手", "様式登録", "動作検証", "API連携", "サービス開始"], ProcedureStages.All.Select(s => s.Label()));
        foreach (var stage in ProcedureStages.All)
        {
            Assert.True(ProcedureStages.TryParse(stage.Label() + " ", out var read));
            Assert.Equal(stage, read);
        }
        Assert.False(ProcedureStages.TryParse("稼働", out var none));
        Assert.Equal(ProcedureStage.NotStarted, none);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ProcedureStage)9).Label());
    }

    [Theory]
    [InlineData(MilestoneStatus.Done, true)]
    [InlineData(MilestoneStatus.Cancelled, true)]
    [InlineData(MilestoneStatus.OnHold, false)]
    [InlineData(MilestoneStatus.InProgress, false)]
    public void Closed_MeansDoneOrCancelled(MilestoneStatus status, bool closed) =>
        Assert.Equal(closed, Span("2022-04", "2023-03", status).IsClosed);

    [Fact]
    public void Replanned_WhenEitherPlannedDateMoved()
    {
        Assert.False(Span("2022-04", "2023-03").IsReplanned);
        Assert.True(Span("2022-04", "2023-03").With(m => m.PlannedStart = PlanDate.Parse("2022-05")).IsReplanned);
        Assert.True(Span("2022-04", "2023-03").With(m => m.PlannedEnd = PlanDate.Parse("2023-06")).IsReplanned);
    }

    [Fact]
    public void OwnerName_IsEmptyWithoutAnOwner()
    {
        Assert.Equal("", Span("2022-04", "2023-03").OwnerName);
        Assert.Equal("市民課", Span("2022-04", "2023-03").With(m => m.OwnerDepartment = new Department { Name = "市民課" }).OwnerName);
    }

    [Fact]
    public void HistorySnapshot_WritesEachFieldAsTheHistoryShowsIt()
    {
        var step = Span("2022-04", "2023-03-15", MilestoneStatus.InProgress, 40).With(m =>
        {
            m.Title = "電子申請";
            m.OwnerDepartment = new Department { Name = "市民課" };
            m.ActualStart = Day("2022-04-05");
            m.ActualEnd = Day("2023-03-01");
            m.DelayReason = "業者選定";
            m.Countermeasure = "再公告";
            m.Note = "備考";
        });
        Assert.Equal(new Dictionary<string, string?>
        {
            ["工程名"] = "電子申請",
            ["主管課"] = "市民課",
            ["計画開始"] = "2022-04",
            ["計画終了"] = "2023-03-15",
            ["状態"] = "進行中",
            ["進捗率"] = "40%",
            ["実績開始"] = "2022/04/05",
            ["実績終了"] = "2023/03/01",
            ["遅延理由"] = "業者選定",
            ["対応策"] = "再公告",
            ["備考"] = "備考",
        }, MilestoneFields.Snapshot(step));
        var empty = MilestoneFields.Snapshot(Span("2022-04", "2023-03"));
        Assert.Null(empty[MilestoneFields.ActualStart]);
        Assert.Null(empty[MilestoneFields.Owner]);
    }

    [Fact]
    public void HistoryDiff_ListsOnlyChangedFields_TreatingBlankAsNone()
    {
        var before = new Dictionary<string, string?> { ["状態"] = "未着手", ["備考"] = null, ["対応策"] = "再公告", ["遅延理由"] = "x" };
        var after = new Dictionary<string, string?> { ["状態"] = "進行中", ["備考"] = "  ", ["対応策"] = "再公告", ["遅延理由"] = "", ["工程名"] = "新" };
        Assert.Equal(
            [new FieldChange("状態", "未着手", "進行中"), new FieldChange("遅延理由", "x", null), new FieldChange("工程名", null, "新")],
            MilestoneFields.Diff(before, after));
    }

    [Theory]
    [InlineData("initiative:5.2", "initiative:5.2")]
    [InlineData(" department: 市民課 ", "department:市民課")]
    [InlineData("all", "all")]
    public void Scope_WritesTheTextItWasReadFrom(string text, string written)
    {
        Assert.True(ReportScope.TryParse(text, out var scope));
        Assert.Equal(written, scope.ToString());
    }

    [Theory]
    [InlineData(":5.2")]
    [InlineData("initiative: ")]
    [InlineData("initiative:")]
    public void Scope_WithoutANameOrKind_IsRefused(string text) => Assert.False(ReportScope.TryParse(text, out _));

    [Fact]
    public void Scope_LabelAndCheck_NameWhatTheReportCovers()
    {
        var roadmap = new InMemoryRoadmap().Snapshot();
        Assert.Equal("全体", ReportScope.All.Label(roadmap));
        Assert.Equal("5.2 行政手続きのオンライン化", ReportScope.ForInitiative("5.2").Label(roadmap));
        Assert.Equal("9.9", ReportScope.ForInitiative("9.9").Label(roadmap));
        Assert.Equal("市民課", ReportScope.ForDepartment("市民課").Label(roadmap));
        Assert.Null(ReportScope.ForInitiative("5.2").Check(roadmap));
        Assert.Equal("重点取組「9.9」はありません (例: initiative:5.2)。", ReportScope.ForInitiative("9.9").Check(roadmap));
        Assert.Null(ReportScope.ForDepartment("市民課").Check(roadmap));
        Assert.Null(ReportScope.All.Check(roadmap));
        Assert.Equal("", new ReportScope(ReportScopeKind.Initiative, null).Label(roadmap));
        Assert.Equal("", new ReportScope(ReportScopeKind.Department, null).Label(roadmap));
    }

    [Fact]
    public void ReportNotes_StateTheThresholdsTheRulesUse()
    {
        var notes = ReportNotes.EvaluationRule;
        Assert.Equal(["S", "A", "B", "C", "※"], notes.Select(n => n[..1]));
        Assert.Contains($"{EvaluationRule.AheadMargin}ポイント以上", notes[0]);
        Assert.Contains("要注意がない", notes[1]);
        Assert.Contains($"{EvaluationRule.LateShareForC * 100}%未満", notes[2]);
        Assert.Contains($"{EvaluationRule.LateShareForC * 100}%以上", notes[3]);
        Assert.Contains("中止の工程は数えない", notes[4]);
    }

    [Fact]
    public void ReportHeader_StampsTheAsOfDateInBothCalendars()
    {
        var header = new ReportHeader("進捗状況報告", "計画", "部会", "推進課", Day("2026-11-26"), "令和8年11月26日", "全体",
            ReportScope.All, null, false);
        Assert.Equal("令和8年11月26日 (2026/11/26)", header.AsOfWithWestern);
    }

    [Fact]
    public void StandardSystemLine_IsCompleteOnlyWithEveryStepAndAtLeastOne()
    {
        static StandardSystemLine Line(params StepStatus[] statuses) =>
            new("戸籍", "市民課", statuses, 0, 0, 0, false, null, null, null, false, null);
        Assert.True(Line(StepStatus.Done, StepStatus.NotApplicable).Complete); // 対象外 counts as finished
        Assert.False(Line(StepStatus.Done, StepStatus.InProgress).Complete); // 作業中 does not
        Assert.False(Line().Complete);
        Assert.Equal(2, Line(StepStatus.Done, StepStatus.NotApplicable, StepStatus.NotStarted).Finished);
    }

    [Fact]
    public void InitiativeChange_GivesTheDifferences()
    {
        var change = new InitiativeChange("5.1", "標準化", 2, 5, 3, 1, Evaluation.C, Evaluation.B);
        Assert.Equal((3, -2), (change.DoneDelta, change.LateDelta));
    }

    [Fact]
    public void Snapshot_FindsTheTrackAndInitiativeOfAMilestone()
    {
        var roadmap = new InMemoryRoadmap();
        var step = roadmap.Add(roadmap.MigrationTrack, InMemoryRoadmap.Promotion, Span("2022-04", "2023-03"));
        roadmap.Add(roadmap.OnlineTrack, InMemoryRoadmap.Citizens, Span("2022-04", "2023-03"));
        var snapshot = roadmap.Snapshot();
        Assert.Equal("5.1-b", snapshot.TrackOf(step).Code);
        Assert.Equal("5.1", snapshot.InitiativeOf(step).Code);
        Assert.Equal([step], snapshot.MilestonesOf(roadmap.Standardisation));
        var stray = Span("2022-04", "2023-03").With(m => m.TrackId = 99);
        Assert.Throws<InvalidOperationException>(() => snapshot.TrackOf(stray));
        var orphan = new Track { Id = 99, Code = "x", InitiativeId = 99, Title = "x" };
        Assert.Throws<InvalidOperationException>(() => (snapshot with { Tracks = [orphan] }).InitiativeOf(stray));
    }
}
