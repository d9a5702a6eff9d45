using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Participants;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> participant)
    {
        participant.Property(p => p.PersonName).HasMaxLength(TextLimits.Short);
        participant.Property(p => p.SearchText).HasMaxLength(TextLimits.Short + TextLimits.Name + 1);
        participant.Property(p => p.Title).HasMaxLength(TextLimits.Name);
        participant.Property(p => p.OrganizationName).HasMaxLength(TextLimits.Name);
        participant.Property(p => p.Email).HasMaxLength(TextLimits.Short);
        participant.Property(p => p.Phone).HasMaxLength(TextLimits.Code);
        participant.Ignore(p => p.DisplayName);
        // Removing a site leaves its participants unplaced rather than deleting people.
        participant.HasOne(p => p.Site).WithMany().OnDelete(DeleteBehavior.SetNull);
        participant.HasOne(p => p.Organization).WithMany().OnDelete(DeleteBehavior.Restrict);
        // A delegate's account is one participant of a meeting; removing the account keeps the person.
        participant.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        participant.HasIndex(p => new { p.MeetingId, p.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
    }
}
