namespace DxRoadmap.Domain.Roadmap;

/// <summary>A dated step of the plan (工程).</summary>
public sealed class Milestone
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    /// <summary>Stable identifier from the plan data, e.g. "5.2-07".</summary>
    public required string Code { get; set; }
    public int TrackId { get; set; }
    public Track? Track { get; set; }
    public required string Title { get; set; }
    public MilestoneKind Kind { get; set; }

    /// <summary>Planned start; for a point the same as <see cref="PlannedEnd"/>.</summary>
    public PlanDate? PlannedStart { get; set; }
    /// <summary>Planned end; null only when <see cref="OpenEnded"/>.</summary>
    public PlanDate? PlannedEnd { get; set; }
    /// <summary>The planned dates as first issued, kept when the plan is changed (計画変更).</summary>
    public PlanDate? BaselineStart { get; set; }
    public PlanDate? BaselineEnd { get; set; }

    /// <summary>「から」「から順次」: a span without an end. Never overdue.</summary>
    public bool OpenEnded { get; set; }
    /// <summary>「までに」: a point that is a due-by date.</summary>
    public bool Deadline { get; set; }
    /// <summary>An event of the nation or prefecture (総務省, 鹿児島県): shown, never delayed.</summary>
    public string? ExternalActor { get; set; }
    public bool RecurringYearly { get; set; }

    public int OwnerDepartmentId { get; set; }
    public Department? OwnerDepartment { get; set; }
    public List<string> RelatedDepartments { get; set; } = [];
    public MilestoneSource Source { get; set; }

    public MilestoneStatus Status { get; set; }
    public int Progress { get; set; }
    public DateOnly? ActualStart { get; set; }
    public DateOnly? ActualEnd { get; set; }
    public string? DelayReason { get; set; }
    public string? Countermeasure { get; set; }
    public string? Note { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public int Order { get; set; }

    /// <summary>Application-managed concurrency token (SQLite has no rowversion).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsExternal => ExternalActor is not null;

    public bool IsClosed => Status is MilestoneStatus.Done or MilestoneStatus.Cancelled;

    /// <summary>True when planned dates differ from the plan as first issued.</summary>
    public bool IsReplanned => BaselineStart != PlannedStart || BaselineEnd != PlannedEnd;

    public string OwnerName => OwnerDepartment?.Name ?? "";
}
