using DienHong.Features.Meetings;
using DienHong.Features.Organizations;
using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Readiness;

internal sealed class ReadinessCheckConfiguration : IEntityTypeConfiguration<ReadinessCheck>
{
    public void Configure(EntityTypeBuilder<ReadinessCheck> check)
    {
        check.Property(c => c.Name).HasMaxLength(TextLimits.Name);
        check.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
        check.HasIndex(c => new { c.MeetingId, c.Order });
    }
}

internal sealed class ReadinessMarkConfiguration : IEntityTypeConfiguration<ReadinessMark>
{
    public void Configure(EntityTypeBuilder<ReadinessMark> mark)
    {
        mark.Property(m => m.Note).HasMaxLength(TextLimits.Line);
        mark.Property(m => m.SetBy).HasMaxLength(TextLimits.Name);
        mark.Property(m => m.Version).IsConcurrencyToken();
        mark.HasOne<Site>().WithMany().HasForeignKey(m => m.SiteId).OnDelete(DeleteBehavior.Cascade);
        mark.HasOne<ReadinessCheck>().WithMany().HasForeignKey(m => m.CheckId).OnDelete(DeleteBehavior.Cascade);
        mark.HasOne<ReadinessPhoto>().WithMany().HasForeignKey(m => m.PhotoId).OnDelete(DeleteBehavior.SetNull);
        // One state per site and check: two first ticks at once cannot both land.
        mark.HasIndex(m => new { m.SiteId, m.CheckId }).IsUnique();
        mark.HasIndex(m => m.MeetingId);
    }
}

internal sealed class ReadinessPhotoConfiguration : IEntityTypeConfiguration<ReadinessPhoto>
{
    public void Configure(EntityTypeBuilder<ReadinessPhoto> photo)
    {
        photo.Property(p => p.ContentType).HasMaxLength(TextLimits.Code);
        photo.Property(p => p.UploadedBy).HasMaxLength(TextLimits.Name);
        photo.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Cascade);
        photo.HasIndex(p => p.MeetingId);
    }
}

internal sealed class ConnectionTestConfiguration : IEntityTypeConfiguration<ConnectionTest>
{
    public void Configure(EntityTypeBuilder<ConnectionTest> test)
    {
        test.Property(t => t.StartedBy).HasMaxLength(TextLimits.Name);
        test.Property(t => t.EndedBy).HasMaxLength(TextLimits.Name);
        test.Property(t => t.Remarks).HasMaxLength(TextLimits.Line);
        test.Property(t => t.Version).IsConcurrencyToken();
        test.HasOne<Site>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Cascade);
        test.HasIndex(t => new { t.SiteId, t.StartedAt });
        // At most one unfinished run per site, even when two people press "start" at once.
        test.HasIndex(t => t.SiteId).IsUnique().HasFilter("\"EndedAt\" IS NULL").HasDatabaseName("IX_ConnectionTests_Running");
        test.HasIndex(t => t.MeetingId);
    }
}

internal sealed class ChecklistTemplateItemConfiguration : IEntityTypeConfiguration<ChecklistTemplateItem>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplateItem> item)
    {
        item.Property(i => i.Name).HasMaxLength(TextLimits.Name);
        item.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        item.HasIndex(i => new { i.OrganizationId, i.Kind, i.Order });
    }
}
