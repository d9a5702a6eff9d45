using DienHong.Features.Sites;
using DienHong.Features.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DienHong.Features.Accounts;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.FullName).HasMaxLength(TextLimits.Short);
        user.HasOne(u => u.Organization).WithMany().OnDelete(DeleteBehavior.SetNull);
        user.HasMany(u => u.Sites).WithOne().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserSiteConfiguration : IEntityTypeConfiguration<UserSite>
{
    public void Configure(EntityTypeBuilder<UserSite> userSite)
    {
        userSite.HasKey(s => new { s.UserId, s.SiteId });
        userSite.HasOne<Site>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
