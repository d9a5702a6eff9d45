using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Organizations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.Property(o => o.Name).HasMaxLength(TextLimits.Name);
        organization.Property(o => o.ShortName).HasMaxLength(TextLimits.Short);
        organization.Property(o => o.SearchText).HasMaxLength(TextLimits.Name + TextLimits.Short + 1);
        organization.HasOne(o => o.Parent).WithMany().OnDelete(DeleteBehavior.Restrict);
        organization.HasOne(o => o.AdministrativeUnit).WithMany().OnDelete(DeleteBehavior.SetNull);
        organization.HasIndex(o => o.Name);
    }
}
