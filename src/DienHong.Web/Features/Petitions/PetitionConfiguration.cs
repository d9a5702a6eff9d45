using DienHong.Features.Meetings;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Petitions;

/// <summary>Limits of a petition's text: long enough for a written page, short enough to read in a meeting.</summary>
public static class PetitionLimits
{
    public const int Content = 4000;
    public const int Answer = TextLimits.Long;
    public const int AttachmentBytes = 10 * 1024 * 1024;
}

public sealed class PetitionFieldConfiguration : IEntityTypeConfiguration<PetitionField>
{
    /// <summary>The fields offices classify by; administrators may add more.</summary>
    public static readonly string[] Defaults =
    [
        "Đất đai", "Y tế", "Giáo dục", "Giao thông", "Môi trường", "Lao động, thương binh và xã hội", "Nông nghiệp",
        "Công thương", "Ngân hàng, tín dụng", "Điện", "An ninh, trật tự", "Chính sách, pháp luật", "Khác",
    ];

    public void Configure(EntityTypeBuilder<PetitionField> field)
    {
        field.Property(f => f.Name).HasMaxLength(TextLimits.Name);
        field.HasIndex(f => f.Name).IsUnique();
        field.HasData(Defaults.Select((name, i) => new PetitionField { Id = i + 1, Name = name, Order = i + 1 }));
    }
}

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> petition)
    {
        petition.Property(p => p.Content).HasMaxLength(PetitionLimits.Content);
        petition.Property(p => p.SearchText).HasMaxLength(PetitionLimits.Content + TextLimits.Name * 2);
        petition.Property(p => p.Terms).HasMaxLength(PetitionLimits.Content);
        petition.Property(p => p.VoterName).HasMaxLength(TextLimits.Short);
        petition.Property(p => p.VoterAddress).HasMaxLength(TextLimits.Name);
        petition.Property(p => p.Delegate).HasMaxLength(TextLimits.Short);
        petition.Property(p => p.TrackingCode).HasMaxLength(TextLimits.Code);
        petition.Property(p => p.RecordedBy).HasMaxLength(TextLimits.Name);
        petition.HasIndex(p => p.TrackingCode).IsUnique();
        petition.HasIndex(p => new { p.MeetingId, p.Id });
        petition.HasOne<Meeting>().WithMany().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        petition.HasOne(p => p.Site).WithMany().OnDelete(DeleteBehavior.SetNull);
        petition.HasOne(p => p.AdministrativeUnit).WithMany().OnDelete(DeleteBehavior.Restrict);
        petition.HasOne(p => p.Recommendation).WithMany(r => r.Petitions).HasForeignKey(p => p.RecommendationId).OnDelete(DeleteBehavior.Restrict);

        // The word index over SearchText is made by each provider's migrations SQL generator: an FTS5
        // table on SQLite, a stored tsvector column with a GIN index on PostgreSQL (PetitionSearch).
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> recommendation)
    {
        recommendation.Property(r => r.Content).HasMaxLength(PetitionLimits.Content);
        recommendation.Property(r => r.SearchText).HasMaxLength(PetitionLimits.Content);
        recommendation.Property(r => r.ClassifiedBy).HasMaxLength(TextLimits.Name);
        recommendation.HasIndex(r => new { r.MeetingId, r.Status });
        recommendation.HasIndex(r => new { r.AgencyId, r.Status });
        recommendation.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        recommendation.HasOne(r => r.Field).WithMany().OnDelete(DeleteBehavior.Restrict);
        recommendation.HasOne(r => r.Agency).WithMany().OnDelete(DeleteBehavior.Restrict);
        recommendation.HasMany(r => r.Referrals).WithOne(f => f.Recommendation).HasForeignKey(f => f.RecommendationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> referral)
    {
        referral.Property(r => r.ReferredBy).HasMaxLength(TextLimits.Name);
        referral.Property(r => r.AnsweredBy).HasMaxLength(TextLimits.Name);
        referral.Property(r => r.AnswerText).HasMaxLength(PetitionLimits.Answer);
        referral.Property(r => r.ReturnReason).HasMaxLength(TextLimits.Line);
        referral.HasIndex(r => new { r.AgencyId, r.Status, r.Deadline });
        referral.HasIndex(r => new { r.MeetingId, r.Status });
        referral.HasOne(r => r.Agency).WithMany().OnDelete(DeleteBehavior.Restrict);
        referral.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReferralId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnswerAttachmentConfiguration : IEntityTypeConfiguration<AnswerAttachment>
{
    public void Configure(EntityTypeBuilder<AnswerAttachment> attachment)
    {
        attachment.Property(a => a.FileName).HasMaxLength(TextLimits.Name);
        attachment.Property(a => a.ContentType).HasMaxLength(TextLimits.Short);
    }
}

internal sealed class PetitionScheduleConfiguration : IEntityTypeConfiguration<PetitionSchedule>
{
    public void Configure(EntityTypeBuilder<PetitionSchedule> schedule)
    {
        schedule.HasKey(s => s.MeetingId);
        schedule.HasOne<Meeting>().WithMany().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}
