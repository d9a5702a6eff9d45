using System.Security.Cryptography;
using DienHong.Data;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace DienHong.Features.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddDienHongAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                // Guessing is counted per account and client address by SignInGuard; Identity's own
                // lockout stays for an administrator who locks an account.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<DienHongDbContext>()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "dienhong.auth";
            // Secure whenever the request came over TLS, directly or through a trusted proxy (forwarded headers).
            cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // The API answers 401/403 instead of redirecting to the sign-in page.
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.CanPlanMeetings, policy => policy.RequireRole(Roles.Administrator, Roles.Secretariat))
            .AddPolicy(Roles.CanAdminister, policy => policy.RequireRole(Roles.Administrator));
        // Keys in the database: cookies and signed codes survive restarts and hold across nodes.
        services.AddDataProtection().SetApplicationName("DienHong").PersistKeysToDbContext<DienHongDbContext>();
        services.AddScoped<ISecurityStampValidator, SessionStampValidator>();
        services.AddScoped<SignInGuard>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentUser>();
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        services.AddScoped<MeetingAccess>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Open Blazor circuits check the session's security stamp (after AddRazorComponents, whose own provider this replaces).</summary>
    public static IServiceCollection AddDienHongCircuitRevalidation(this IServiceCollection services) =>
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAuthenticationState>();

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Creates the roles and, on first start, the administrator: its password comes from
    /// configuration (Admin:Password) or is generated and printed once.
    /// </summary>
    public static async Task EnsureRolesAndAdministratorAsync(this IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var userName = configuration["Admin:UserName"] ?? "admin";
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var configured = configuration["Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new AppUser { UserName = userName, FullName = "Quản trị hệ thống", Email = configuration["Admin:Email"] };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Cannot create the administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Administrator);
        if (string.IsNullOrEmpty(configured))
        {
            logger.LogWarning("First start: administrator '{UserName}' created with password {Password} — shown only this once; change it after signing in.", userName, password);
        }
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "7a";
}
