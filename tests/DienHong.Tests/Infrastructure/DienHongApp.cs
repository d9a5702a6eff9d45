using System.Net.Http.Json;
using DienHong.Data;
using DienHong.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Infrastructure;

/// <summary>
/// The whole platform hosted in-process on a <see cref="TestDatabase"/>, with helpers to create
/// users in a role and sign them in through the real sign-in endpoint.
/// </summary>
public sealed class DienHongApp(TestDatabase database, bool seedDemo = false, bool ownsDatabase = true) : WebApplicationFactory<Program>
{
    public const string Password = "Mat-khau-123";

    public TestDatabase Database { get; } = database;

    /// <summary>Extra configuration (Section:Key → value), set before the app starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The app's clock when a test sets one (a FakeTimeProvider it moves by hand); the system clock otherwise.</summary>
    public TimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        // Outside Development the host does not map the static web assets of referenced packages
        // (blazor.web.js); a published app has them copied, a test host needs them mapped.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Admin:Password", Password);
        builder.UseSetting("Demo:Seed", seedDemo ? "true" : "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>Creates a user in <paramref name="role"/> (scoped to <paramref name="siteIds"/>) and returns a client signed in as them.</summary>
    public Task<HttpClient> SignedInClientAsync(string role, params int[] siteIds) => SignedInClientAsync(role, organizationId: null, siteIds);

    /// <summary>As above, with the user also scoped to an organization.</summary>
    public async Task<HttpClient> SignedInClientAsync(string role, int? organizationId, params int[] siteIds) =>
        await SignInAsync(await CreateUserAsync(role, organizationId, siteIds), Password);

    /// <summary>Creates a user in <paramref name="role"/> with <see cref="Password"/> and returns their user name.</summary>
    public async Task<string> CreateUserAsync(string role, int? organizationId = null, params int[] siteIds)
    {
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, FullName = role, OrganizationId = organizationId };
        user.Sites.AddRange(siteIds.Select(id => new UserSite { UserId = user.Id, SiteId = id }));
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return userName;
    }

    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/account/login", new SignInRequest(userName, password));
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName} failed: {(int)response.StatusCode}");
        return client;
    }

    public async Task<HttpClient> AdministratorClientAsync() => await SignInAsync("admin", Password);

    /// <summary>A context on the app's database, for arranging data and checking what landed.</summary>
    public DienHongDbContext CreateContext() => Database.CreateContext();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
