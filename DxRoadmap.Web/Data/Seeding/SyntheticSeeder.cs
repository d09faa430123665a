using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace DxRoadmap.Web.Data.Seeding;

/// <summary>What <see cref="SyntheticSeeder"/> wrote.</summary>
public sealed record SyntheticSeedResult(int Milestones, int Updates, int Departments, int Procedures);

/// <summary>
/// Writes <see cref="SyntheticRoadmap"/> with its history into the database, for measurements at sizes the
/// real plan never reaches. Refuses a database that already holds a plan unless asked to replace it; writes
/// in batches inside one transaction, so 10,000 milestones take seconds and a failure leaves nothing behind.
/// </summary>
public static class SyntheticSeeder
{
    private const int BatchSize = 2_000;

    public static async Task<bool> HasPlanAsync(RoadmapDbContext db, CancellationToken cancellationToken = default) =>
        await db.Plans.AnyAsync(cancellationToken);

    public static async Task<SyntheticSeedResult> SeedAsync(RoadmapDbContext db, int milestones, int seed, bool replace,
        CancellationToken cancellationToken = default)
    {
        using var quiet = AuditActor.Suppress();
        if (!replace && await HasPlanAsync(db, cancellationToken))
        {
            throw new InvalidOperationException(
                "データベースには既に計画があります。置き換える場合は --replace を指定してください (現在の計画・進捗は削除されます)。");
        }
        var roadmap = SyntheticRoadmap.Create(milestones, seed);
        var history = SyntheticRoadmap.History(roadmap, seed);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (replace)
        {
            await DeleteRoadmapAsync(db, cancellationToken);
        }

        // The database assigns the keys (PostgreSQL identity columns would not move past explicit ones).
        roadmap.Plan.Id = 0;
        db.Plans.Add(roadmap.Plan);
        foreach (var d in roadmap.Departments)
        {
            d.Id = 0;
        }
        db.Departments.AddRange(roadmap.Departments);
        foreach (var i in roadmap.Initiatives)
        {
            i.Id = 0;
            foreach (var t in i.Tracks)
            {
                t.Id = 0;
            }
        }
        db.Initiatives.AddRange(roadmap.Initiatives);
        await SaveAsync(db, cancellationToken);

        foreach (var chunk in roadmap.Milestones.Chunk(BatchSize))
        {
            foreach (var m in chunk)
            {
                m.Id = 0;
                m.TrackId = m.Track!.Id;
                m.OwnerDepartmentId = m.OwnerDepartment!.Id;
                // Only the row itself: the track and 課 were saved and forgotten above.
                (m.Track, m.OwnerDepartment) = (null, null);
                db.Entry(m).State = EntityState.Added;
            }
            await SaveAsync(db, cancellationToken);
        }
        foreach (var chunk in history.Chunk(BatchSize))
        {
            foreach (var u in chunk)
            {
                u.MilestoneId = u.Milestone!.Id;
                u.Milestone = null;
                db.Entry(u).State = EntityState.Added;
            }
            await SaveAsync(db, cancellationToken);
        }
        foreach (var p in roadmap.Procedures)
        {
            p.Id = 0;
            p.DepartmentId = p.Department!.Id;
            p.Department = null;
            db.Entry(p).State = EntityState.Added;
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = db.Clock.GetUtcNow(),
            Actor = AuditActor.System,
            Entity = "計画",
            Field = "合成データ読込",
            NewValue = $"工程 {milestones:N0} 件 (seed {seed})",
        });
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SyntheticSeedResult(roadmap.Milestones.Count, history.Count, roadmap.Departments.Count, roadmap.Procedures.Count);
    }

    /// <summary>Saves and forgets the batch: a change tracker holding 10,000 entities slows every later save.</summary>
    private static async Task SaveAsync(RoadmapDbContext db, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Everything of the plan, dependants first; accounts stay, without their 課.</summary>
    private static async Task DeleteRoadmapAsync(RoadmapDbContext db, CancellationToken cancellationToken)
    {
        await db.StandardStepChanges.ExecuteDeleteAsync(cancellationToken);
        await db.StandardSystems.ExecuteDeleteAsync(cancellationToken);
        await db.StandardSteps.ExecuteDeleteAsync(cancellationToken);
        await db.ProgressUpdates.ExecuteDeleteAsync(cancellationToken);
        await db.Milestones.ExecuteDeleteAsync(cancellationToken);
        await db.Tracks.ExecuteDeleteAsync(cancellationToken);
        await db.Initiatives.ExecuteDeleteAsync(cancellationToken);
        await db.Procedures.ExecuteDeleteAsync(cancellationToken);
        await db.AutomationCases.ExecuteDeleteAsync(cancellationToken);
        await db.Peers.ExecuteDeleteAsync(cancellationToken);
        await db.ReferenceItems.ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => u.DepartmentId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, (int?)null), cancellationToken);
        await db.Departments.ExecuteDeleteAsync(cancellationToken);
        await db.Plans.ExecuteDeleteAsync(cancellationToken);
    }
}
