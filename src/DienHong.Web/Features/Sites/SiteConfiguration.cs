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
    }
}
