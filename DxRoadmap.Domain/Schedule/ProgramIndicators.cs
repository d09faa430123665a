using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule;

/// <summary>5.2: where the online procedures stand.</summary>
public sealed record ProcedureRollup(
    int Total,
    IReadOnlyDictionary<ProcedureStage, int> ByStage,
    IReadOnlyList<ProcedureCategoryRow> ByCategory,
    int InService,
    int Progress)
{
    public int Count(ProcedureStage stage) => ByStage.GetValueOrDefault(stage);
}

public sealed record ProcedureCategoryRow(string Category, int Total, IReadOnlyDictionary<ProcedureStage, int> ByStage, int Progress);

/// <summary>5.1: each system's share of finished steps, and overall.</summary>
public sealed record StandardisationRollup(
    IReadOnlyList<StandardSystemRow> Systems,
    IReadOnlyList<StandardStep> Steps,
    double Rate,
    int SystemsComplete);

public sealed record StandardSystemRow(StandardSystem System, IReadOnlySet<int> DoneStepIds, double Rate)
{
    public bool IsDone(StandardStep step) => DoneStepIds.Contains(step.Id);
}

/// <summary>One row of the AI・RPA comparison: a peer municipality or the city itself.</summary>
public sealed record PeerComparisonRow(
    string Name,
    string Type,
    int? Population,
    int? Staff,
    int Tasks,
    decimal HoursSaved,
    decimal? HoursSavedMax,
    bool Estimate,
    bool IsCity)
{
    /// <summary>Annual hours saved per automated task (the lower figure where a range is given).</summary>
    public decimal? HoursPerTask => Tasks == 0 ? null : Math.Round(HoursSaved / Tasks, 1);

    /// <summary>Annual hours saved per 1,000 staff.</summary>
    public decimal? HoursPer1000Staff => Staff is > 0 ? Math.Round(HoursSaved * 1000 / Staff.Value, 1) : null;
}

public static class ProgramIndicators
{
    public static ProcedureRollup Procedures(IReadOnlyList<OnlineProcedure> procedures)
    {
        static Dictionary<ProcedureStage, int> Stages(IEnumerable<OnlineProcedure> items) =>
            items.GroupBy(p => p.Stage).ToDictionary(g => g.Key, g => g.Count());
        static int Progress(IReadOnlyCollection<OnlineProcedure> items) =>
            items.Count == 0 ? 0 : (int)Math.Round(items.Average(p => p.Stage.Progress()), MidpointRounding.AwayFromZero);

        var categories = procedures.GroupBy(p => p.Category)
            .Select(g => new ProcedureCategoryRow(g.Key, g.Count(), Stages(g), Progress(g.ToList())))
            .ToList();
        return new ProcedureRollup(procedures.Count, Stages(procedures), categories,
            procedures.Count(p => p.Stage == ProcedureStage.InService), Progress(procedures));
    }

    /// <summary>
    /// Counts as the national dashboard does: a system's 完了率 is its finished steps over all steps; the overall
    /// rate is the mean of the systems' rates; a system is complete when every step is finished.
    /// </summary>
    public static StandardisationRollup Standardisation(IReadOnlyList<StandardSystem> systems,
        IReadOnlyList<StandardStep> steps, IReadOnlyList<StandardStepCompletion> completions)
    {
        var stepIds = steps.Select(s => s.Id).ToHashSet();
        var rows = systems.OrderBy(s => s.Order).Select(system =>
        {
            var done = completions.Where(c => c.SystemId == system.Id && stepIds.Contains(c.StepId))
                .Select(c => c.StepId).ToHashSet();
            return new StandardSystemRow(system, done, steps.Count == 0 ? 0 : (double)done.Count / steps.Count);
        }).ToList();
        return new StandardisationRollup(rows, steps.OrderBy(s => s.No).ToList(),
            rows.Count == 0 ? 0 : rows.Average(r => r.Rate), rows.Count(r => steps.Count > 0 && r.Rate >= 1));
    }

    /// <summary>
    /// The plan's peer table with the city's own row computed from its cases in production (actual hours where
    /// recorded). The city's staff count is optional configuration; without it the per-1,000 figure is blank.
    /// </summary>
    public static IReadOnlyList<PeerComparisonRow> PeerComparison(IReadOnlyList<PeerMunicipality> peers,
        IReadOnlyList<AutomationCase> cases, string cityName, int? cityPopulation, int? cityStaff)
    {
        var rows = peers.OrderBy(p => p.Order)
            .Select(p => new PeerComparisonRow(p.Name, p.Type, p.Population, p.Staff, p.Tasks, p.HoursSaved,
                p.HoursSavedMax, p.Estimate, IsCity: false))
            .ToList();
        var live = cases.Where(c => c.Stage == AutomationStages.Production).ToList();
        var cityHours = live.Sum(c => c.ActualHoursSaved ?? c.PlannedHoursSaved ?? 0);
        var estimate = live.Any(c => c.ActualHoursSaved is null);
        rows.Add(new PeerComparisonRow(cityName, "本市", cityPopulation, cityStaff, live.Count, cityHours, null, estimate, IsCity: true));
        return rows;
    }
}

/// <summary>The measured figure an initiative is judged by besides its milestones (5.1–5.3), as one line.</summary>
public sealed record InitiativeIndicator(string Code, string Text, string Link);

public static class InitiativeIndicators
{
    /// <summary>
    /// 5.1 by the standardisation 完了率, 5.2 by the procedures' stages, 5.3 by hours saved in production;
    /// initiatives without such data (or without any rows yet) get none.
    /// </summary>
    public static IReadOnlyDictionary<string, InitiativeIndicator> For(RoadmapSnapshot roadmap)
    {
        var result = new Dictionary<string, InitiativeIndicator>(StringComparer.Ordinal);
        if (roadmap.StandardSystems.Count > 0 && roadmap.StandardSteps.Count > 0)
        {
            var s = ProgramIndicators.Standardisation(roadmap.StandardSystems, roadmap.StandardSteps, roadmap.StandardCompletions);
            result["5.1"] = new("5.1", $"標準化 完了率 {s.Rate * 100:0.#}% (全手順完了 {s.SystemsComplete}/{s.Systems.Count} 業務)", "standardisation");
        }
        if (roadmap.Procedures.Count > 0)
        {
            var p = ProgramIndicators.Procedures(roadmap.Procedures);
            result["5.2"] = new("5.2", $"手続の進捗 {p.Progress}% (サービス開始 {p.InService}/{p.Total} 手続)", "procedures");
        }
        var live = roadmap.AutomationCases.Where(c => c.Stage == AutomationStages.Production).ToList();
        if (live.Count > 0)
        {
            var hours = live.Sum(c => c.ActualHoursSaved ?? c.PlannedHoursSaved ?? 0);
            result["5.3"] = new("5.3", $"年間削減 {hours:#,0} 時間 (本稼働 {live.Count} 業務)", "automation");
        }
        return result;
    }
}
