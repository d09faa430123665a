using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxRoadmap.Web.Data.Configurations;

internal sealed class StandardSystemConfiguration : IEntityTypeConfiguration<StandardSystem>
{
    public const int NoteMaxLength = 1000;

    public void Configure(EntityTypeBuilder<StandardSystem> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasOne(s => s.Department).WithMany().HasForeignKey(s => s.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.MigrationNote).HasMaxLength(NoteMaxLength);
    }
}

internal sealed class StandardStepConfiguration : IEntityTypeConfiguration<StandardStep>
{
    public void Configure(EntityTypeBuilder<StandardStep> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(10);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.HasIndex(s => s.No).IsUnique();
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Ignore(s => s.Group);
    }
}

internal sealed class StandardStepChangeConfiguration : IEntityTypeConfiguration<StandardStepChange>
{
    public void Configure(EntityTypeBuilder<StandardStepChange> builder)
    {
        builder.Property(c => c.ChangedBy).HasMaxLength(100);
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.HasIndex(c => new { c.SystemId, c.StepId });
        builder.HasOne(c => c.System).WithMany().HasForeignKey(c => c.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Step).WithMany().HasForeignKey(c => c.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}
