using DienHong.Features.Organizations;
using Microsoft.AspNetCore.Identity;

namespace DienHong.Features.Accounts;

/// <summary>A person who signs in. Can be scoped to one organization and to some sites.</summary>
public class AppUser : IdentityUser
{
    public string? FullName { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public List<UserSite> Sites { get; set; } = [];
}

/// <summary>A site a user (typically a site operator) is responsible for.</summary>
public class UserSite
{
    public required string UserId { get; set; }
    public int SiteId { get; set; }
}
