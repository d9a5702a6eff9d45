using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Auditing;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.UserId).HasMaxLength(TextLimits.Short);
        entry.Property(e => e.UserName).HasMaxLength(TextLimits.Name);
        entry.Property(e => e.EntityType).HasMaxLength(TextLimits.Short);
        entry.Property(e => e.EntityId).HasMaxLength(TextLimits.Short);
        entry.Property(e => e.Action).HasMaxLength(TextLimits.Code);
        entry.HasOne(e => e.Meeting).WithMany().OnDelete(DeleteBehavior.SetNull);
        entry.HasOne(e => e.Site).WithMany().OnDelete(DeleteBehavior.SetNull);
        entry.HasIndex(e => new { e.MeetingId, e.At });
    }
}
