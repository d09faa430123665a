using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Domain.Schedule;

/// <summary>Where one initiative stands on an as-of date.</summary>
public sealed record InitiativeSummary(
    Initiative Initiative,
    int Total,
    int External,
    IReadOnlyDictionary<MilestoneStatus, int> ByStatus,
    IReadOnlyDictionary<DelayKind, int> ByDelay,
    int Late,
    int Attention,
    double ShareDone,
    Signal Signal)
{
    public int Count(MilestoneStatus status) => ByStatus.GetValueOrDefault(status);

    public int Count(DelayKind kind) => ByDelay.GetValueOrDefault(kind);
}

/// <summary>A milestone with what the rules say about it on the as-of date.</summary>
public sealed record AssessedMilestone(Milestone Milestone, Initiative Initiative, Track Track, DelayAssessment Assessment);

public static class RoadmapSummary
{
    /// <summary>A share as a whole percentage, halves rounded up (62.5% → 63%), the same on every page and report.</summary>
    public static string Percent(double share) =>
        Math.Round(share * 100, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static IReadOnlyList<AssessedMilestone> Assess(RoadmapSnapshot roadmap, DateOnly asOf, DelayThresholds thresholds)
    {
        var tracks = roadmap.Tracks.ToDictionary(t => t.Id);
        var initiatives = roadmap.Initiatives.ToDictionary(i => i.Id);
        return roadmap.Milestones
            .Select(m =>
            {
                var track = tracks[m.TrackId];
                return new AssessedMilestone(m, initiatives[track.InitiativeId], track, DelayRules.Assess(m, asOf, thresholds));
            })
            .OrderBy(a => a.Initiative.Order).ThenBy(a => a.Track.Order).ThenBy(a => a.Milestone.Order)
            .ToList();
    }

    /// <summary>
    /// Per initiative: counts by status and delay state, the share done and a signal. The share done counts
    /// only the city's own items (external events and 中止 are left out). The signal is 赤 when any item is
    /// late (遅延 or 着手遅れ), 黄 when any needs attention (要注意 or 更新なし), 青 otherwise.
    /// </summary>
    public static IReadOnlyList<InitiativeSummary> ByInitiative(IReadOnlyList<Initiative> initiatives,
        IReadOnlyList<AssessedMilestone> assessed) =>
        initiatives.OrderBy(i => i.Order)
            .Select(initiative => Summarise(initiative, assessed.Where(a => a.Initiative.Id == initiative.Id).ToList()))
            .ToList();

    public static InitiativeSummary Summarise(Initiative initiative, IReadOnlyList<AssessedMilestone> items)
    {
        var own = items.Where(a => !a.Milestone.IsExternal).ToList();
        var byStatus = own.GroupBy(a => a.Milestone.Status).ToDictionary(g => g.Key, g => g.Count());
        var byDelay = own.SelectMany(a => a.Assessment.Flags).GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count());
        var counted = own.Count(a => a.Milestone.Status != MilestoneStatus.Cancelled);
        var done = own.Count(a => a.Milestone.Status == MilestoneStatus.Done);
        var late = own.Count(a => a.Assessment.IsLate);
        var attention = own.Count(a => a.Assessment.NeedsAttention && !a.Assessment.IsLate);
        var signal = late > 0 ? Signal.Red : attention > 0 ? Signal.Yellow : Signal.Blue;
        return new InitiativeSummary(initiative, items.Count, items.Count - own.Count, byStatus, byDelay, late, attention,
            counted == 0 ? 0 : (double)done / counted, signal);
    }
}
