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
    List<string>? RationalisationViewpoints);

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

internal sealed record SampleProgressFile(string? AsOf, string? Note, List<SampleProgressDto>? Items);

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
