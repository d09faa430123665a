namespace DxRoadmap.Domain.Roadmap;

/// <summary>
/// One saved change to a milestone: who, when, each field's old and new value, and a comment.
/// The history lets a report be rebuilt as of a past meeting date.
/// </summary>
public sealed class ProgressUpdate
{
    public int Id { get; set; }
    public int MilestoneId { get; set; }
    public Milestone? Milestone { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? Comment { get; set; }
    /// <summary>Set when planned dates changed (計画変更理由).</summary>
    public string? ReplanReason { get; set; }
    public List<FieldChange> Changes { get; set; } = [];
}

/// <summary>A field's value before and after a change, as displayed text (empty for none).</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);
