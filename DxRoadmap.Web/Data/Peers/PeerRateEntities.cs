using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxRoadmap.Web.Data.Peers;

/// <summary>
/// One imported table of 完了率 by 団体 at one 時点. Every 時点 is kept, so the next 部会 sees the change; a 時点 is
/// imported once (replacing it is a separate, confirmed act).
/// </summary>
/// <remarks>
/// Kept outside the plan's entities on purpose: a published table is reference data, not the city's plan, so importing
/// one does not invalidate the cached roadmap (<see cref="DataStamp"/>) and its 1,741 rows are not audited one by one —
/// the import itself is one audit row.
/// </remarks>
public sealed class PeerRateTable
{
    public const int MonthLength = 7;

    public int Id { get; set; }

    /// <summary>2026-01: the table's 時点 as given on import.</summary>
    public required string Month { get; set; }

    /// <summary>The 業務 of <see cref="PeerRateEntry.Rates"/>, in order, under the plan's names, separated by tabs.</summary>
    public required string Businesses { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public required string ImportedBy { get; set; }

    public string? FileName { get; set; }

    public List<PeerRateEntry> Entries { get; set; } = [];
}

/// <summary>One 団体's line of an imported table.</summary>
public sealed class PeerRateEntry
{
    public long Id { get; set; }

    public int TableId { get; set; }

    /// <summary>Its position in the file, so the table reads back in the published order.</summary>
    public int Line { get; set; }

    public required string Prefecture { get; set; }

    public required string Municipality { get; set; }

    public double Overall { get; set; }

    /// <summary>Each 業務's rate in the order of <see cref="PeerRateTable.Businesses"/>, invariant numbers separated by ';'.</summary>
    public required string Rates { get; set; }
}

internal sealed class PeerRateTableConfiguration : IEntityTypeConfiguration<PeerRateTable>
{
    public void Configure(EntityTypeBuilder<PeerRateTable> builder)
    {
        builder.ToTable("PeerRateTables");
        builder.Property(t => t.Month).HasMaxLength(PeerRateTable.MonthLength);
        // One table per 時点: a second import of the same month must replace, never add.
        builder.HasIndex(t => t.Month).IsUnique();
        builder.Property(t => t.Businesses).HasMaxLength(2000);
        builder.Property(t => t.ImportedBy).HasMaxLength(100);
        builder.Property(t => t.FileName).HasMaxLength(260);
        builder.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TableId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PeerRateEntryConfiguration : IEntityTypeConfiguration<PeerRateEntry>
{
    public void Configure(EntityTypeBuilder<PeerRateEntry> builder)
    {
        builder.ToTable("PeerRateEntries");
        builder.Property(e => e.Prefecture).HasMaxLength(20);
        builder.Property(e => e.Municipality).HasMaxLength(50);
        builder.Property(e => e.Rates).HasMaxLength(1000);
        builder.HasIndex(e => new { e.TableId, e.Line });
    }
}
