using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Web.Services;

/// <summary>The planned (not progress) fields of a milestone, as the plan maintenance form edits them.</summary>
public sealed class MilestonePlanModel
{
    public string Title { get; set; } = "";
    public int TrackId { get; set; }
    public int OwnerDepartmentId { get; set; }
    public IReadOnlyCollection<string> RelatedDepartments { get; set; } = [];
    public MilestoneKind Kind { get; set; }
    /// <summary>"2022-04" (month) or "2022-04-15" (day), as the plan file writes dates.</summary>
    public string? PlannedStart { get; set; }
    public string? PlannedEnd { get; set; }
    public bool OpenEnded { get; set; }
    public bool Deadline { get; set; }
    public string? ExternalActor { get; set; }
    public bool RecurringYearly { get; set; }
    /// <summary>計画変更理由: required when the planned dates of an existing milestone change.</summary>
    public string? ReplanReason { get; set; }

    public static MilestonePlanModel From(Milestone m) => new()
    {
        Title = m.Title,
        TrackId = m.TrackId,
        OwnerDepartmentId = m.OwnerDepartmentId,
        RelatedDepartments = m.RelatedDepartments.ToList(),
        Kind = m.Kind,
        PlannedStart = m.Kind == MilestoneKind.Point ? null : m.PlannedStart?.ToIso(),
        PlannedEnd = m.PlannedEnd?.ToIso(),
        OpenEnded = m.OpenEnded,
        Deadline = m.Deadline,
        ExternalActor = m.ExternalActor,
        RecurringYearly = m.RecurringYearly,
    };
}
