using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Domain.Schedule;
using DxRoadmap.Domain.Schedule.Gantt;

namespace DxRoadmap.Domain.Reporting;

/// <summary>
/// The content of one committee report (部会資料) on one as-of date. The Excel and PDF writers only lay this
/// out; every count, label and date text is decided here, so both formats always say the same.
/// </summary>
public sealed record CommitteeReport(
    ReportHeader Header,
    IReadOnlyList<InitiativeRow> Initiatives,
    IReadOnlyList<MilestoneRow> Late,
    IReadOnlyList<MilestoneRow> Milestones,
    IReadOnlyList<DepartmentRow> Departments,
    ProcedureSection? Procedures,
    StandardisationSection? Standardisation,
    AutomationSection? Automation,
    ChangeSection? Changes,
    GanttGeometry Gantt)
{
    /// <summary>One page per initiative: aim, 所見, indicators (same order as <see cref="Initiatives"/>).</summary>
    public IReadOnlyList<InitiativeDetail> Details { get; init; } = [];

    /// <summary>5.1 beside the 県 and the nation from the newest published table not after the as-of date; null without one.</summary>
    public PeerStanding? Peers { get; init; }
}

/// <summary>The cover and page-header facts.</summary>
public sealed record ReportHeader(
    string Title,
    string PlanTitle,
    string MeetingName,
    string IssuedBy,
    DateOnly AsOf,
    string AsOfLabel,
    string ScopeLabel,
    ReportScope Scope,
    DateOnly? Since,
    bool SampleData)
{
    /// <summary>令和8年11月26日 (2026/11/26): the stamp printed on every page and sheet.</summary>
    public string AsOfWithWestern => $"{AsOfLabel} ({JapaneseDates.WesternDay(AsOf)})";

    /// <summary>「令和8年度第2回 進捗照会 に基づく」 when the report is built from a closed 照会 round.</summary>
    public string? Basis { get; init; }
}

/// <summary>One initiative's line on the summary: counts, share done, signal and evaluation.</summary>
public sealed record InitiativeRow(
    string Code,
    string Title,
    string LeadDepartment,
    int Total,
    int External,
    int NotStarted,
    int InProgress,
    int Done,
    int OnHold,
    int Cancelled,
    int Overdue,
    int LateStart,
    int AtRisk,
    int Stale,
    int Late,
    double ShareDone,
    int ActualProgress,
    int ExpectedProgress,
    Signal Signal,
    Evaluation Evaluation)
{
    public string SignalLabel => Signal.Label();

    public string EvaluationLabel => EvaluationRule.Label(Evaluation);
}

/// <summary>One milestone as every table of the report shows it.</summary>
public sealed record MilestoneRow(
    string Code,
    string InitiativeCode,
    string InitiativeTitle,
    string TrackTitle,
    string Title,
    string Owner,
    string Related,
    MilestoneKind Kind,
    string Period,
    PlanDate? PlannedStart,
    PlanDate? PlannedEnd,
    MilestoneStatus Status,
    int Progress,
    DateOnly? ActualStart,
    DateOnly? ActualEnd,
    string State,
    Signal Signal,
    bool IsLate,
    bool External,
    bool OpenEnded,
    string Source,
    string? DelayReason,
    string? Countermeasure,
    string? Note)
{
    public string StatusLabel => Status.Label();

    public string SignalLabel => Signal.Label();
}

/// <summary>A department's milestones (owned or related) counted the same way as an initiative's.</summary>
public sealed record DepartmentRow(
    string Name,
    string Division,
    int Total,
    int Owned,
    int NotStarted,
    int InProgress,
    int Done,
    int Late,
    int Attention,
    double ShareDone,
    Signal Signal)
{
    public string SignalLabel => Signal.Label();
}

/// <summary>オンライン化対象手続, with counts by stage.</summary>
public sealed record ProcedureSection(IReadOnlyList<ProcedureRow> Rows, IReadOnlyList<StageCount> ByStage);

public sealed record StageCount(string Stage, int Count);

public sealed record ProcedureRow(
    string Department,
    string Title,
    string Category,
    string Stage,
    DateOnly? PlannedGoLive,
    DateOnly? ActualGoLive,
    bool Late);

/// <summary>
/// 5.1 標準化: each 業務's status of the 40 national steps and its rates, counted as 総務省 counts them (全体 is the mean
/// of the 業務), beside the real move: 移行済み N / 20 and 特定移行支援 N.
/// </summary>
public sealed record StandardisationSection(
    IReadOnlyList<StandardStepColumn> Steps,
    IReadOnlyList<StandardSystemLine> Systems,
    double Rate,
    double WorkingRate,
    double NotStartedRate,
    int SystemsComplete,
    int Migrated,
    int SpecificSupport)
{
    /// <summary>「完了率 85.75%　移行済み 1 / 20　特定移行支援 4」: the headline every page and report prints.</summary>
    public string Headline =>
        $"完了率 {StandardSteps.Percent(Rate)}　移行済み {Migrated} / {Systems.Count}　特定移行支援 {SpecificSupport}";

    public int LateMigrations => Systems.Count(s => s.MigrationLate);
}

/// <summary>One step of the national table as a column: 「①-1 推進体制案の作成」 in group ①.</summary>
public sealed record StandardStepColumn(int No, string Code, string Group, string Title);

/// <summary>
/// A 業務's row: <see cref="Statuses"/> holds one status per step, in the order of the section's steps; then where
/// its real move stands.
/// </summary>
public sealed record StandardSystemLine(
    string Name,
    string Department,
    IReadOnlyList<StepStatus> Statuses,
    double Rate,
    double WorkingRate,
    double NotStartedRate,
    bool SpecificSupport,
    string? SpecificReason,
    PlanDate? PlannedMigration,
    DateOnly? GoLiveOn,
    bool MigrationLate,
    string? Note)
{
    /// <summary>Steps finished as 総務省 counts them: 完了済み and 対象外.</summary>
    public int Finished => Statuses.Count(s => s is StepStatus.Done or StepStatus.NotApplicable);

    public bool Complete => Statuses.Count > 0 && Finished == Statuses.Count;

    public string PlannedText => PlannedMigration is { } p ? JapaneseDates.Format(p) : "";

    public string GoLiveText => GoLiveOn is { } d ? JapaneseDates.Day(d) : "";
}

/// <summary>AI・RPA適用業務 and the plan's table of peer municipalities (表2-2).</summary>
public sealed record AutomationSection(IReadOnlyList<AutomationRow> Cases, IReadOnlyList<PeerRow> Peers);

public sealed record AutomationRow(string Department, string Business, string Tool, string Stage,
    decimal? PlannedHoursSaved, decimal? ActualHoursSaved);

public sealed record PeerRow(string Name, string Type, int Population, int Staff, int Tasks, string HoursSaved);

/// <summary>増減: what changed between the previous meeting and the as-of date, rebuilt from the history.</summary>
public sealed record ChangeSection(DateOnly Since, string SinceLabel, IReadOnlyList<InitiativeChange> Initiatives,
    IReadOnlyList<MilestoneChange> Milestones)
{
    /// <summary>The previous closed 照会 round compared with, as <see cref="RoundBasis.PreviousLabel"/> words it; null for a meeting date.</summary>
    public string? Previous { get; init; }

    /// <summary>The section's title in both formats.</summary>
    public string Heading => Previous is { } round ? $"{round} からの増減" : $"前回会議 ({SinceLabel}) からの増減";
}

/// <summary>An initiative's counts then and now.</summary>
public sealed record InitiativeChange(string Code, string Title, int DoneBefore, int DoneNow, int LateBefore, int LateNow,
    Evaluation EvaluationBefore, Evaluation EvaluationNow)
{
    public int DoneDelta => DoneNow - DoneBefore;

    public int LateDelta => LateNow - LateBefore;
}

/// <summary>One milestone whose status, progress or lateness changed: 「進行中→完了」「新たに遅延」「遅延解消」.</summary>
public sealed record MilestoneChange(string Code, string InitiativeCode, string Title, string Owner, string Change);
