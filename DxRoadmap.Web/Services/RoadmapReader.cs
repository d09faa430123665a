using System.Collections.Concurrent;
using DxRoadmap.Domain.Reporting;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Services;

/// <summary>
/// Loads the whole roadmap, read-only: the input of every rule, page and report. The last snapshot is kept and
/// handed out again while the database's <see cref="DataStamp"/> is unchanged (one query per load), so every
/// save — by this instance or another one on the same database — makes the next load read afresh. Afresh, but
/// not all of it: the small tables are read again, and of the milestones only the rows whose
/// <see cref="Milestone.Version"/> changed (every save of a row gives it a new one, see <c>DataStamping</c>);
/// the others, and their as-of views, are taken over from the previous snapshot.
/// Snapshots are shared between callers and must not be changed; a page that edits loads its own tracked
/// copy through its service.
/// </summary>
public sealed class RoadmapReader(IDbContextFactory<RoadmapDbContext> factory)
{
    // As-of snapshots kept per data state; a handful of days is what pages ask for (today, a meeting date).
    private const int AsOfDaysKept = 16;

    // Above this share of changed milestone rows, one plain read of the table is cheaper than picking them out.
    private const int FullReadAboveOneIn = 4;

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
        // A milestone row read again (new or changed) is undone from its own history; the view of every other
        // one is the previous snapshot's, when it had this day: a row with the same version has the same history,
        // since a recorded change always gives its row a new version (MilestoneHistory.Record).
        var carried = loaded.Carried is { } carry && carry.Previous.TryGetValue(asOf, out var before) ? before : null;
        var undone = carried is null ? loaded.Roadmap.Milestones : loaded.Carried!.Read;
        // Every recorded change stamps its milestone, so without a later stamp the history need not be read
        // (the usual case: as of today); the 5.1 step changes are dated and undone without it.
        var changedLater = undone.Where(m => m.UpdatedAt > cutoff).Select(m => m.Id).ToList();
        var history = changedLater.Count == 0 ? []
            : await LoadHistoryAfterAsync(cutoff, carried is null ? null : changedLater, cancellationToken);
        var roadmap = RoadmapHistory.AsOf(loaded.Roadmap, history, cutoff);
        if (carried is not null)
        {
            var read = loaded.Carried!.Read.Select(m => m.Id).ToHashSet();
            var previous = carried.ToDictionary(m => m.Id);
            roadmap = roadmap with { Milestones = roadmap.Milestones.Select(m => read.Contains(m.Id) ? m : previous[m.Id]).ToList() };
        }
        return loaded.AsOf.Keep(asOf, roadmap, AsOfDaysKept);
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
    /// With <paramref name="milestoneIds"/>, only the history of those milestones.
    /// </summary>
    private async Task<List<ProgressUpdate>> LoadHistoryAfterAsync(DateTimeOffset cutoff, IReadOnlyList<int>? milestoneIds,
        CancellationToken cancellationToken)
    {
        var ticks = cutoff.UtcTicks;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updates = db.ProgressUpdates.AsNoTracking();
        if (milestoneIds is not null)
        {
            updates = updates.Where(u => EF.Parameter(milestoneIds).Contains(u.MilestoneId));
        }
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
            var fresh = await LoadAllAsync(db, stamp, _loaded, cancellationToken);
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

    /// <summary>
    /// Reads the roadmap. With a <paramref name="previous"/> snapshot whose departments are unchanged, the milestone
    /// rows it holds with the same version are taken over (they point at those same department instances, which
    /// are taken over too) and only the others are read; a changed department, or many changed rows, reads all.
    /// </summary>
    private static async Task<Loaded> LoadAllAsync(RoadmapDbContext db, long stamp, Loaded? previous, CancellationToken cancellationToken)
    {
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var plan = await db.Plans.SingleAsync(cancellationToken);
        IReadOnlyList<Department> departments = await db.Departments.OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var rows = previous is not null && SameRows(db, departments, previous.Roadmap.Departments)
            ? await ReadChangedMilestonesAsync(db, previous.Roadmap.Milestones, cancellationToken)
            : null;
        if (rows is not null)
        {
            departments = previous!.Roadmap.Departments;
        }
        var byId = departments.ToDictionary(d => d.Id);
        var initiatives = await db.Initiatives.OrderBy(i => i.Order).ToListAsync(cancellationToken);
        var tracks = await db.Tracks.OrderBy(t => t.Order).ToListAsync(cancellationToken);
        var milestones = rows?.All ?? await Ordered(db.Milestones).ToListAsync(cancellationToken);
        var procedures = await db.Procedures.OrderBy(p => p.Order).ToListAsync(cancellationToken);
        var cases = await db.AutomationCases.ToListAsync(cancellationToken);
        var peers = await db.Peers.OrderBy(p => p.Order).ToListAsync(cancellationToken);
        var systems = await db.StandardSystems.OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var steps = await db.StandardSteps.OrderBy(s => s.No).ToListAsync(cancellationToken);
        var stepChanges = await db.StandardStepChanges.ToListAsync(cancellationToken);

        // Link in memory rather than with Include: one query per table, shared department instances. Rows taken
        // over from the previous snapshot already point at these departments and are not touched.
        foreach (var m in rows?.Read ?? milestones)
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
        var roadmap = new RoadmapSnapshot(plan, initiatives, tracks, milestones, departments, procedures, cases, peers)
        {
            StandardSystems = systems,
            StandardSteps = steps,
            StandardChanges = stepChanges,
        };
        // Only the previous views' milestone lists are carried, not the snapshots themselves: those are the keys the
        // assessments, dashboards and charts of the previous data are kept under, and must be free to go.
        return new Loaded(stamp, roadmap)
        {
            Carried = rows is null ? null
                : new Carry(previous!.AsOf.ToDictionary(view => view.Key, view => view.Value.Milestones), rows.Read),
        };
    }

    // Milestone.Order counts within a track; the id makes the order of the whole list the same on every read.
    private static IQueryable<Milestone> Ordered(IQueryable<Milestone> milestones) =>
        milestones.OrderBy(m => m.Order).ThenBy(m => m.Id);

    /// <summary>
    /// The milestones in order, taking over the <paramref name="previous"/> rows whose version is unchanged and
    /// reading the new and changed ones (one query); null when so many changed that reading all is cheaper.
    /// A row deleted between the two queries is left out, a row changed between them comes in newer: the data
    /// stays at least as new as the stamp, and that later save's stamp makes the next load read again.
    /// </summary>
    private static async Task<MilestoneRows?> ReadChangedMilestonesAsync(RoadmapDbContext db, IReadOnlyList<Milestone> previous,
        CancellationToken cancellationToken)
    {
        var versions = await Ordered(db.Milestones).Select(m => new { m.Id, m.Version }).ToListAsync(cancellationToken);
        var kept = previous.ToDictionary(m => m.Id);
        bool Unchanged(int id, Guid version) => kept.TryGetValue(id, out var m) && m.Version == version;
        var changed = versions.Where(v => !Unchanged(v.Id, v.Version)).Select(v => v.Id).ToList();
        if (changed.Count * FullReadAboveOneIn > versions.Count)
        {
            return null;
        }
        var read = changed.Count == 0 ? []
            : await db.Milestones.Where(m => EF.Parameter(changed).Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var all = new List<Milestone>(versions.Count);
        foreach (var v in versions)
        {
            if (Unchanged(v.Id, v.Version))
            {
                all.Add(kept[v.Id]);
            }
            else if (read.TryGetValue(v.Id, out var m))
            {
                all.Add(m);
            }
        }
        return new MilestoneRows(all, read.Values);
    }

    /// <summary>Whether two reads of a table hold the same rows, column by column (so the instances of one can stand for the other).</summary>
    private static bool SameRows<T>(RoadmapDbContext db, IReadOnlyList<T> now, IReadOnlyList<T> before) where T : class
    {
        var columns = db.Model.FindEntityType(typeof(T))!.GetProperties()
            .Select(p => p.PropertyInfo).OfType<System.Reflection.PropertyInfo>().ToList();
        return now.Count == before.Count && now.Zip(before).All(pair =>
            columns.All(c => Equals(c.GetValue(pair.First), c.GetValue(pair.Second))));
    }

    /// <summary>The milestones of a snapshot and those of them read from the database (the rest were taken over).</summary>
    private sealed record MilestoneRows(List<Milestone> All, IReadOnlyCollection<Milestone> Read);

    /// <summary>What a snapshot took over from the previous one: its as-of views, and which milestone rows it read instead.</summary>
    private sealed record Carry(IReadOnlyDictionary<DateOnly, IReadOnlyList<Milestone>> Previous, IReadOnlyCollection<Milestone> Read);

    /// <summary>A snapshot with the stamp it was read under and the as-of views derived from it.</summary>
    private sealed record Loaded(long Stamp, RoadmapSnapshot Roadmap)
    {
        public ConcurrentDictionary<DateOnly, RoadmapSnapshot> AsOf { get; } = new();

        /// <summary>Set when the milestones were read incrementally: the previous as-of views to build on.</summary>
        public Carry? Carried { get; init; }
    }
}
