using System.Text.Json.Serialization;

namespace DxRoadmap.Web.Data.Seeding;

// The shapes of data/roadmap.json and data/sample-progress.json (see docs/data-format.md).

internal sealed record PlanFile(
    PlanHeaderDto? Plan,
    List<DepartmentDto>? Departments,
    List<InitiativeDto>? Initiatives,
    List<TrackDto>? Tracks,
    List<MilestoneDto>? Milestones,
    List<ProcedureDto>? Procedures,
    List<string>? AutomationTargets,
    List<PeerDto>? Peers,
    List<WorkStepDto>? WorkSteps,
    List<string>? RationalisationViewpoints,
    StandardisationDto? Standardisation);

internal sealed record PlanHeaderDto(string? Title, string? Version, string? Issued, string? OwnerDepartment);

internal sealed record DepartmentDto(string? Name, string? Division);

internal sealed record InitiativeDto(string? Code, string? Title, string? Aim, string? LeadDepartment);

internal sealed record TrackDto(string? Id, string? Initiative, string? Title, bool RecurringYearly);

internal sealed record MilestoneDto(
    string? Id,
    string? Track,
    string? Title,
    string? Kind,
    string? Date,
    string? Start,
    string? End,
    bool OpenEnded,
    bool Deadline,
    string? External,
    bool RecurringYearly,
    string? Owner,
    List<string>? Related,
    string? Source,
    string? Note);

internal sealed record ProcedureDto(string? Title, string? Department, string? Category);

internal sealed record PeerDto(
    string? Name,
    string? Type,
    int Population,
    int Staff,
    int Tasks,
    int HoursSaved,
    int? HoursSavedMax,
    bool Estimate);

internal sealed record WorkStepDto(int No, string? Title);

internal sealed record StandardisationDto(string? Source, string? Target, List<StandardSystemDto>? Systems, List<StandardStepDto>? Steps);

internal sealed record StandardSystemDto(string? Name, string? Department);

internal sealed record StandardStepDto(int No, string? Code, string? Title);

internal sealed record SampleProgressFile(
    string? AsOf,
    string? Note,
    List<SampleProgressDto>? Items,
    List<SampleStandardisationDto>? Standardisation,
    List<SampleProcedureDto>? Procedures,
    List<SampleAutomationDto>? AutomationCases);

/// <summary>
/// A 業務's sample history: each change sets a run of steps (「①-1～④-4」 or one code) to a status on a day; the
/// 特定移行支援 designation and the go-live day as they stand.
/// </summary>
internal sealed record SampleStandardisationDto(
    string? System,
    List<SampleStepChangeDto>? Changes,
    string? SpecificReason,
    string? PlannedMigration,
    string? Note,
    string? GoLive);

internal sealed record SampleStepChangeDto(string? On, string? Steps, string? Status);

internal sealed record SampleProcedureDto(string? Procedure, string? Stage, string? PlannedGoLive, string? ActualGoLive);

internal sealed record SampleAutomationDto(
    string? Department,
    string? Business,
    string? Tool,
    string? Stage,
    decimal? PlannedHours,
    decimal? ActualHours);

internal sealed record SampleProgressDto(
    string? Milestone,
    string? Status,
    int Progress,
    string? ActualStart,
    string? ActualEnd,
    string? DelayReason,
    string? Countermeasure,
    string? UpdatedAt,
    [property: JsonPropertyName("note")] string? Note);
