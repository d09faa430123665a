using System.Collections.Concurrent;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// Loads the whole roadmap, read-only: the input of every rule, page and report. The last snapshot is kept and
/// handed out again while the database's <see cref="DataStamp"/> is unchanged (one query per load), so every
/// save — by this instance or another one on the same database — makes the next load read afresh.
/// Snapshots are shared between callers and must not be changed; a page that edits loads its own tracked
/// copy through its service.
/// </summary>
public sealed class RoadmapReader(IDbContextFactory<RoadmapDbContext> factory)
{
    // As-of snapshots kept per data state; a handful of days is what pages ask for (today, a meeting date).
    private const int AsOfDaysKept = 16;

    private readonly SemaphoreSlim _reload = new(1, 1);
    private Loaded? _loaded;

    /// <summary>
    /// The roadmap as it was recorded at the end of <paramref name="asOf"/>: changes saved after that day are
    /// undone from the history, so a past as-of date shows the statuses of that day, not today's.
    /// </summary>
    public async Task<RoadmapSnapshot> LoadAsOfAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var loaded = await CurrentAsync(cancellationToken);
        if (loaded.AsOf.TryGetValue(asOf, out var kept))
        {
            return kept;
        }
        var cutoff = RoadmapHistory.EndOfDay(asOf);
        // Every recorded change stamps its milestone, so without a later stamp the history need not be read
        // (the usual case: as of today); the 5.1 completions are dated and undone without it.
        var history = loaded.Roadmap.Milestones.Any(m => m.UpdatedAt > cutoff)
            ? await LoadHistoryAfterAsync(cutoff, cancellationToken)
            : [];
        var roadmap = RoadmapHistory.AsOf(loaded.Roadmap, history, cutoff);
        if (loaded.AsOf.Count >= AsOfDaysKept)
        {
            loaded.AsOf.Clear();
        }
        return loaded.AsOf.GetOrAdd(asOf, roadmap);
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

    /// <summary>
    /// What <see cref="RoadmapHistory.AsOf"/> needs to undo everything after <paramref name="cutoff"/>: every change
    /// saved after it, and for each milestone so changed its last change up to the cutoff (the stale rule reads
    /// its time and author). Filtered in SQL on the UTC ticks column, since SQLite stores the moment as text.
    /// </summary>
    private async Task<List<ProgressUpdate>> LoadHistoryAfterAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var ticks = cutoff.UtcTicks;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updates = db.ProgressUpdates.AsNoTracking();
        var later = await updates.Where(u => EF.Property<long>(u, DataStamping.UpdatedAtTicks) > ticks)
            .ToListAsync(cancellationToken);
        // IN (subquery), evaluated once, rather than a correlated EXISTS per history row.
        var changedLater = updates.Where(l => EF.Property<long>(l, DataStamping.UpdatedAtTicks) > ticks).Select(l => l.MilestoneId);
        var lastBefore = await updates
            .Where(u => EF.Property<long>(u, DataStamping.UpdatedAtTicks) <= ticks && changedLater.Contains(u.MilestoneId))
            .GroupBy(u => u.MilestoneId)
            .Select(g => g.OrderByDescending(u => EF.Property<long>(u, DataStamping.UpdatedAtTicks)).ThenBy(u => u.Id).First())
            .ToListAsync(cancellationToken);
        return [.. lastBefore, .. later];
    }

    /// <summary>The current roadmap; shared, not to be changed.</summary>
    public async Task<RoadmapSnapshot> LoadAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Roadmap;

    private async Task<Loaded> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stamp = await ReadStampAsync(db, cancellationToken);
        if (_loaded is { } loaded && loaded.Stamp == stamp)
        {
            return loaded;
        }
        // One reload at a time: after a save, the pages that ask together wait for one read, not each its own.
        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } other && other.Stamp == stamp)
            {
                return other;
            }
            // Read after the stamp: the data is at least as new as the stamp it is kept under, and a change
            // saved meanwhile has a new stamp, so the next load reads again.
            var fresh = new Loaded(stamp, await LoadAllAsync(db, cancellationToken));
            _loaded = fresh;
            return fresh;
        }
        finally
        {
            _reload.Release();
        }
    }

    private static Task<long> ReadStampAsync(RoadmapDbContext db, CancellationToken cancellationToken) =>
        db.DataStamps.AsNoTracking().Where(s => s.Id == DataStamp.RowId).Select(s => s.Value).SingleAsync(cancellationToken);

    private static async Task<RoadmapSnapshot> LoadAllAsync(RoadmapDbContext db, CancellationToken cancellationToken)
    {
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

    /// <summary>A snapshot with the stamp it was read under and the as-of views derived from it.</summary>
    private sealed record Loaded(long Stamp, RoadmapSnapshot Roadmap)
    {
        public ConcurrentDictionary<DateOnly, RoadmapSnapshot> AsOf { get; } = new();
    }
}
