using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;

namespace DxRoadmap.Tests.Domain;

/// <summary>The 5.1–5.3 figures at their edges: no steps, ties in order, the city's own row, the one-line indicators.</summary>
public class IndicatorBoundaryTests
{
    private static readonly Department Tax = new() { Id = 1, Name = "税務課" };

    private static List<StandardStep> Steps(int count) =>
        Enumerable.Range(1, count).Select(i => new StandardStep { Id = i, No = i, Code = $"①-{i}", Title = $"手順{i}" }).ToList();

    private static StandardStepChange Done(int system, int step) =>
        new() { SystemId = system, StepId = step, Status = StepStatus.Done, ChangedOn = new DateOnly(2025, 4, 1), ChangedBy = "editor" };

    [Fact]
    public void Standardisation_ListsSystemsAndStepsInTheirOrder()
    {
        var systems = new[] { new StandardSystem { Id = 1, Name = "戸籍", Order = 2 }, new StandardSystem { Id = 2, Name = "住民基本台帳", Order = 1 } };
        var steps = new[] { new StandardStep { Id = 10, No = 2, Code = "①-2", Title = "移行" }, new StandardStep { Id = 11, No = 1, Code = "①-1", Title = "計画立案" } };
        var rollup = ProgramIndicators.Standardisation(systems, steps, [Done(1, 10), Done(1, 99)]);
        Assert.Equal(["住民基本台帳", "戸籍"], rollup.Systems.Select(s => s.System.Name));
        Assert.Equal([1, 2], rollup.Steps.Select(s => s.No));
        Assert.Equal(0.5, rollup.Systems[1].Rate); // a completion of a step not in the list is not counted
        Assert.Equal(0.25, rollup.Rate);
        Assert.Equal(0, rollup.SystemsComplete);
    }

    [Fact]
    public void Standardisation_WithoutSteps_HasNothingDoneAndNoSystemComplete()
    {
        var rollup = ProgramIndicators.Standardisation([new StandardSystem { Id = 1, Name = "戸籍" }], [], []);
        Assert.Equal((0d, 0d, 0), (rollup.Systems[0].Rate, rollup.Rate, rollup.SystemsComplete));
    }

    [Fact]
    public void Standardisation_WithoutSystems_IsZero() =>
        Assert.Equal(0, ProgramIndicators.Standardisation([], Steps(3), []).Rate);

    [Fact]
    public void Procedures_CountOnlyThoseInServiceAsInService()
    {
        var procedures = new[]
        {
            new OnlineProcedure { Title = "a", Category = "届出", Stage = ProcedureStage.InService },
            new OnlineProcedure { Title = "b", Category = "届出", Stage = ProcedureStage.ApiConnected },
            new OnlineProcedure { Title = "c", Category = "申請", Stage = ProcedureStage.NotStarted },
        };
        var rollup = ProgramIndicators.Procedures(procedures);
        Assert.Equal((3, 1, 58), (rollup.Total, rollup.InService, rollup.Progress)); // (100 + 75 + 0) / 3 = 58.3
        Assert.Equal(1, rollup.Count(ProcedureStage.ApiConnected));
    }

    [Fact]
    public void PeerComparison_KeepsThePlansOrder_AndEndsWithTheCity()
    {
        var peers = new[]
        {
            new PeerMunicipality { Name = "宇部市", Type = "一般市", Tasks = 4, HoursSaved = 207, Order = 2 },
            new PeerMunicipality { Name = "狛江市", Type = "一般市", Tasks = 1, HoursSaved = 4212, Order = 1 },
        };
        var rows = ProgramIndicators.PeerComparison(peers, [], "姶良市", 77000, 0);
        Assert.Equal(["狛江市", "宇部市", "姶良市"], rows.Select(r => r.Name));
        var city = rows[2];
        Assert.Equal(("本市", 0, 0m, false), (city.Type, city.Tasks, city.HoursSaved, city.Estimate));
        Assert.Null(city.HoursPer1000Staff); // no staff: no per-1,000 figure rather than a division by zero
    }

    [Fact]
    public void PeerComparison_CityFiguresMeasuredInFull_AreNotAnEstimate()
    {
        var cases = new[]
        {
            new AutomationCase { Department = Tax, Business = "入力", Stage = AutomationStages.Production, ActualHoursSaved = 300 },
            new AutomationCase { Department = Tax, Business = "停止", Stage = AutomationStages.Stopped, PlannedHoursSaved = 50 },
        };
        var city = ProgramIndicators.PeerComparison([], cases, "姶良市", null, 500).Single();
        Assert.Equal((1, 300m, false), (city.Tasks, city.HoursSaved, city.Estimate));
    }

    private static RoadmapSnapshot Roadmap(IReadOnlyList<OnlineProcedure> procedures, IReadOnlyList<AutomationCase> cases,
        IReadOnlyList<StandardSystem> systems, IReadOnlyList<StandardStep> steps, IReadOnlyList<StandardStepChange> done) =>
        new InMemoryRoadmap().Snapshot() with
        {
            Procedures = procedures,
            AutomationCases = cases,
            StandardSystems = systems,
            StandardSteps = steps,
            StandardChanges = done,
        };

    [Fact]
    public void Indicators_OneLineForEachInitiativeWithFigures()
    {
        var systems = new[] { new StandardSystem { Id = 1, Name = "戸籍" }, new StandardSystem { Id = 2, Name = "税" } };
        var procedures = new[]
        {
            new OnlineProcedure { Title = "a", Category = "届出", Stage = ProcedureStage.InService },
            new OnlineProcedure { Title = "b", Category = "届出", Stage = ProcedureStage.Verified },
        };
        var cases = new[]
        {
            new AutomationCase { Department = Tax, Business = "入力", Stage = AutomationStages.Production, ActualHoursSaved = 1200 },
            new AutomationCase { Department = Tax, Business = "集計", Stage = AutomationStages.Production, PlannedHoursSaved = 300 },
            new AutomationCase { Department = Tax, Business = "照合", Stage = AutomationStages.Production },
            new AutomationCase { Department = Tax, Business = "試行", Stage = AutomationStages.Trial, PlannedHoursSaved = 900 },
        };
        var lines = InitiativeIndicators.For(Roadmap(procedures, cases, systems, Steps(4), [Done(1, 1), Done(1, 2), Done(1, 3), Done(1, 4), Done(2, 1)]));

        Assert.Equal(["5.1", "5.2", "5.3"], lines.Keys.Order());
        Assert.Equal(new InitiativeIndicator("5.1", "標準化 完了率 62.5% (移行済み 0 / 2、特定移行支援 0)", "standardisation"), lines["5.1"]);
        Assert.Equal(new InitiativeIndicator("5.2", "手続の進捗 75% (サービス開始 1/2 手続)", "procedures"), lines["5.2"]);
        Assert.Equal(new InitiativeIndicator("5.3", "年間削減 1,500 時間 (本稼働 3 業務)", "automation"), lines["5.3"]);
    }

    [Fact]
    public void Indicators_NoneWithoutRows()
    {
        Assert.Empty(InitiativeIndicators.For(Roadmap([], [], [], [], [])));
        // Systems without steps (or steps without systems) give no 5.1 line.
        Assert.Empty(InitiativeIndicators.For(Roadmap([], [], [new StandardSystem { Id = 1, Name = "戸籍" }], [], [])));
        Assert.Empty(InitiativeIndicators.For(Roadmap([], [], [], Steps(2), [])));
        // Cases not in production give no 5.3 line.
        Assert.Empty(InitiativeIndicators.For(Roadmap([], [new AutomationCase { Department = Tax, Business = "試行", Stage = AutomationStages.Trial }], [], [], [])));
    }
}
