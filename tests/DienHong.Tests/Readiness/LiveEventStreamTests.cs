using System.Security.Claims;
using DienHong.Features.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace DienHong.Tests.Readiness;

/// <summary>What an open SSE stream keeps of its request (the memory of an idle watcher).</summary>
public class LiveEventStreamTests
{
    private sealed class ScopedProbe : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task An_open_stream_lets_go_of_its_requests_services_and_signed_in_principal()
    {
        await using var services = new ServiceCollection().AddScoped<ScopedProbe>().BuildServiceProvider(validateScopes: true);
        var http = new DefaultHttpContext();
        var requestServices = new RequestServicesFeature(http, services.GetRequiredService<IServiceScopeFactory>());
        http.Features.Set<IServiceProvidersFeature>(requestServices);
        var probe = http.RequestServices.GetRequiredService<ScopedProbe>();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "thuky")], "cookie"));
        var signIn = new SignedInFeatures(principal);
        http.Features.Set<IHttpAuthenticationFeature>(signIn);
        http.Features.Set<IAuthenticateResultFeature>(signIn);
        Assert.True(http.User.Identity!.IsAuthenticated);

        await LiveEventStream.LetGoOfRequestStateAsync(http);

        Assert.True(probe.Disposed, "the request's scoped services are still held");
        Assert.False(http.User.Identity!.IsAuthenticated);
        Assert.Null(http.Features.Get<IAuthenticateResultFeature>()!.AuthenticateResult);
        // Whatever still asks for a service gets a fresh scope, disposed with the response.
        var later = http.RequestServices.GetRequiredService<ScopedProbe>();
        Assert.NotSame(probe, later);
        Assert.False(later.Disposed);
    }

    /// <summary>As the authentication middleware leaves them: the principal and the result it came from.</summary>
    private sealed class SignedInFeatures(ClaimsPrincipal principal) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        public AuthenticateResult? AuthenticateResult { get; set; } = AuthenticateResult.Success(new AuthenticationTicket(principal, "cookie"));

        public ClaimsPrincipal? User { get; set; } = principal;
    }
}
