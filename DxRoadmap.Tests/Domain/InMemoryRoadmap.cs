using DxRoadmap.Domain.Roadmap;

namespace DxRoadmap.Tests.Domain;

/// <summary>
/// A roadmap held in memory for rule tests: two initiatives (5.1 with two tracks, 5.2 with one) and three 課.
/// Milestones are added to a track with an owner; ids and order follow the order of adding.
/// </summary>
internal sealed class InMemoryRoadmap
{
    public static readonly Department Promotion = new() { Id = 1, Name = "デジタル行政推進課", Division = "総務部" };
    public static readonly Department Citizens = new() { Id = 2, Name = "市民課", Division = "市民生活部" };
    public static readonly Department Tax = new() { Id = 3, Name = "税務課" };

    public Initiative Standardisation { get; } = new() { Id = 1, Code = "5.1", Title = "標準化・共通化", LeadDepartment = Promotion.Name, Order = 1 };
    public Initiative Online { get; } = new() { Id = 2, Code = "5.2", Title = "行政手続きのオンライン化", LeadDepartment = Citizens.Name, Order = 2 };
    public Track StandardisationTrack { get; } = new() { Id = 1, Code = "5.1-a", InitiativeId = 1, Title = "基幹業務の移行", Order = 1 };
    public Track MigrationTrack { get; } = new() { Id = 3, Code = "5.1-b", InitiativeId = 1, Title = "標準準拠システムへの移行", Order = 2 };
    public Track OnlineTrack { get; } = new() { Id = 2, Code = "5.2-a", InitiativeId = 2, Title = "手続のオンライン化", Order = 1 };

    public List<Milestone> Milestones { get; } = [];
    public List<ProgressUpdate> History { get; } = [];
    public List<StandardStepChange> StepChanges { get; } = [];

    public Milestone Add(Track track, Department owner, Milestone milestone)
    {
        milestone.Id = Milestones.Count + 1;
        milestone.Order = milestone.Id;
        milestone.Code = $"{track.Code[..3]}-{milestone.Id:00}";
        milestone.TrackId = track.Id;
        milestone.OwnerDepartment = owner;
        milestone.OwnerDepartmentId = owner.Id;
        Milestones.Add(milestone);
        return milestone;
    }

    /// <summary>A change saved at <paramref name="at"/> (Japan time), as the editor records it.</summary>
    public ProgressUpdate Record(Milestone milestone, string at, params FieldChange[] changes)
    {
        var update = new ProgressUpdate
        {
            Id = History.Count + 1,
            MilestoneId = milestone.Id,
            UpdatedBy = "editor",
            UpdatedAt = DateTimeOffset.Parse(at + "+09:00", System.Globalization.CultureInfo.InvariantCulture),
            Changes = [.. changes],
        };
        History.Add(update);
        return update;
    }

    public RoadmapSnapshot Snapshot() => new(
        new Plan { Title = "姶良市行政デジタル化行動計画", Version = "1", Issued = PlanDate.Parse("2022-03"), OwnerDepartment = Promotion.Name },
        [Online, Standardisation],
        [OnlineTrack, MigrationTrack, StandardisationTrack],
        Milestones,
        [Promotion, Citizens, Tax],
        [], [], [])
    {
        StandardChanges = StepChanges,
    };
}
