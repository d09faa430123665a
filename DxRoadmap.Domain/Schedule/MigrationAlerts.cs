using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule;

/// <summary>
/// 5.1's real move as a delay: a 業務 whose planned migration month has passed without going live on its
/// 標準準拠システム is 遅延, judged by the milestones' own rule (a month ends on its last day: 令和8年3月 is late from
/// 2026-04-01), so a system's delay and a milestone's are one kind of alert.
/// </summary>
public static class MigrationAlerts
{
    public static DelayAssessment Assess(StandardSystem system, DateOnly asOf) =>
        system.PlannedMigration is { } planned
            ? DelayRules.Assess(new Milestone
            {
                Code = system.Name,
                Title = system.Name,
                Kind = MilestoneKind.Point,
                PlannedEnd = planned,
                Status = system.GoLiveOn is { } live && live <= asOf ? MilestoneStatus.Done : MilestoneStatus.InProgress,
            }, asOf)
            : DelayAssessment.None;

    public static bool IsLate(StandardSystem system, DateOnly asOf) => Assess(system, asOf).Has(DelayKind.Overdue);

    /// <summary>The 業務 late on <paramref name="asOf"/>, in their order, with how late each is.</summary>
    public static IReadOnlyList<(StandardSystem System, DelayFlag Flag)> Late(IEnumerable<StandardSystem> systems, DateOnly asOf) =>
        systems.OrderBy(s => s.Order)
            .Select(s => (System: s, Flag: Assess(s, asOf).Flags.FirstOrDefault(f => f.Kind == DelayKind.Overdue)))
            .Where(p => p.Flag is not null)
            .Select(p => (p.System, p.Flag!))
            .ToList();
}
