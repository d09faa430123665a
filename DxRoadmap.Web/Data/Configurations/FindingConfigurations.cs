using DxRoadmap.Domain.Roadmap;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxRoadmap.Web.Data.Configurations;

internal sealed class InitiativeFindingConfiguration : IEntityTypeConfiguration<InitiativeFinding>
{
    public void Configure(EntityTypeBuilder<InitiativeFinding> builder)
    {
        foreach (var text in new[] { nameof(InitiativeFinding.Work), nameof(InitiativeFinding.Results),
                     nameof(InitiativeFinding.Issues), nameof(InitiativeFinding.NextSteps) })
        {
            builder.Property(text).HasMaxLength(FindingLimits.Text);
        }
        builder.Property(f => f.UpdatedBy).HasMaxLength(100);
        // One 所見 per initiative and meeting: writing again for the same meeting edits it.
        builder.HasIndex(f => new { f.InitiativeId, f.MeetingDate }).IsUnique();
        builder.HasOne<Initiative>().WithMany().HasForeignKey(f => f.InitiativeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.Unit).HasMaxLength(20);
        builder.Property(i => i.Target).HasPrecision(18, 2);
        builder.HasOne<Initiative>().WithMany().HasForeignKey(i => i.InitiativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Values).WithOne().HasForeignKey(v => v.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.Property(v => v.Value).HasPrecision(18, 2);
        builder.Property(v => v.UpdatedBy).HasMaxLength(100);
        builder.HasIndex(v => new { v.IndicatorId, v.MeasuredOn }).IsUnique();
    }
}

/// <summary>How long a 所見 field may be: a page of A3 holds about this much per initiative.</summary>
public static class FindingLimits
{
    public const int Text = 2000;
}
