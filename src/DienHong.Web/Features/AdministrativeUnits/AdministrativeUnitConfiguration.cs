using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.AdministrativeUnits;

internal sealed class AdministrativeUnitConfiguration : IEntityTypeConfiguration<AdministrativeUnit>
{
    public void Configure(EntityTypeBuilder<AdministrativeUnit> unit)
    {
        unit.Property(u => u.Code).HasMaxLength(TextLimits.Code);
        unit.Property(u => u.Name).HasMaxLength(TextLimits.Name);
        unit.Property(u => u.SearchText).HasMaxLength(TextLimits.Name);
        unit.HasIndex(u => new { u.Code, u.ValidFrom }).IsUnique();
        unit.HasOne(u => u.Parent).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
