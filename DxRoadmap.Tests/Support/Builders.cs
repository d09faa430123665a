using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Tests.Support;

/// <summary>Test data builders: a milestone with sensible defaults, changed only where a test cares.</summary>
public static class Build
{
    public static Milestone Span(string start, string end, MilestoneStatus status = MilestoneStatus.NotStarted,
        int progress = 0) => new()
    {
        Code = "T-" + Guid.NewGuid().ToString("N")[..6],
        Title = "テスト工程",
        Kind = MilestoneKind.Span,
        PlannedStart = PlanDate.Parse(start),
        PlannedEnd = PlanDate.Parse(end),
        BaselineStart = PlanDate.Parse(start),
        BaselineEnd = PlanDate.Parse(end),
        Status = status,
        Progress = progress,
    };

    public static Milestone Point(string date, MilestoneStatus status = MilestoneStatus.NotStarted) => new()
    {
        Code = "T-" + Guid.NewGuid().ToString("N")[..6],
        Title = "テスト工程",
        Kind = MilestoneKind.Point,
        PlannedStart = PlanDate.Parse(date),
        PlannedEnd = PlanDate.Parse(date),
        BaselineStart = PlanDate.Parse(date),
        BaselineEnd = PlanDate.Parse(date),
        Status = status,
    };

    public static Milestone OpenEnded(string start, MilestoneStatus status = MilestoneStatus.InProgress) => new()
    {
        Code = "T-" + Guid.NewGuid().ToString("N")[..6],
        Title = "テスト工程",
        Kind = MilestoneKind.Span,
        PlannedStart = PlanDate.Parse(start),
        BaselineStart = PlanDate.Parse(start),
        OpenEnded = true,
        Status = status,
    };

    public static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static Milestone With(this Milestone milestone, Action<Milestone> change)
    {
        change(milestone);
        return milestone;
    }
}
