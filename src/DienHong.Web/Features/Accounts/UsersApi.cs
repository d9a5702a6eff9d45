using DienHong.Data;
using DienHong.Features.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DienHong.Features.Accounts;

public sealed record UserDto(string Id, string UserName, string? FullName, string? Email, int? OrganizationId, IReadOnlyList<string> Roles, IReadOnlyList<int> SiteIds, bool LockedOut);

public sealed record NewUserInput(string UserName, string Password, string? FullName = null, string? Email = null, int? OrganizationId = null, IReadOnlyList<string>? Roles = null, IReadOnlyList<int>? SiteIds = null);

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Roles.CanAdminister);
        users.MapGet("/", ListAsync);
        users.MapPost("/", CreateAsync);
        return users;
    }

    private static async Task<Ok<List<UserDto>>> ListAsync(DienHongDbContext db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Include(u => u.Sites).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return TypedResults.Ok(users.Select(u => new UserDto(
            u.Id, u.UserName!, u.FullName, u.Email, u.OrganizationId,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!)],
            [.. u.Sites.Select(s => s.SiteId)],
            u.LockoutEnd > now)).ToList());
    }

    private static async Task<Created<UserDto>> CreateAsync(NewUserInput input, UserManager<AppUser> users)
    {
        var unknownRoles = (input.Roles ?? []).Except(Roles.All).ToList();
        if (unknownRoles.Count > 0)
        {
            throw new RuleViolationException([new RuleViolation("Roles", "Vai trò không tồn tại: {0}.", string.Join(", ", unknownRoles))]);
        }

        var user = new AppUser { UserName = input.UserName, FullName = input.FullName, Email = input.Email, OrganizationId = input.OrganizationId };
        user.Sites.AddRange((input.SiteIds ?? []).Distinct().Select(id => new UserSite { UserId = user.Id, SiteId = id }));
        ThrowIfFailed(await users.CreateAsync(user, input.Password));
        ThrowIfFailed(await users.AddToRolesAsync(user, input.Roles ?? []));
        return TypedResults.Created($"/api/users/{user.Id}", new UserDto(user.Id, user.UserName, user.FullName, user.Email, user.OrganizationId, input.Roles ?? [], [.. user.Sites.Select(s => s.SiteId)], false));
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new RuleViolationException([.. result.Errors.Select(e => new RuleViolation(e.Code, e.Description))]);
        }
    }
}
