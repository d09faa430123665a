namespace DxRoadmap.Domain.Roadmap;

public sealed class Plan
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Version { get; set; }
    public required PlanDate Issued { get; set; }
    public required string OwnerDepartment { get; set; }
    /// <summary>True when the demonstration progress file was loaded into this database.</summary>
    public bool SampleProgressLoaded { get; set; }
}

/// <summary>A 課 and the 部 it belongs to.</summary>
public sealed class Department
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Division { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A priority initiative (重点取組), 5.1 … 5.5.</summary>
public sealed class Initiative
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string? Aim { get; set; }
    public required string LeadDepartment { get; set; }
    public int Order { get; set; }
    public List<Track> Tracks { get; set; } = [];
}

/// <summary>A named group of milestones inside an initiative (取組項目), e.g. 【行政手続の添付書類の不要化】.</summary>
public sealed class Track
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int InitiativeId { get; set; }
    public Initiative? Initiative { get; set; }
    public required string Title { get; set; }
    public bool RecurringYearly { get; set; }
    public int Order { get; set; }
    public List<Milestone> Milestones { get; set; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>One of the 5.2 procedures to bring online (オンライン化対象手続).</summary>
public sealed class OnlineProcedure
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Category { get; set; }
    public ProcedureStage Stage { get; set; }
    public DateOnly? PlannedGoLive { get; set; }
    public DateOnly? ActualGoLive { get; set; }
    public int Order { get; set; }
}

public enum ProcedureStage
{
    NotStarted = 0,
    FormRegistered = 1,
    Verified = 2,
    ApiConnected = 3,
    InService = 4,
}

/// <summary>An AI・RPA application (AI・RPA適用業務).</summary>
public sealed class AutomationCase
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Business { get; set; }
    public string? Tool { get; set; }
    public string? Stage { get; set; }
    public decimal? PlannedHoursSaved { get; set; }
    public decimal? ActualHoursSaved { get; set; }
}

/// <summary>A row of the plan's table of other municipalities' RPA results (表2-2).</summary>
public sealed class PeerMunicipality
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Type { get; set; }
    public int Population { get; set; }
    public int Staff { get; set; }
    public int Tasks { get; set; }
    public int HoursSaved { get; set; }
    /// <summary>Upper end where the plan gives a range (207～241時間).</summary>
    public int? HoursSavedMax { get; set; }
    /// <summary>The figure is an estimate (見込).</summary>
    public bool Estimate { get; set; }
    public int Order { get; set; }
}

/// <summary>An entry of a reference list in the plan (5.2 §5 work steps, 5.4 viewpoints).</summary>
public sealed class ReferenceItem
{
    public int Id { get; set; }
    public required string List { get; set; }
    public int No { get; set; }
    public required string Title { get; set; }

    public const string WorkSteps = "オンライン化の作業手順";
    public const string RationalisationViewpoints = "合理化の観点";
    public const string AutomationTargets = "AI・RPA対象課";
}
