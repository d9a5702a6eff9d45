using System.Security.Claims;
using DienHong.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DienHong.Features.Accounts;

/// <summary>
/// A session lives only as long as its user's security stamp: signing out, a new password, a change
/// of roles, organization or sites, or a lock renews the stamp, and every cookie and open Blazor
/// circuit issued before is refused. One small query per request, instead of Identity's default of
/// checking every 30 minutes.
/// </summary>
internal static class SessionStamp
{
    public static async Task<bool> IsCurrentAsync(DienHongDbContext db, ClaimsPrincipal principal, IdentityOptions options, CancellationToken cancellationToken = default)
    {
        var id = principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType);
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || stamp is null)
        {
            return false;
        }

        // LockoutEnd is compared here, not in SQL: SQLite cannot compare DateTimeOffset values.
        var current = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        return current is not null && current.SecurityStamp == stamp && !(current.LockoutEnd > DateTimeOffset.UtcNow);
    }
}

/// <summary>Checks the cookie's stamp on every request (see <see cref="SessionStamp"/>).</summary>
internal sealed class SessionStampValidator(DienHongDbContext db, IOptions<IdentityOptions> options) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && await SessionStamp.IsCurrentAsync(db, principal, options.Value, context.HttpContext.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>An open Blazor circuit checks the stamp too, every Accounts:CircuitRevalidation (default one minute).</summary>
internal sealed class RevalidatingAuthenticationState(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval { get; } = configuration.GetValue("Accounts:CircuitRevalidation", TimeSpan.FromMinutes(1));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SessionStamp.IsCurrentAsync(scope.ServiceProvider.GetRequiredService<DienHongDbContext>(), authenticationState.User, options.Value, cancellationToken);
    }
}
