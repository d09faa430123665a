using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxRoadmap.Web.Data.Configurations;

internal sealed class StandardSystemConfiguration : IEntityTypeConfiguration<StandardSystem>
{
    public void Configure(EntityTypeBuilder<StandardSystem> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasOne(s => s.Department).WithMany().HasForeignKey(s => s.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StandardStepConfiguration : IEntityTypeConfiguration<StandardStep>
{
    public void Configure(EntityTypeBuilder<StandardStep> builder)
    {
        builder.Property(s => s.Phase).HasMaxLength(50);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.HasIndex(s => s.No).IsUnique();
    }
}

internal sealed class StandardStepCompletionConfiguration : IEntityTypeConfiguration<StandardStepCompletion>
{
    public void Configure(EntityTypeBuilder<StandardStepCompletion> builder)
    {
        builder.Property(c => c.UpdatedBy).HasMaxLength(100);
        // One row per cell of the matrix: a second "done" for the same cell is refused by the database.
        builder.HasIndex(c => new { c.SystemId, c.StepId }).IsUnique();
        builder.HasOne<StandardSystem>().WithMany().HasForeignKey(c => c.SystemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StandardStep>().WithMany().HasForeignKey(c => c.StepId).OnDelete(DeleteBehavior.Cascade);
    }
}
