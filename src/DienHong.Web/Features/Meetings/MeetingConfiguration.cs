using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Meetings;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> meeting)
    {
        meeting.Property(m => m.Title).HasMaxLength(TextLimits.Line);
        meeting.Property(m => m.SessionReference).HasMaxLength(TextLimits.Name);
        meeting.Property(m => m.Place).HasMaxLength(TextLimits.Short);
        meeting.Property(m => m.BackdropTitle).HasMaxLength(TextLimits.Line);
        meeting.Property(m => m.Purpose).HasMaxLength(TextLimits.Long);
        meeting.Property(m => m.Requirements).HasMaxLength(TextLimits.Long);
        meeting.Property(m => m.SignerName).HasMaxLength(TextLimits.Short);
        meeting.Property(m => m.SignerTitle).HasMaxLength(TextLimits.Name);
        meeting.Property(m => m.SignerOnBehalfOf).HasMaxLength(TextLimits.Name);
        meeting.Property(m => m.SignerCollective).HasMaxLength(TextLimits.Name);
        meeting.Property(m => m.SearchText).HasMaxLength(TextLimits.Line + TextLimits.Short + 1);
        meeting.HasIndex(m => m.StartsAt);
        meeting.Property(m => m.Version).IsConcurrencyToken();

        meeting.HasMany(m => m.Organizers).WithOne().HasForeignKey(o => o.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasMany(m => m.Phases).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasMany(m => m.LegalBases).WithOne().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasMany(m => m.Sites).WithOne().HasForeignKey(s => s.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasMany(m => m.AgendaItems).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasMany(m => m.Assignments).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        meeting.HasMany(m => m.Recipients).WithOne().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingOrganizerConfiguration : IEntityTypeConfiguration<MeetingOrganizer>
{
    public void Configure(EntityTypeBuilder<MeetingOrganizer> organizer) =>
        organizer.HasOne(o => o.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
}

internal sealed class MeetingPhaseConfiguration : IEntityTypeConfiguration<MeetingPhase>
{
    public void Configure(EntityTypeBuilder<MeetingPhase> phase) =>
        phase.Property(p => p.Name).HasMaxLength(TextLimits.Name);
}

internal sealed class LegalBasisConfiguration : IEntityTypeConfiguration<LegalBasis>
{
    public void Configure(EntityTypeBuilder<LegalBasis> basis) =>
        basis.Property(b => b.Text).HasMaxLength(TextLimits.Line);
}

internal sealed class RecipientConfiguration : IEntityTypeConfiguration<Recipient>
{
    public void Configure(EntityTypeBuilder<Recipient> recipient) =>
        recipient.Property(r => r.Name).HasMaxLength(TextLimits.Name);
}
