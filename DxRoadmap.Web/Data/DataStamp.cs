using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxRoadmap.Web.Data;

/// <summary>
/// One row naming the state of the roadmap data: <see cref="RoadmapDbContext.SaveChangesAsync(bool, CancellationToken)"/>
/// writes a new random value in the same transaction as every change to a plan entity, so a reader that
/// cached a snapshot under one value knows, with one cheap query, whether it still holds — also when another
/// app instance made the change. A restored backup brings back the value its data was saved with.
/// </summary>
public sealed class DataStamp
{
    public const int RowId = 1;

    public int Id { get; set; }
    public long Value { get; set; }
}

internal sealed class DataStampConfiguration : IEntityTypeConfiguration<DataStamp>
{
    public void Configure(EntityTypeBuilder<DataStamp> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new DataStamp { Id = DataStamp.RowId, Value = 0 });
    }
}

/// <summary>The bookkeeping <see cref="RoadmapDbContext"/> adds to every save of plan data.</summary>
internal static class DataStamping
{
    /// <summary>The shadow column holding <see cref="Domain.Roadmap.ProgressUpdate.UpdatedAt"/> as UTC ticks, which
    /// SQLite can compare and sort (it stores the moment itself as text).</summary>
    public const string UpdatedAtTicks = "UpdatedAtUtcTicks";

    private static readonly System.Reflection.Assembly Domain = typeof(Domain.Roadmap.Plan).Assembly;

    /// <summary>Stamps the history rows and, when any plan entity changes, the data stamp.</summary>
    public static void Apply(RoadmapDbContext db)
    {
        var changed = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || entry.Metadata.ClrType.Assembly != Domain)
            {
                continue;
            }
            changed = true;
            if (entry.Entity is Milestone && entry.State != EntityState.Deleted)
            {
                NewVersion(entry);
            }
            if (entry.Entity is Domain.Roadmap.ProgressUpdate update && entry.State != EntityState.Deleted)
            {
                var ticks = entry.Property(UpdatedAtTicks);
                if (entry.State == EntityState.Added || (long?)ticks.CurrentValue != update.UpdatedAt.UtcTicks)
                {
                    ticks.CurrentValue = update.UpdatedAt.UtcTicks;
                }
            }
        }
        if (!changed)
        {
            return;
        }
        var stamp = db.ChangeTracker.Entries<DataStamp>().FirstOrDefault()
            ?? db.Attach(new DataStamp { Id = DataStamp.RowId });
        stamp.Entity.Value = NewValue(stamp.Entity.Value);
        stamp.Property(s => s.Value).IsModified = true;
    }

    /// <summary>
    /// Every saved change of a milestone row gets a new <see cref="Milestone.Version"/>, so an equal
    /// version means an equal row (what <c>RoadmapReader</c> relies on to reuse rows it already has). A version the
    /// caller changed (<c>MilestoneHistory.Record</c>) is kept; otherwise the loaded value stays the original, so
    /// the update still fails when someone else saved the row in between. A new row always gets a fresh one: an
    /// id may be handed out again after its row was deleted, and must not look like that row.
    /// </summary>
    private static void NewVersion(EntityEntry entry)
    {
        var version = entry.Property(nameof(Milestone.Version));
        if (entry.State == EntityState.Added || Equals(version.CurrentValue, version.OriginalValue))
        {
            version.CurrentValue = Guid.NewGuid();
        }
    }

    private static long NewValue(long previous)
    {
        long value;
        do
        {
            value = Random.Shared.NextInt64(1, long.MaxValue);
        }
        while (value == previous);
        return value;
    }
}
