using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DienHong.Features.Accounts;

/// <summary>
/// Who is acting in this scope, for audit entries and scoping. An HTTP request sets it from
/// HttpContext; an interactive Blazor circuit (where HttpContext is not available) sets it from its
/// authentication state.
/// </summary>
public sealed class CurrentUser
{
    public ClaimsPrincipal Principal { get; set; } = new(new ClaimsIdentity());

    public string? Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => Principal.Identity?.Name ?? "hệ thống";

    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>True for roles that see every site of a meeting; a site operator sees only theirs.</summary>
    public bool SeesAllSites => !IsInRole(Roles.SiteOperator) || IsInRole(Roles.Administrator) || IsInRole(Roles.Secretariat);
}

internal sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authentication, CurrentUser currentUser, Microsoft.AspNetCore.Components.NavigationManager navigation, Microsoft.JSInterop.IJSRuntime js) : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationChanged;
        return SetAsync(authentication.GetAuthenticationStateAsync());
    }

    private void OnAuthenticationChanged(Task<AuthenticationState> state) => _ = SetAsync(state);

    /// <summary>When revalidation ends the session (signed out elsewhere, roles changed), the page goes to sign-in.</summary>
    private async Task SetAsync(Task<AuthenticationState> state)
    {
        var wasSignedIn = currentUser.Principal.Identity?.IsAuthenticated == true;
        currentUser.Principal = (await state).User;
        if (wasSignedIn && currentUser.Principal.Identity?.IsAuthenticated != true)
        {
            // Through the browser, not NavigationManager: this runs off the circuit's dispatcher, where a page
            // holding a NavigationLock (the meeting editor) would make NavigateTo fail unseen. The session is over
            // either way; the browser still asks before unsaved changes are lost.
            await Microsoft.JSInterop.JSRuntimeExtensions.InvokeVoidAsync(js, "location.assign", navigation.ToAbsoluteUri("account/login").ToString());
        }
    }


    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
}
