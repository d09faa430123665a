using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using Microsoft.Extensions.Options;

namespace DxRoadmap.Web.Services;

/// <summary>What the dashboard shows for one as-of date.</summary>
public sealed record DashboardView(
    DateOnly AsOf,
    string PlanTitle,
    IReadOnlyList<InitiativeSummary> Initiatives,
    IReadOnlyList<AssessedMilestone> Flagged,
    int FiscalYear,
    IReadOnlyList<AssessedMilestone> DueThisYear,
    IReadOnlyList<string> Departments,
    string? Department)
{
    /// <summary>5.1–5.3's measured figures (標準化 完了率, 手続の段階, 削減時間), by initiative code.</summary>
    public IReadOnlyDictionary<string, InitiativeIndicator> Indicators { get; init; } =
        new Dictionary<string, InitiativeIndicator>();

    public int LateCount => Flagged.Count(a => a.Assessment.IsLate);

    public int AttentionCount => Flagged.Count(a => !a.Assessment.IsLate);
}

/// <summary>One row of the alert centre: a flagged milestone.</summary>
public sealed record AlertRow(AssessedMilestone Item)
{
    public Milestone Milestone => Item.Milestone;
    public IReadOnlyList<DelayFlag> Flags => Item.Assessment.Flags;
    public bool Concerns(string department) => ProgressQueries.Concerns(Item.Milestone, department);
}

public sealed record InitiativeView(
    DateOnly AsOf,
    InitiativeSummary Summary,
    IReadOnlyList<TrackView> Tracks);

public sealed record TrackView(Track Track, IReadOnlyList<AssessedMilestone> Milestones);

/// <summary>One 課's milestones (owner or related), procedures and automation cases.</summary>
public sealed record DepartmentView(
    DateOnly AsOf,
    Department Department,
    IReadOnlyList<DepartmentMilestone> Milestones,
    IReadOnlyList<OnlineProcedure> Procedures,
    IReadOnlyList<AutomationCase> AutomationCases);

public sealed record DepartmentMilestone(AssessedMilestone Item, bool IsOwner);

/// <summary>A line of the 課別ビュー index.</summary>
public sealed record DepartmentLine(Department Department, int Owned, int Related, int Late, int Attention, int Procedures, int Cases);

/// <summary>
/// Read-side questions of the progress screens. Each call loads one snapshot through <see cref="RoadmapReader"/>
/// and answers with the domain rules for the given as-of date, so every screen agrees with the reports.
/// The reader hands out the same snapshot until the data changes, so the assessment of a snapshot on a day is
/// kept with it (the alert badge asks on every navigation) and goes when the snapshot does.
/// </summary>
public sealed class ProgressQueries(RoadmapReader reader, IOptions<DelayThresholds> thresholds)
{
    private const int DaysKeptPerSnapshot = 16;

    // Dashboards kept per assessment: one per 課 asked for (and none); the bound keeps made-up ?dept= values in check.
    private const int DashboardsKept = 64;

    private readonly ConditionalWeakTable<RoadmapSnapshot, ConcurrentDictionary<(DateOnly, DelayThresholds), Assessment>> _assessments = new();

    private DelayThresholds Thresholds => thresholds.Value;

    /// <summary>The dashboard on a day, with a 課's items first; shared between callers, not to be changed.</summary>
    public async Task<DashboardView> GetDashboardAsync(DateOnly asOf, string? department, CancellationToken cancellationToken = default)
    {
        department = string.IsNullOrEmpty(department) ? null : department;
        var roadmap = await reader.LoadAsOfAsync(asOf, cancellationToken);
        var assessment = Assessed(roadmap, asOf);
        // Kept with the assessment: everyone opening the same dashboard (most open today's, for all or their 課)
        // shares one view instead of each building and holding a copy.
        var key = department ?? "";
        if (assessment.Dashboards.TryGetValue(key, out var kept))
        {
            return kept;
        }
        var view = Dashboard(roadmap, asOf, assessment, department);
        return assessment.Dashboards.Keep(key, view, DashboardsKept);
    }

    private static DashboardView Dashboard(RoadmapSnapshot roadmap, DateOnly asOf, Assessment assessment, string? department)
    {
        var (assessed, flaggedAll) = assessment;
        var mineFirst = MineFirst(department);

        // Stable: the chosen 課 first, otherwise the alert order.
        var flagged = department is null ? flaggedAll.ToList() : flaggedAll.OrderBy(mineFirst).ToList();

        var fiscalYear = JapaneseDates.FiscalYear(asOf);
        var from = JapaneseDates.FiscalYearStart(fiscalYear);
        var to = JapaneseDates.FiscalYearEnd(fiscalYear);
        var due = assessed
            .Select(a => (Item: a, End: DelayRules.CurrentOccurrence(a.Milestone, asOf).End))
            .Where(x => !x.Item.Milestone.OpenEnded && x.End is { } end && end.LastDay >= from && end.LastDay <= to)
            .OrderBy(x => mineFirst(x.Item))
            .ThenBy(x => x.End!.Value.LastDay)
            .ThenBy(x => x.Item.Initiative.Order)
            .Select(x => x.Item)
            .ToList();

        var departments = roadmap.Departments.Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        var known = department is not null && departments.Contains(department) ? department : null;
        return new DashboardView(asOf, roadmap.Plan.Title, RoadmapSummary.ByInitiative(roadmap.Initiatives, assessed),
            flagged, fiscalYear, due, departments, known)
        {
            Indicators = InitiativeIndicators.For(roadmap),
        };
    }

    /// <summary>Every flagged milestone on the as-of date, late first, then by how far behind.</summary>
    public async Task<IReadOnlyList<AlertRow>> GetAlertsAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = await reader.LoadAsOfAsync(asOf, cancellationToken);
        return Assessed(roadmap, asOf).Flagged.Select(a => new AlertRow(a)).ToList();
    }

    /// <summary>Every milestone judged on the as-of date, in plan order (the Gantt chart's input).</summary>
    public async Task<IReadOnlyList<AssessedMilestone>> GetAssessedAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = await reader.LoadAsOfAsync(asOf, cancellationToken);
        return Assessed(roadmap, asOf).Assessed;
    }

    public async Task<int> CountAlertsAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = await reader.LoadAsOfAsync(asOf, cancellationToken);
        return Assessed(roadmap, asOf).Flagged.Count;
    }

    public async Task<InitiativeView?> GetInitiativeAsync(string code, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = await reader.LoadAsOfAsync(asOf, cancellationToken);
        var initiative = roadmap.Initiatives.FirstOrDefault(i => i.Code == code);
        if (initiative is null)
        {
            return null;
        }
        var assessed = Assessed(roadmap, asOf).Assessed.Where(a => a.Initiative.Id == initiative.Id).ToList();
        var tracks = roadmap.Tracks.Where(t => t.InitiativeId == initiative.Id).OrderBy(t => t.Order)
            .Select(t => new TrackView(t, assessed.Where(a => a.Track.Id == t.Id).ToList()))
            .ToList();
        return new InitiativeView(asOf, RoadmapSummary.Summarise(initiative, assessed), tracks);
    }

    public async Task<IReadOnlyList<DepartmentLine>> GetDepartmentLinesAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = await reader.LoadAsOfAsync(asOf, cancellationToken);
        var assessed = Assessed(roadmap, asOf).Assessed;
        return roadmap.Departments
            .Select(d =>
            {
                var mine = assessed.Where(a => Concerns(a.Milestone, d.Name)).ToList();
                return new DepartmentLine(d,
                    mine.Count(a => a.Milestone.OwnerDepartmentId == d.Id),
                    mine.Count(a => a.Milestone.OwnerDepartmentId != d.Id),
                    mine.Count(a => a.Assessment.IsLate),
                    mine.Count(a => a.Assessment.NeedsAttention && !a.Assessment.IsLate),
                    roadmap.Procedures.Count(p => p.DepartmentId == d.Id),
                    roadmap.AutomationCases.Count(c => c.DepartmentId == d.Id));
            })
            .OrderByDescending(l => l.Late).ThenByDescending(l => l.Attention).ThenBy(l => l.Department.Name, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<DepartmentView?> GetDepartmentAsync(string name, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = await reader.LoadAsOfAsync(asOf, cancellationToken);
        var department = roadmap.Departments.FirstOrDefault(d => d.Name == name);
        if (department is null)
        {
            return null;
        }
        var milestones = Assessed(roadmap, asOf).Assessed
            .Where(a => Concerns(a.Milestone, name))
            .OrderByDescending(a => a.Assessment.Signal)
            .ThenBy(a => a.Milestone.IsClosed)
            .ThenBy(a => a.Milestone.PlannedEnd?.LastDay ?? DateOnly.MaxValue)
            .Select(a => new DepartmentMilestone(a, a.Milestone.OwnerDepartmentId == department.Id))
            .ToList();
        var procedures = roadmap.Procedures.Where(p => p.DepartmentId == department.Id)
            .OrderBy(p => p.Stage == ProcedureStage.InService)
            .ThenBy(p => p.PlannedGoLive ?? DateOnly.MaxValue)
            .ThenBy(p => p.Order)
            .ToList();
        var cases = roadmap.AutomationCases.Where(c => c.DepartmentId == department.Id).ToList();
        return new DepartmentView(asOf, department, milestones, procedures, cases);
    }

    /// <summary>The 課 owns the milestone or is listed among its related departments.</summary>
    public static bool Concerns(Milestone milestone, string department) =>
        milestone.OwnerName == department || milestone.RelatedDepartments.Contains(department);

    /// <summary>Every milestone assessed on the day, and the flagged ones late first, then by how far behind.</summary>
    private Assessment Assessed(RoadmapSnapshot roadmap, DateOnly asOf)
    {
        var kept = _assessments.GetValue(roadmap, _ => new());
        var key = (asOf, Thresholds);
        if (kept.TryGetValue(key, out var assessment))
        {
            return assessment;
        }
        var assessed = RoadmapSummary.Assess(roadmap, asOf, Thresholds);
        var flagged = assessed
            .Where(a => a.Assessment.NeedsAttention)
            .OrderByDescending(a => a.Assessment.Signal)
            .ThenBy(a => a.Assessment.Worst!.Kind)
            .ThenByDescending(a => a.Assessment.Worst!.Days)
            .ToList();
        return kept.Keep(key, new Assessment(assessed, flagged), DaysKeptPerSnapshot);
    }

    private sealed record Assessment(IReadOnlyList<AssessedMilestone> Assessed, IReadOnlyList<AssessedMilestone> Flagged)
    {
        /// <summary>The dashboards built from this assessment, by 課 ("" for none).</summary>
        public ConcurrentDictionary<string, DashboardView> Dashboards { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Sort key putting the chosen 課's items (owned, then related) before the rest.</summary>
    private static Func<AssessedMilestone, int> MineFirst(string? department) => a =>
        department is null ? 0
        : a.Milestone.OwnerName == department ? 0
        : a.Milestone.RelatedDepartments.Contains(department) ? 1
        : 2;
}
