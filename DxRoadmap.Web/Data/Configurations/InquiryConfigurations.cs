using DxRoadmap.Domain.Inquiry;
using DxRoadmap.Domain.Roadmap;
using DxRoadmap.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DxRoadmap.Web.Data.Configurations;

internal sealed class InquiryRoundConfiguration : IEntityTypeConfiguration<InquiryRound>
{
    public void Configure(EntityTypeBuilder<InquiryRound> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(InquiryRound.NameMaxLength);
        builder.Property(r => r.OpenedBy).HasMaxLength(100);
        builder.Property(r => r.ClosedBy).HasMaxLength(100);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Responses).WithOne().HasForeignKey(i => i.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InquiryItemConfiguration : IEntityTypeConfiguration<InquiryItem>
{
    public void Configure(EntityTypeBuilder<InquiryItem> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(300);
        builder.Property(i => i.Context).HasMaxLength(300);
        builder.Property(i => i.AnswerStatus).HasMaxLength(20);
        builder.Property(i => i.AnswerComment).HasMaxLength(InquiryItem.CommentMaxLength);
        builder.Property(i => i.AnsweredBy).HasMaxLength(100);
        builder.Property(i => i.ClosedStatus).HasMaxLength(20);
        builder.Property(i => i.AnswerDelayReason).HasMaxLength(Milestone.TextMaxLength);
        builder.Property(i => i.AnswerCountermeasure).HasMaxLength(Milestone.TextMaxLength);
        // One question per thing and 課 in a round.
        builder.HasIndex(i => new { i.RoundId, i.Kind, i.TargetId, i.DepartmentId }).IsUnique();
        builder.HasOne(i => i.Department).WithMany().HasForeignKey(i => i.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InquiryResponseConfiguration : IEntityTypeConfiguration<InquiryResponse>
{
    public void Configure(EntityTypeBuilder<InquiryResponse> builder)
    {
        builder.Property(r => r.ReturnComment).HasMaxLength(InquiryItem.CommentMaxLength);
        builder.Property(r => r.SubmittedBy).HasMaxLength(100);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.RoundId, r.DepartmentId }).IsUnique();
        builder.HasOne(r => r.Department).WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MilestoneDepartmentEntryConfiguration : IEntityTypeConfiguration<MilestoneDepartmentEntry>
{
    public void Configure(EntityTypeBuilder<MilestoneDepartmentEntry> builder)
    {
        builder.Property(e => e.Comment).HasMaxLength(InquiryItem.CommentMaxLength);
        builder.Property(e => e.UpdatedBy).HasMaxLength(100);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.MilestoneId, e.DepartmentId }).IsUnique();
        builder.HasOne<Milestone>().WithMany().HasForeignKey(e => e.MilestoneId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Department).WithMany().HasForeignKey(e => e.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.Property(m => m.Key).HasMaxLength(OutgoingMail.KeyMaxLength);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.Kind).HasMaxLength(30);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.Address).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.Destination).HasMaxLength(500);
        builder.HasIndex(m => m.State);
        // Claiming a message (待ち → 送信中) checks the state it was read in, so two instances never both send it.
        builder.Property(m => m.State).IsConcurrencyToken();
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasOne<Identity.AppUser>().WithOne().HasForeignKey<NotificationPreference>(p => p.UserId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
