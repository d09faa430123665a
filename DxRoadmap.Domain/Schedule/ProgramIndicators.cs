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

/// <summary>
/// 5.1 as 総務省 counts it: per 業務 the shares of its steps 完了 (完了済み or 対象外), 作業中 and 未着手, and 全体 as the
/// mean of the 業務; beside them where the real move stands (移行済み, 特定移行支援).
/// </summary>
public sealed record StandardisationRollup(
    IReadOnlyList<StandardSystemRow> Systems,
    IReadOnlyList<StandardStep> Steps,
    double Rate,
    double WorkingRate,
    double NotStartedRate,
    int SystemsComplete)
{
    /// <summary>業務 live on their 標準準拠システム (the snapshot is as of the day asked, so later go-lives are not).</summary>
    public int Migrated => Systems.Count(r => r.System.GoLiveOn is not null);

    public int SpecificSupport => Systems.Count(r => r.System.SpecificSupport);
}

/// <summary>
/// One 業務's row: <see cref="Statuses"/> holds its status of each step in the order of the rollup's steps, and
/// <see cref="LastChanges"/> the change that set it (null for a step never answered, which is 未着手).
/// </summary>
public sealed record StandardSystemRow(
    StandardSystem System,
    IReadOnlyList<StepStatus> Statuses,
    IReadOnlyList<StandardStepChange?> LastChanges,
    double Rate,
    double WorkingRate,
    double NotStartedRate)
{
    public int Count(StepStatus status) => Statuses.Count(s => s == status);

    /// <summary>Steps that count as finished: 完了済み and 対象外.</summary>
    public int Finished => Count(StepStatus.Done) + Count(StepStatus.NotApplicable);

    public bool Complete => Statuses.Count > 0 && Finished == Statuses.Count;
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
    /// The grid of <paramref name="changes"/> (each cell's last change; none is 未着手) and its rates, as 総務省 counts
    /// them: per 業務 完了率 = (完了済み + 対象外) / steps, 作業中率 = 作業中 / steps, 未着手率 = 未着手 / steps (作業中 is not
    /// done); 全体 = the mean of the 業務's rates. A 業務 is complete when every step is 完了済み or 対象外.
    /// Changes of systems or steps not given are ignored.
    /// </summary>
    public static StandardisationRollup Standardisation(IReadOnlyList<StandardSystem> systems,
        IReadOnlyList<StandardStep> steps, IReadOnlyList<StandardStepChange> changes)
    {
        var ordered = steps.OrderBy(s => s.No).ToList();
        var column = ordered.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var last = changes.Where(c => column.ContainsKey(c.StepId))
            .GroupBy(c => (c.SystemId, c.StepId))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.ChangedOn).ThenBy(c => c.RecordedAt).ThenBy(c => c.Id).Last());
        double Share(int count) => ordered.Count == 0 ? 0 : (double)count / ordered.Count;

        var rows = systems.OrderBy(s => s.Order).Select(system =>
        {
            var cells = ordered.Select(step => last.GetValueOrDefault((system.Id, step.Id))).ToList();
            var statuses = cells.Select(c => c?.Status ?? StepStatus.NotStarted).ToList();
            int Count(params StepStatus[] of) => statuses.Count(of.Contains);
            return new StandardSystemRow(system, statuses, cells,
                Share(Count(StepStatus.Done, StepStatus.NotApplicable)), Share(Count(StepStatus.InProgress)), Share(Count(StepStatus.NotStarted)));
        }).ToList();
        // The mean of the 業務's shares, taken as one division of the counts (every 業務 has the same steps) so that a
        // published figure such as 686/800 = 0.8575 comes out as exactly that number.
        double Mean(StepStatus[] of) => rows.Count == 0 || ordered.Count == 0 ? 0
            : (double)rows.Sum(r => r.Statuses.Count(of.Contains)) / (rows.Count * ordered.Count);
        return new StandardisationRollup(rows, ordered,
            Mean([StepStatus.Done, StepStatus.NotApplicable]), Mean([StepStatus.InProgress]), Mean([StepStatus.NotStarted]),
            rows.Count(r => r.Complete));
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
            var s = ProgramIndicators.Standardisation(roadmap.StandardSystems, roadmap.StandardSteps, roadmap.StandardChanges);
            result["5.1"] = new("5.1", $"標準化 完了率 {s.Rate * 100:0.##}% (移行済み {s.Migrated} / {s.Systems.Count}、特定移行支援 {s.SpecificSupport})", "standardisation");
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
