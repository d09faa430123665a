using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>Loads the whole roadmap, read-only, in one context: the input of every rule, page and report.</summary>
public sealed class RoadmapReader(IDbContextFactory<RoadmapDbContext> factory)
{
    /// <summary>
    /// The roadmap as it was recorded at the end of <paramref name="asOf"/>: changes saved after that day are
    /// undone from the history, so a past as-of date shows the statuses of that day, not today's.
    /// </summary>
    public async Task<RoadmapSnapshot> LoadAsOfAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var roadmap = await LoadAsync(cancellationToken);
        var cutoff = RoadmapHistory.EndOfDay(asOf);
        // Every recorded change stamps its milestone, so without a later stamp the history need not be read
        // (the usual case: as of today); the 5.1 completions are dated and undone without it.
        var history = roadmap.Milestones.Any(m => m.UpdatedAt > cutoff) ? await LoadHistoryAsync(cancellationToken) : [];
        return RoadmapHistory.AsOf(roadmap, history, cutoff);
    }

    /// <summary>Whether the demonstration progress was loaded (the サンプルデータ banner), without loading the roadmap.</summary>
    public async Task<bool> IsSampleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Plans.AsNoTracking().Select(p => p.SampleProgressLoaded).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Every recorded change, oldest first.</summary>
    public async Task<List<ProgressUpdate>> LoadHistoryAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updates = await db.ProgressUpdates.AsNoTracking().ToListAsync(cancellationToken);
        // SQLite cannot order by DateTimeOffset; sorted here.
        return updates.OrderBy(u => u.UpdatedAt).ThenBy(u => u.Id).ToList();
    }

    public async Task<RoadmapSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var plan = await db.Plans.SingleAsync(cancellationToken);
        var departments = await db.Departments.OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var byId = departments.ToDictionary(d => d.Id);
        var initiatives = await db.Initiatives.OrderBy(i => i.Order).ToListAsync(cancellationToken);
        var tracks = await db.Tracks.OrderBy(t => t.Order).ToListAsync(cancellationToken);
        var milestones = await db.Milestones.OrderBy(m => m.Order).ToListAsync(cancellationToken);
        var procedures = await db.Procedures.OrderBy(p => p.Order).ToListAsync(cancellationToken);
        var cases = await db.AutomationCases.ToListAsync(cancellationToken);
        var peers = await db.Peers.OrderBy(p => p.Order).ToListAsync(cancellationToken);
        var systems = await db.StandardSystems.OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var steps = await db.StandardSteps.OrderBy(s => s.No).ToListAsync(cancellationToken);
        var completions = await db.StandardStepCompletions.ToListAsync(cancellationToken);

        // Link in memory rather than with Include: one query per table, shared department instances.
        foreach (var m in milestones)
        {
            m.OwnerDepartment = byId[m.OwnerDepartmentId];
        }
        foreach (var p in procedures)
        {
            p.Department = byId[p.DepartmentId];
        }
        foreach (var s in systems.Where(s => s.DepartmentId is not null))
        {
            s.Department = byId[s.DepartmentId!.Value];
        }
        foreach (var c in cases)
        {
            c.Department = byId[c.DepartmentId];
        }
        var initiativesById = initiatives.ToDictionary(i => i.Id);
        foreach (var t in tracks)
        {
            t.Initiative = initiativesById[t.InitiativeId];
            initiativesById[t.InitiativeId].Tracks.Add(t);
        }
        return new RoadmapSnapshot(plan, initiatives, tracks, milestones, departments, procedures, cases, peers)
        {
            StandardSystems = systems,
            StandardSteps = steps,
            StandardCompletions = completions,
        };
    }
}
