using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using static DxRoadmap.Tests.Domain.InMemoryRoadmap;
using static DxRoadmap.Tests.Support.Build;

namespace DxRoadmap.Tests.Domain;

/// <summary>The report's header and its 5.1–5.3 sections: which scopes show them and what their rows say.</summary>
public class ReportSectionTests
{
    private static readonly Department Welfare = new() { Id = 4, Name = "福祉課" };

    private static CommitteeReport Report(RoadmapSnapshot roadmap, string asOf, ReportScope? scope = null) =>
        ReportBuilder.Build(roadmap, [], new ReportRequest(Day(asOf), scope ?? ReportScope.All, null, DelayThresholds.Default));

    /// <summary>Procedures, standard systems, AI・RPA cases and peers, spread over 市民課 and 税務課.</summary>
    private static RoadmapSnapshot Programmes()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03"));
        roadmap.StepChanges.Add(new StandardStepChange { SystemId = 1, StepId = 1, Status = StepStatus.Done, ChangedOn = Day("2022-05-01"), ChangedBy = "editor" });
        var automation = new Initiative { Id = 3, Code = "5.3", Title = "AI・RPAの活用", LeadDepartment = Promotion.Name, Order = 3 };
        return roadmap.Snapshot() with
        {
            Initiatives = [roadmap.Standardisation, roadmap.Online, automation],
            Departments = [Promotion, Citizens, Tax, Welfare],
            Procedures =
            [
                new() { Title = "転入届", Category = "届出", Department = Citizens, Stage = ProcedureStage.Verified, PlannedGoLive = Day("2022-05-31"), Order = 2 },
                new() { Title = "住民票の写し", Category = "申請", Department = Citizens, Stage = ProcedureStage.InService, PlannedGoLive = Day("2022-04-01"), ActualGoLive = Day("2022-04-01"), Order = 1 },
                new() { Title = "納税証明", Category = "申請", Department = Tax, Stage = ProcedureStage.NotStarted, PlannedGoLive = Day("2022-06-01"), Order = 3 },
                new() { Title = "未定の手続", Category = "申請", Stage = ProcedureStage.NotStarted, Order = 4 },
            ],
            StandardSystems =
            [
                new() { Id = 1, Name = "住民基本台帳", Department = Citizens, Order = 1 },
                new() { Id = 2, Name = "共通基盤", Order = 2 },
            ],
            StandardSteps = [new() { Id = 1, No = 1, Code = "①-1", Title = "推進体制案の作成" }, new() { Id = 2, No = 2, Code = "②-1", Title = "現行システム環境の基礎調査" }],
            AutomationCases =
            [
                new() { Department = Tax, Business = "入力", Tool = "RPA", Stage = AutomationStages.Production, PlannedHoursSaved = 300 },
                new() { Department = Citizens, Business = "照合", Stage = AutomationStages.Trial },
                new() { Department = Citizens, Business = "集計", Tool = "AI-OCR", Stage = AutomationStages.Candidate },
                new() { Business = "共通" },
            ],
            Peers =
            [
                new() { Name = "宇部市", Type = "一般市", Tasks = 4, HoursSaved = 207, HoursSavedMax = 1241, Estimate = true, Order = 2 },
                new() { Name = "狛江市", Type = "一般市", Tasks = 1, HoursSaved = 4212, Order = 1 },
            ],
        };
    }

    [Fact]
    public void Header_NamesTheIssuingDivisionAndDepartment()
    {
        var roadmap = new InMemoryRoadmap().Snapshot();
        Assert.Equal("総務部 デジタル行政推進課", Report(roadmap, "2022-06-01").Header.IssuedBy);
        Assert.Equal("税務課", Report(roadmap with { Plan = new Plan { Title = "計画", Version = "1", Issued = PlanDate.Parse("2022-03"), OwnerDepartment = "税務課" } },
            "2022-06-01").Header.IssuedBy);
        Assert.Equal("企画課", Report(roadmap with { Plan = new Plan { Title = "計画", Version = "1", Issued = PlanDate.Parse("2022-03"), OwnerDepartment = "企画課" } },
            "2022-06-01").Header.IssuedBy);
    }

    [Fact]
    public void Procedures_InPlanOrder_LateOnlyWhenNotInServiceAfterTheirDay()
    {
        var section = Assert.IsType<ProcedureSection>(Report(Programmes(), "2022-06-01").Procedures);
        Assert.Equal(["住民票の写し", "転入届", "納税証明", "未定の手続"], section.Rows.Select(r => r.Title));
        Assert.Equal([false, true, false, false], section.Rows.Select(r => r.Late)); // 納税証明 is due today: not late yet
        Assert.Equal(["市民課", "市民課", "税務課", ""], section.Rows.Select(r => r.Department));
        Assert.Equal(("動作検証", Day("2022-05-31")), (section.Rows[1].Stage, section.Rows[1].PlannedGoLive!.Value));
        Assert.Equal([2, 0, 1, 0, 1], section.ByStage.Select(s => s.Count));
        Assert.Equal("未着手", section.ByStage[0].Stage);
    }

    [Fact]
    public void Procedures_BelongTo52_AndToTheirDepartment()
    {
        Assert.NotNull(Report(Programmes(), "2022-06-01", ReportScope.ForInitiative("5.2")).Procedures);
        Assert.Null(Report(Programmes(), "2022-06-01", ReportScope.ForInitiative("5.1")).Procedures);
        Assert.Equal(["納税証明"], Report(Programmes(), "2022-06-01", ReportScope.ForDepartment("税務課")).Procedures!.Rows.Select(r => r.Title));
        Assert.Null(Report(Programmes(), "2022-06-01", ReportScope.ForDepartment("福祉課")).Procedures); // none of its own
    }

    [Fact]
    public void Standardisation_BelongsTo51_AndToDepartmentsThatOwnSystems()
    {
        var all = Assert.IsType<StandardisationSection>(Report(Programmes(), "2022-06-01").Standardisation);
        Assert.Equal([("住民基本台帳", "市民課", 1), ("共通基盤", "", 0)], all.Systems.Select(s => (s.Name, s.Department, s.Finished)));
        Assert.Equal(["1 ① ①-1 推進体制案の作成", "2 ② ②-1 現行システム環境の基礎調査"], all.Steps.Select(s => $"{s.No} {s.Group} {s.Code} {s.Title}"));
        Assert.Equal((0.25, 0), (all.Rate, all.SystemsComplete));

        Assert.NotNull(Report(Programmes(), "2022-06-01", ReportScope.ForInitiative("5.1")).Standardisation);
        Assert.Null(Report(Programmes(), "2022-06-01", ReportScope.ForInitiative("5.2")).Standardisation);
        Assert.Equal(["住民基本台帳"], Report(Programmes(), "2022-06-01", ReportScope.ForDepartment("市民課")).Standardisation!.Systems.Select(s => s.Name));
        Assert.Null(Report(Programmes(), "2022-06-01", ReportScope.ForDepartment("税務課")).Standardisation);
    }

    [Fact]
    public void Automation_ListsCasesByDepartmentAndBusiness_WithThePeerTable()
    {
        var section = Assert.IsType<AutomationSection>(Report(Programmes(), "2022-06-01").Automation);
        Assert.Equal([("", "共通", "", ""), ("市民課", "照合", "", "試行"), ("市民課", "集計", "AI-OCR", "候補"), ("税務課", "入力", "RPA", "本稼働")],
            section.Cases.Select(c => (c.Department, c.Business, c.Tool, c.Stage)));
        Assert.Equal(300m, section.Cases[3].PlannedHoursSaved);
        Assert.Equal([("狛江市", "4,212時間"), ("宇部市", "207～1,241時間 (見込)")], section.Peers.Select(p => (p.Name, p.HoursSaved)));
        Assert.Equal(("一般市", 1), (section.Peers[0].Type, section.Peers[0].Tasks));
    }

    [Fact]
    public void Automation_BelongsTo53_AndShowsThePeersEvenWithoutCases()
    {
        Assert.NotNull(Report(Programmes(), "2022-06-01", ReportScope.ForInitiative("5.3")).Automation);
        Assert.Null(Report(Programmes(), "2022-06-01", ReportScope.ForInitiative("5.1")).Automation);
        var noCases = Programmes() with { AutomationCases = [] };
        var peersOnly = Assert.IsType<AutomationSection>(Report(noCases, "2022-06-01").Automation);
        Assert.Empty(peersOnly.Cases);
        Assert.Equal(2, peersOnly.Peers.Count);
        Assert.Null(Report(noCases with { Peers = [] }, "2022-06-01").Automation);
        Assert.Null(Report(Programmes(), "2022-06-01", ReportScope.ForDepartment("福祉課")).Automation);
        Assert.Equal(["入力"], Report(Programmes(), "2022-06-01", ReportScope.ForDepartment("税務課")).Automation!.Cases.Select(c => c.Business));
    }

    [Fact]
    public void DepartmentScope_ShowsEveryInitiativeTheDepartmentHasItemsIn()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.StandardisationTrack, Citizens, Span("2022-04", "2023-03"));
        roadmap.Add(roadmap.OnlineTrack, Promotion, Span("2022-04", "2023-03").With(m => m.RelatedDepartments = [Citizens.Name, Tax.Name]));
        var report = Report(roadmap.Snapshot(), "2022-06-01", ReportScope.ForDepartment(Citizens.Name));
        Assert.Equal(["5.1", "5.2"], report.Initiatives.Select(i => i.Code));
        Assert.Equal("市民課、税務課", report.Milestones[1].Related);
    }

    [Fact]
    public void MilestoneState_JoinsSeveralFlags()
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2022-06", MilestoneStatus.InProgress, 10)
            .With(m => m.UpdatedAt = new DateTimeOffset(2022, 4, 1, 9, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal("期限超過 2か月、更新なし 153日", Assert.Single(Report(roadmap.Snapshot(), "2022-09-01").Milestones).State);
    }

    [Theory]
    [InlineData("2026-06-01", 2022, 2026)] // as-of date after the plan: the chart reaches it
    [InlineData("2020-06-01", 2020, 2022)] // before the plan
    [InlineData("2022-06-01", 2022, 2022)]
    public void GanttWindow_CoversThePlanAndTheAsOfDate(string asOf, int first, int last)
    {
        var roadmap = new InMemoryRoadmap();
        roadmap.Add(roadmap.OnlineTrack, Citizens, Span("2022-04", "2023-03"));
        var window = Report(roadmap.Snapshot(), asOf).Gantt.Window;
        Assert.Equal((first, last), (window.FirstFiscalYear, window.LastFiscalYear));
    }
}
