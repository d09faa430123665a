namespace DxRoadmap.Domain.Roadmap;

/// <summary>
/// The whole roadmap as loaded for one question (a page, a report). Rules and layouts take it with an
/// as-of date, so every screen and report answers from the same data the same way.
/// </summary>
public sealed record RoadmapSnapshot(
    Plan Plan,
    IReadOnlyList<Initiative> Initiatives,
    IReadOnlyList<Track> Tracks,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<Department> Departments,
    IReadOnlyList<OnlineProcedure> Procedures,
    IReadOnlyList<AutomationCase> AutomationCases,
    IReadOnlyList<PeerMunicipality> Peers)
{
    /// <summary>5.1: the core business systems, the 40 national steps and every change of a 業務 × step status.</summary>
    public IReadOnlyList<StandardSystem> StandardSystems { get; init; } = [];
    public IReadOnlyList<StandardStep> StandardSteps { get; init; } = [];
    public IReadOnlyList<StandardStepChange> StandardChanges { get; init; } = [];

    public Initiative InitiativeOf(Milestone milestone) =>
        Initiatives.First(i => i.Id == TrackOf(milestone).InitiativeId);

    public Track TrackOf(Milestone milestone) => Tracks.First(t => t.Id == milestone.TrackId);

    public IEnumerable<Milestone> MilestonesOf(Initiative initiative)
    {
        var trackIds = Tracks.Where(t => t.InitiativeId == initiative.Id).Select(t => t.Id).ToHashSet();
        return Milestones.Where(m => trackIds.Contains(m.TrackId));
    }
}
