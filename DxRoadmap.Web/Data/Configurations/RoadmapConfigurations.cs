using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxRoadmap.Web.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Version).HasMaxLength(50);
        builder.Property(p => p.OwnerDepartment).HasMaxLength(100);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.Division).HasMaxLength(100);
        builder.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(10);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Aim).HasMaxLength(1000);
        builder.Property(i => i.LeadDepartment).HasMaxLength(100);
        builder.HasMany(i => i.Tracks).WithOne(t => t.Initiative).HasForeignKey(t => t.InitiativeId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(50);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasMany(t => t.Milestones).WithOne(m => m.Track).HasForeignKey(m => m.TrackId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.Property(m => m.Code).HasMaxLength(50);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.Property(m => m.Title).HasMaxLength(Milestone.TitleMaxLength);
        builder.Property(m => m.ExternalActor).HasMaxLength(100);
        builder.Property(m => m.DelayReason).HasMaxLength(Milestone.TextMaxLength);
        builder.Property(m => m.Countermeasure).HasMaxLength(Milestone.TextMaxLength);
        builder.Property(m => m.Note).HasMaxLength(Milestone.TextMaxLength);
        builder.Property(m => m.UpdatedBy).HasMaxLength(100);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne(m => m.OwnerDepartment).WithMany().HasForeignKey(m => m.OwnerDepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(m => m.IsExternal);
        builder.Ignore(m => m.IsClosed);
        builder.Ignore(m => m.IsReplanned);
        builder.Ignore(m => m.OwnerName);
    }
}

internal sealed class ProgressUpdateConfiguration : IEntityTypeConfiguration<ProgressUpdate>
{
    public void Configure(EntityTypeBuilder<ProgressUpdate> builder)
    {
        builder.Property(u => u.UpdatedBy).HasMaxLength(100);
        builder.Property(u => u.Comment).HasMaxLength(Milestone.TextMaxLength);
        builder.Property(u => u.ReplanReason).HasMaxLength(Milestone.TextMaxLength);
        builder.Property(u => u.Changes)
            .HasConversion(FieldChangesConversion.Converter, FieldChangesConversion.Comparer);
        builder.HasOne(u => u.Milestone).WithMany().HasForeignKey(u => u.MilestoneId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.MilestoneId, u.UpdatedAt });
        // UpdatedAt as UTC ticks, set on every save (DataStamping.Apply): the history after a cutoff is read in SQL.
        builder.Property<long>(DataStamping.UpdatedAtTicks);
        builder.HasIndex(DataStamping.UpdatedAtTicks);
    }
}

internal sealed class OnlineProcedureConfiguration : IEntityTypeConfiguration<OnlineProcedure>
{
    public void Configure(EntityTypeBuilder<OnlineProcedure> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Category).HasMaxLength(50);
        builder.HasOne(p => p.Department).WithMany().HasForeignKey(p => p.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AutomationCaseConfiguration : IEntityTypeConfiguration<AutomationCase>
{
    public void Configure(EntityTypeBuilder<AutomationCase> builder)
    {
        builder.Property(c => c.Business).HasMaxLength(200);
        builder.Property(c => c.Tool).HasMaxLength(100);
        builder.Property(c => c.Stage).HasMaxLength(50);
        builder.HasOne(c => c.Department).WithMany().HasForeignKey(c => c.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PeerMunicipalityConfiguration : IEntityTypeConfiguration<PeerMunicipality>
{
    public void Configure(EntityTypeBuilder<PeerMunicipality> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Type).HasMaxLength(50);
    }
}

internal sealed class ReferenceItemConfiguration : IEntityTypeConfiguration<ReferenceItem>
{
    public void Configure(EntityTypeBuilder<ReferenceItem> builder)
    {
        builder.Property(r => r.List).HasMaxLength(50);
        builder.Property(r => r.Title).HasMaxLength(200);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<Identity.AppUser>
{
    public void Configure(EntityTypeBuilder<Identity.AppUser> builder)
    {
        builder.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Audit.AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.Actor).HasMaxLength(100);
        builder.Property(a => a.Entity).HasMaxLength(50);
        builder.Property(a => a.EntityId).HasMaxLength(200);
        builder.Property(a => a.Field).HasMaxLength(100);
        builder.Property(a => a.OldValue).HasMaxLength(Audit.AuditEntry.ValueMaxLength);
        builder.Property(a => a.NewValue).HasMaxLength(Audit.AuditEntry.ValueMaxLength);
        builder.Property(a => a.Reason).HasMaxLength(Audit.AuditEntry.ValueMaxLength);
        // Stored as ticks so SQLite can sort and filter by time.
        builder.Property(a => a.At).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Entity, a.EntityId });
    }
}
