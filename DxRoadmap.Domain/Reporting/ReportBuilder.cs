using System.Globalization;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;

namespace DxRoadmap.Domain.Reporting;

/// <summary>What to report: the as-of date, the scope, the previous meeting date for 増減, and the thresholds.</summary>
public sealed record ReportRequest(DateOnly AsOf, ReportScope Scope, DateOnly? Since, DelayThresholds Thresholds)
{
    public const string DefaultMeetingName = "デジタル行政改革部会";

    public string MeetingName { get; init; } = DefaultMeetingName;

    /// <summary>A closed 照会 round to build from: its 基準日 is <see cref="AsOf"/>, its snapshot the values.</summary>
    public RoundBasis? Round { get; init; }

    /// <summary>The closed round before <see cref="Round"/>: 増減 is against it (else against <see cref="Since"/>).</summary>
    public RoundBasis? PreviousRound { get; init; }

    /// <summary>Null when the request makes sense, otherwise the reason in Japanese.</summary>
    public string? Check(RoadmapSnapshot roadmap) =>
        Since is { } since && since >= AsOf
            ? $"前回会議日 ({JapaneseDates.Day(since)}) は基準日 ({JapaneseDates.Day(AsOf)}) より前にしてください。"
            : Scope.Check(roadmap);
}

/// <summary>Builds the committee report: a pure function of the roadmap, its history and the request.</summary>
public static class ReportBuilder
{
    public const string ReportTitle = "進捗状況報告";

    /// <summary>
    /// The report as the roadmap stood at the end of the as-of date: changes saved later are undone from the
    /// history first, so a report for a past meeting shows what was known then.
    /// </summary>
    public static CommitteeReport Build(RoadmapSnapshot current, IReadOnlyList<ProgressUpdate> history, ReportRequest request) =>
        Build(current, history, request, ReportFindings.None);

    /// <param name="findings">推進課's 所見 and typed indicators; each is taken as of the report's date.</param>
    public static CommitteeReport Build(RoadmapSnapshot current, IReadOnlyList<ProgressUpdate> history, ReportRequest request,
        ReportFindings findings)
    {
        if (request.Check(current) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }
        var asOf = request.AsOf;
        var roadmap = request.Round?.Roadmap(current, history) ?? RoadmapHistory.AsOf(current, history, RoadmapHistory.EndOfDay(asOf));
        var scope = request.Scope;
        var assessed = InScope(roadmap, RoadmapSummary.Assess(roadmap, asOf, request.Thresholds), scope);
        var initiatives = roadmap.Initiatives.OrderBy(i => i.Order)
            .Where(i => scope.Includes(i) && (scope.Kind != ReportScopeKind.Department || assessed.Any(a => a.Initiative.Id == i.Id)))
            .ToList();

        var rows = assessed.Select(a => ToRow(a, asOf)).ToList();
        var header = new ReportHeader(ReportTitle, roadmap.Plan.Title, request.MeetingName,
            IssuedBy(roadmap), asOf, JapaneseDates.Day(asOf), scope.Label(roadmap), scope, request.Since,
            roadmap.Plan.SampleProgressLoaded) { Basis = request.Round?.Label };

        var procedures = Procedures(roadmap, scope, asOf);
        var standardisation = Standardisation(roadmap, scope, asOf);
        var automation = Automation(roadmap, scope);
        return new CommitteeReport(
            header,
            initiatives.Select(i => ToInitiativeRow(i, assessed.Where(a => a.Initiative.Id == i.Id).ToList(), asOf)).ToList(),
            rows.Where(r => r.IsLate).ToList(),
            rows,
            Departments(roadmap, assessed).Where(d => scope.Kind != ReportScopeKind.Department || d.Name == scope.Value).ToList(),
            procedures,
            standardisation,
            automation,
            Changes(current, history, request, initiatives, assessed),
            Gantt(assessed, asOf))
        {
            Details = InitiativeDetails.Build(initiatives, roadmap, findings, asOf, procedures, standardisation, automation),
        };
    }

    /// <summary>
    /// The per-initiative 目標, 所見 and indicators of the whole plan on a roadmap already as of <paramref name="asOf"/>
    /// (the dashboard shows them without building a whole report).
    /// </summary>
    public static IReadOnlyList<InitiativeDetail> Details(RoadmapSnapshot roadmap, ReportFindings findings, DateOnly asOf) =>
        InitiativeDetails.Build(roadmap.Initiatives.OrderBy(i => i.Order).ToList(), roadmap, findings, asOf,
            Procedures(roadmap, ReportScope.All, asOf), Standardisation(roadmap, ReportScope.All, asOf), Automation(roadmap, ReportScope.All));

    /// <summary>
    /// The chart from the one Gantt layout, month by month over the plan's fiscal years (stretched to include
    /// the as-of date, so the today line is always on it).
    /// </summary>
    private static GanttGeometry Gantt(IReadOnlyList<AssessedMilestone> assessed, DateOnly asOf)
    {
        var plan = GanttWindow.ForPlan(assessed.Select(a => a.Milestone), asOf);
        var fiscalYear = JapaneseDates.FiscalYear(asOf);
        var window = new GanttWindow(Math.Min(plan.FirstFiscalYear, fiscalYear), Math.Max(plan.LastFiscalYear, fiscalYear));
        return GanttLayout.Build(assessed, asOf, window, GanttZoom.Month);
    }

    private static List<AssessedMilestone> InScope(RoadmapSnapshot roadmap, IReadOnlyList<AssessedMilestone> all, ReportScope scope) =>
        all.Where(a => scope.Includes(a.Milestone, a.Initiative)).ToList();

    private static string IssuedBy(RoadmapSnapshot roadmap)
    {
        var owner = roadmap.Plan.OwnerDepartment;
        var division = roadmap.Departments.FirstOrDefault(d => d.Name == owner)?.Division;
        return string.IsNullOrEmpty(division) ? owner : $"{division} {owner}";
    }

    private static InitiativeRow ToInitiativeRow(Initiative initiative, IReadOnlyList<AssessedMilestone> items, DateOnly asOf)
    {
        var s = RoadmapSummary.Summarise(initiative, items);
        var evaluation = EvaluationRule.Evaluate(items, asOf, out var progress);
        return new InitiativeRow(initiative.Code, initiative.Title, initiative.LeadDepartment, s.Total, s.External,
            s.Count(MilestoneStatus.NotStarted), s.Count(MilestoneStatus.InProgress), s.Count(MilestoneStatus.Done),
            s.Count(MilestoneStatus.OnHold), s.Count(MilestoneStatus.Cancelled),
            s.Count(DelayKind.Overdue), s.Count(DelayKind.LateStart), s.Count(DelayKind.AtRisk), s.Count(DelayKind.Stale),
            s.Late, s.ShareDone, progress.Actual, progress.Expected, s.Signal, evaluation);
    }

    private static MilestoneRow ToRow(AssessedMilestone a, DateOnly asOf)
    {
        var m = a.Milestone;
        var state = m.IsExternal ? $"国・県の動き ({m.ExternalActor})"
            : a.Assessment.Flags.Count > 0 ? string.Join("、", a.Assessment.Flags.Select(f => f.Description))
            : m.Status == MilestoneStatus.Done ? "完了"
            : m.Status == MilestoneStatus.Cancelled ? "中止"
            : m.PlannedStart is { } start && start.FirstDay > asOf ? "予定" : "順調";
        return new MilestoneRow(m.Code, a.Initiative.Code, a.Initiative.Title, a.Track.Title, m.Title, m.OwnerName,
            string.Join("、", m.RelatedDepartments), m.Kind, Period(m, asOf), m.PlannedStart, m.PlannedEnd,
            m.Status, m.Progress, m.ActualStart, m.ActualEnd, state, a.Assessment.Signal, a.Assessment.IsLate,
            m.IsExternal, m.OpenEnded, m.Source.Label(), m.DelayReason, m.Countermeasure, m.Note);
    }

    /// <summary>
    /// The planned period as the report reads it. A yearly step is judged on this year's occurrence, so that is
    /// the period printed beside its 判定, with the first occurrence after it.
    /// </summary>
    internal static string Period(Milestone m, DateOnly asOf)
    {
        var first = JapaneseDates.Period(m);
        if (!m.RecurringYearly)
        {
            return first;
        }
        var (start, end) = DelayRules.CurrentOccurrence(m, asOf);
        return Equals(start, m.PlannedStart) && Equals(end, m.PlannedEnd)
            ? first + " (毎年)"
            : $"{JapaneseDates.Period(start, end, m.Kind, m.OpenEnded, m.Deadline)} (毎年、初回 {first})";
    }

    /// <summary>
    /// One row per department with items in scope, in the roadmap's department order. A department counts the
    /// items it owns (主管) and those it is named on (関係課): a 所属長 answers for both at the committee.
    /// </summary>
    private static List<DepartmentRow> Departments(RoadmapSnapshot roadmap, IReadOnlyList<AssessedMilestone> assessed) =>
        roadmap.Departments
            .Select(d => (Department: d, Items: assessed.Where(a => !a.Milestone.IsExternal
                && (a.Milestone.OwnerDepartmentId == d.Id || a.Milestone.RelatedDepartments.Contains(d.Name, StringComparer.Ordinal))).ToList()))
            .Where(x => x.Items.Count > 0)
            .Select(x =>
            {
                var items = x.Items;
                var counted = items.Count(a => a.Milestone.Status != MilestoneStatus.Cancelled);
                var done = items.Count(a => a.Milestone.Status == MilestoneStatus.Done);
                var late = items.Count(a => a.Assessment.IsLate);
                var attention = items.Count(a => a.Assessment.NeedsAttention && !a.Assessment.IsLate);
                return new DepartmentRow(x.Department.Name, x.Department.Division ?? "", items.Count,
                    items.Count(a => a.Milestone.OwnerDepartmentId == x.Department.Id),
                    items.Count(a => a.Milestone.Status == MilestoneStatus.NotStarted),
                    items.Count(a => a.Milestone.Status == MilestoneStatus.InProgress), done, late, attention,
                    counted == 0 ? 0 : (double)done / counted,
                    late > 0 ? Signal.Red : attention > 0 ? Signal.Yellow : Signal.Blue);
            })
            .ToList();

    /// <summary>The online procedures belong to 5.2: shown for the whole plan, for 5.2, or for their department.</summary>
    private static ProcedureSection? Procedures(RoadmapSnapshot roadmap, ReportScope scope, DateOnly asOf)
    {
        if (scope.Kind == ReportScopeKind.Initiative && scope.Value != "5.2")
        {
            return null;
        }
        var rows = roadmap.Procedures.Where(p => scope.Includes(p.Department)).OrderBy(p => p.Order)
            .Select(p => new ProcedureRow(p.Department?.Name ?? "", p.Title, p.Category, p.Stage.Label(),
                p.PlannedGoLive, p.ActualGoLive,
                p.Stage != ProcedureStage.InService && p.PlannedGoLive is { } goLive && goLive < asOf))
            .ToList();
        if (rows.Count == 0)
        {
            return null;
        }
        var byStage = Enum.GetValues<ProcedureStage>()
            .Select(s => new StageCount(s.Label(), rows.Count(r => r.Stage == s.Label())))
            .ToList();
        return new ProcedureSection(rows, byStage);
    }

    /// <summary>
    /// 標準化 belongs to 5.1: shown for the whole plan, for 5.1, or for a department that owns systems. The roadmap is
    /// already as of the report's date (<see cref="RoadmapHistory.AsOf"/>), so later step changes and go-lives do not count.
    /// </summary>
    private static StandardisationSection? Standardisation(RoadmapSnapshot roadmap, ReportScope scope, DateOnly asOf)
    {
        if (scope.Kind == ReportScopeKind.Initiative && scope.Value != "5.1")
        {
            return null;
        }
        var systems = roadmap.StandardSystems.Where(s => scope.Includes(s.Department)).ToList();
        if (systems.Count == 0)
        {
            return null;
        }
        var rollup = ProgramIndicators.Standardisation(systems, roadmap.StandardSteps, roadmap.StandardChanges);
        var lines = rollup.Systems
            .Select(r => new StandardSystemLine(r.System.Name, r.System.Department?.Name ?? "", r.Statuses,
                r.Rate, r.WorkingRate, r.NotStartedRate, r.System.SpecificSupport, r.System.SpecificReason?.Label(),
                r.System.PlannedMigration, r.System.GoLiveOn, MigrationAlerts.IsLate(r.System, asOf), r.System.MigrationNote))
            .ToList();
        return new StandardisationSection(rollup.Steps.Select(s => new StandardStepColumn(s.No, s.Code, s.Group, s.Title)).ToList(),
            lines, rollup.Rate, rollup.WorkingRate, rollup.NotStartedRate, rollup.SystemsComplete, rollup.Migrated, rollup.SpecificSupport);
    }

    /// <summary>AI・RPA belongs to 5.3: the cases in scope, and the peer table alongside whenever the section shows.</summary>
    private static AutomationSection? Automation(RoadmapSnapshot roadmap, ReportScope scope)
    {
        if (scope.Kind == ReportScopeKind.Initiative && scope.Value != "5.3")
        {
            return null;
        }
        var cases = roadmap.AutomationCases.Where(c => scope.Includes(c.Department))
            .OrderBy(c => c.Department?.Name, StringComparer.Ordinal).ThenBy(c => c.Business, StringComparer.Ordinal)
            .Select(c => new AutomationRow(c.Department?.Name ?? "", c.Business, c.Tool ?? "", c.Stage ?? "",
                c.PlannedHoursSaved, c.ActualHoursSaved))
            .ToList();
        if (cases.Count == 0 && (scope.Kind == ReportScopeKind.Department || roadmap.Peers.Count == 0))
        {
            return null;
        }
        var peers = roadmap.Peers.OrderBy(p => p.Order)
            .Select(p => new PeerRow(p.Name, p.Type, p.Population, p.Staff, p.Tasks, PeerHours(p)))
            .ToList();
        return new AutomationSection(cases, peers);
    }

    private static string PeerHours(PeerMunicipality p)
    {
        var hours = p.HoursSaved.ToString("#,0", CultureInfo.InvariantCulture);
        if (p.HoursSavedMax is { } max)
        {
            hours += "～" + max.ToString("#,0", CultureInfo.InvariantCulture);
        }
        return hours + "時間" + (p.Estimate ? " (見込)" : "");
    }

    /// <summary>
    /// 増減: the same scope assessed on the previous closed round as it fixed it, or else on the roadmap as it stood
    /// at the end of the previous meeting date; none without either.
    /// </summary>
    private static ChangeSection? Changes(RoadmapSnapshot current, IReadOnlyList<ProgressUpdate> history, ReportRequest request,
        IReadOnlyList<Initiative> initiatives, IReadOnlyList<AssessedMilestone> now)
    {
        var previous = request.PreviousRound;
        if ((previous?.BaseDate ?? request.Since) is not { } since)
        {
            return null;
        }
        var then = previous?.Roadmap(current, history) ?? RoadmapHistory.AsOf(current, history, RoadmapHistory.EndOfDay(since));
        var before = InScope(then, RoadmapSummary.Assess(then, since, request.Thresholds), request.Scope)
            .ToDictionary(a => a.Milestone.Id);

        var perInitiative = initiatives.Select(i =>
        {
            var nowItems = now.Where(a => a.Initiative.Id == i.Id).ToList();
            var beforeItems = before.Values.Where(a => a.Initiative.Id == i.Id).ToList();
            var sNow = RoadmapSummary.Summarise(i, nowItems);
            var sBefore = RoadmapSummary.Summarise(i, beforeItems);
            return new InitiativeChange(i.Code, i.Title, sBefore.Count(MilestoneStatus.Done), sNow.Count(MilestoneStatus.Done),
                sBefore.Late, sNow.Late, EvaluationRule.Evaluate(beforeItems, since, out _),
                EvaluationRule.Evaluate(nowItems, request.AsOf, out _));
        }).ToList();

        var changes = new List<MilestoneChange>();
        foreach (var a in now)
        {
            if (!before.TryGetValue(a.Milestone.Id, out var b))
            {
                continue;
            }
            var parts = new List<string>(3);
            if (b.Milestone.Status != a.Milestone.Status)
            {
                parts.Add($"状態 {b.Milestone.Status.Label()}→{a.Milestone.Status.Label()}");
            }
            if (b.Milestone.Progress != a.Milestone.Progress)
            {
                parts.Add($"進捗 {b.Milestone.Progress}%→{a.Milestone.Progress}%");
            }
            if (a.Assessment.IsLate && !b.Assessment.IsLate)
            {
                parts.Add("新たに遅延");
            }
            else if (!a.Assessment.IsLate && b.Assessment.IsLate)
            {
                // A yearly step that moved on to this year's occurrence is no longer judged on last year's,
                // which is not the same as catching up.
                var rolledOver = a.Milestone.RecurringYearly
                    && !Equals(DelayRules.CurrentOccurrence(a.Milestone, request.AsOf), DelayRules.CurrentOccurrence(b.Milestone, since));
                parts.Add(rolledOver && a.Milestone.Status != MilestoneStatus.Done
                    ? $"年次の回が替わり今回の回で判定 (前回の回は{b.Milestone.Status.Label()} {b.Milestone.Progress}%のまま)"
                    : "遅延解消");
            }
            if (parts.Count > 0)
            {
                changes.Add(new MilestoneChange(a.Milestone.Code, a.Initiative.Code, a.Milestone.Title, a.Milestone.OwnerName,
                    string.Join("、", parts)));
            }
        }
        return new ChangeSection(since, JapaneseDates.Day(since), perInitiative, changes) { Previous = previous?.PreviousLabel };
    }
}
