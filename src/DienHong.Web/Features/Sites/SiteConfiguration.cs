using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Sites;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> site)
    {
        site.Property(s => s.Name).HasMaxLength(TextLimits.Name);
        site.Property(s => s.SearchText).HasMaxLength(TextLimits.Name);
        site.Property(s => s.Room).HasMaxLength(TextLimits.Name);
        site.Property(s => s.PresidingPerson).HasMaxLength(TextLimits.Name);
        site.Property(s => s.TechnicalContactName).HasMaxLength(TextLimits.Short);
        site.Property(s => s.TechnicalContactPhone).HasMaxLength(TextLimits.Code);
        site.HasOne(s => s.AdministrativeUnit).WithMany().OnDelete(DeleteBehavior.Restrict);
        // One host per meeting, kept by the database even when two people save at once.
        // (TRUE is understood by SQLite 3.23+ and PostgreSQL alike.)
        // A partial index serves only queries for hosts: loading a meeting's sites needs its own.
        site.HasIndex(s => s.MeetingId);
        site.HasIndex(s => s.MeetingId, "IX_Sites_OneHostPerMeeting").IsUnique().HasFilter("\"IsHost\" = TRUE");
    }
}
